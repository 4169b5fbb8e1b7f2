// Body fidelity on real posts: every word of a post's body text appears in the
// rendered article. A deterministic sample (every 25th article by slug, ~300
// posts) of the koreanews corpus; the whole corpus is a benchmark run:
//   node tests/support/fidelity.mjs --site target/e2e/koreanews --every 1
// See tests/support/fidelity.mjs for what "word" and "found" mean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, startServer, e2eDir } from './helpers.mjs';
import { checkSite, formatSummary, sourceText, words, compareWords } from '../support/fidelity.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = process.env.SINMUN_KOREANEWS || path.resolve(root, '../shared/corpus/koreanews/_posts');
const site = path.join(e2eDir, 'koreanews');

/** Every 25th article: 300 of the 7,478. */
const EVERY = 25;
/**
 * Measured on the sample: see the report of the fidelity work. The only misses
 * are text the browser's HTML parser takes for a tag inside raw HTML
 * (`<K-공감>`, `</b는 …`), lost on the original Jekyll site too.
 */
const THRESHOLD = 0.9995;

let browser;
before(async () => {
  if (!fs.existsSync(path.join(site, 'data', 'articles'))) {
    if (!fs.existsSync(corpus)) return; // the tests below skip
    const converter = path.join(root, 'target/native/sinmun-convert');
    const app = path.join(root, 'target/app/root');
    const run = (command, args) => {
      const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
      assert.equal(r.status, 0, `${command} ${args.join(' ')} failed`);
    };
    if (fs.existsSync(converter) && fs.existsSync(path.join(app, 'index.html'))) {
      run(converter, [corpus, site, '--app-dir', app, '-q', '--keep-going']);
    } else {
      // Builds the app bundle and the converter first.
      run('cargo', ['xtask', 'site', corpus, site, '--keep-going']);
    }
  }
  browser = await launch();
});
after(async () => { await browser?.close(); });

test('word extraction follows what a reader sees of the source', () => {
  const text = (source) => words(sourceText(source)).join(' ');
  // tags and attributes go, inline tags do not split words, entities are decoded after tags
  assert.equal(text('<p data-ke-size="size16"><b>정책</b>은 &lt;b&gt; 5&amp;6</p>'), '정책은 b 5 6');
  // images go, link texts stay, URLs go, autolinks are text, definitions go
  assert.equal(text('![사진](http://x/a.png) [기사 보기](http://x/y?a=1 "제목") <https://x.kr>\n\n[r]: http://z'), '기사 보기 https x kr');
  // code is verbatim
  assert.equal(text('```html\n<b>굵게</b>\n```\n`<i>`'), 'b 굵게 b i');
  // comments and hidden elements go; ordered-list numbers and task markers go
  assert.equal(text('<!-- 메모 --><title>제목</title><style>p{}</style>\n\n1. 하나\n2. 둘\n- [x] 끝'), '하나 둘 끝');
  // text in angle brackets is text; typos in real tags are markup
  assert.equal(text('<p>정책주간지 <K-공감>에서</p>'), '정책주간지 K 공감 에서');
  assert.equal(text('<b>“좋다”</b는 <a href="u"target="_blank">가기</a></h3\n<p x="1">끝'), '좋다 는 가기 끝');
});

test('matching is ordered and ignores how tags split words', () => {
  // the longest common subsequence keeps 정책은…공감; 끝 is out of order
  const r = compareWords(['정책', '은', '공감', '끝'], '정책은 끝 공감');
  assert.equal(r.found, 3);
  assert.deepEqual(r.missing.map((m) => [m.word, m.moved]), [['끝', true]]);
  assert.equal(compareWords(['가', '나'], '가').found, 1);
});

test(`every word of the koreanews sample (every ${EVERY}th post) is rendered`, async (t) => {
  if (!browser || !fs.existsSync(path.join(site, 'data', 'articles'))) {
    t.skip(`no koreanews corpus at ${corpus}`);
    return;
  }
  const summary = await checkSite({ site, browser, startServer, every: EVERY });
  t.diagnostic(formatSummary(summary));
  console.log(formatSummary(summary));
  assert.ok(summary.posts >= 250, `only ${summary.posts} posts checked`);
  assert.deepEqual(summary.problems, [], 'every sampled article renders');
  assert.ok(summary.fidelity >= THRESHOLD,
    `fidelity ${(100 * summary.fidelity).toFixed(3)}% < ${(100 * THRESHOLD).toFixed(3)}%\n${formatSummary(summary)}`);
});

test('going from one article straight to another shows the new body', {
  todo: 'the <article> view is rebuilt in place (same AnyView type), so the .article-body div keeps '
    + 'the previous article’s nodes: BodyView inserts its fragment only from NodeRef::on_load, '
    + 'which runs once per element',
}, async (t) => {
  if (!browser || !fs.existsSync(path.join(site, 'data', 'articles'))) { t.skip('no koreanews site'); return; }
  const server = await startServer({ root: site, mode: 'pages' });
  const context = await browser.newContext();
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1'
    ? route.continue() : route.abort()));
  try {
    const page = await context.newPage();
    const read = (slug) => JSON.parse(fs.readFileSync(path.join(site, 'data/articles', `${slug}.json`), 'utf8'));
    const [a, b] = [read('1'), read('1018')];
    await page.goto(server.url('/posts/1'));
    await page.locator('article h1').waitFor();
    await page.evaluate(() => {
      history.pushState(null, '', '/posts/1018');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.waitForFunction((title) => document.querySelector('article h1')?.textContent === title, b.title);
    const body = await page.locator('article .article-body').textContent();
    const result = compareWords(words(sourceText(b.body.source)), body);
    assert.ok(result.found / result.expected > 0.99,
      `after /posts/1 → /posts/1018 the body has ${result.found}/${result.expected} of 1018’s words `
      + `(it starts “${body.trim().slice(0, 40)}”, article 1 starts “${words(sourceText(a.body.source)).slice(0, 6).join(' ')}”)`);
  } finally {
    await context.close();
    server.close();
  }
});
