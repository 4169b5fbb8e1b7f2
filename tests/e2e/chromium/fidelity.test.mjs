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
import { launch, startServer, e2eDir } from '../helpers.mjs';
import { checkSite, formatSummary, sourceText, words, compareWords } from '../../support/fidelity.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = process.env.SINMUN_KOREANEWS || path.resolve(root, '../shared/corpus/koreanews/_posts');
const site = path.join(e2eDir, 'koreanews');

/** Every 25th article: 300 of the 7,478. */
const EVERY = 25;
/**
 * Measured (2024 corpus, this commit): 101,320 of 101,362 words = 99.9586%.
 * The 42 lost words are all in two posts whose raw HTML the browser's parser
 * swallows, on the original Jekyll site too (see KNOWN_LOSSES); any other loss
 * fails the test.
 */
const THRESHOLD = 0.99958;
const KNOWN_LOSSES = {
  6440: 'text in angle brackets: `<KGM이 새롭게 … 자랑합니다.` is parsed as a <kgm이> tag',
  4971: 'a closing tag without `>`: `…없다</b고 하였습니다. … <b>` is one long end tag',
};

let browser;
before(async () => {
  // (Re)build when missing, or when the site carries another app bundle than
  // target/app/root (the site folder holds its own copy of the app).
  const wasm = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.wasm')).sort().join() : '');
  const app = path.join(root, 'target/app/root');
  const stale = wasm(app) !== '' && wasm(site) !== wasm(app);
  if (!fs.existsSync(path.join(site, 'data', 'articles')) || stale) {
    if (!fs.existsSync(corpus)) return; // the tests below skip
    const converter = path.join(root, 'target/native/sinmun-convert');
    const run = (command, args) => {
      const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
      assert.equal(r.status, 0, `${command} ${args.join(' ')} failed`);
    };
    if (fs.existsSync(converter) && fs.existsSync(path.join(app, 'index.html'))) {
      run(converter, [corpus, site, '--app-dir', app, '-q', '--keep-going', '--bodies-in-data']);
    } else {
      // Builds the app bundle and the converter first.
      run('cargo', ['xtask', 'site', corpus, site, '--keep-going', '--bodies-in-data']);
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
  assert.equal(text('<p><b>“좋다”</b는 <a href="u"target="_blank">가기</a></h3\n<p x="1">끝'), '좋다 는 가기 끝');
  // Markdown is not read inside raw HTML blocks: backticks there are literal, tags are tags
  assert.equal(text('<p>할 `<b>중요</b>`, 우리</p>\n\n본문 `<i>`'), '할 중요 우리 본문 i');
  // a number after a bullet starts a nested ordered list: it is a marker, not text
  assert.equal(text('  * 1) **출항** 확인\n  * 2) 여유'), '출항 확인 여유');
});

test('matching is ordered and ignores how tags split words', () => {
  // the longest common subsequence keeps 정책은…공감; 끝 is out of order, on screen
  const r = compareWords(['정책', '은', '공감', '끝'], '정책은 끝 공감');
  assert.equal(r.found, 4);
  assert.deepEqual(r.missing.map((m) => [m.word, m.moved]), [['끝', true]]);
  assert.equal(compareWords(['가', '나'], '가').found, 1);
});

test(`every word of the koreanews sample (every ${EVERY}th post) is rendered`, async (t) => {
  if (!browser || !fs.existsSync(path.join(site, 'data', 'articles'))) {
    t.skip(`no koreanews corpus at ${corpus}`);
    return;
  }
  const summary = await checkSite({ site, browser, startServer, every: EVERY });
  for (const line of formatSummary(summary).split('\n')) t.diagnostic(line);
  assert.ok(summary.posts >= 250, `only ${summary.posts} posts checked`);
  assert.deepEqual(summary.problems, [], 'every sampled article renders');
  const unexpected = summary.results.filter((p) => !(p.slug in KNOWN_LOSSES));
  assert.deepEqual(unexpected.map((p) => `${p.slug}: ${p.missing.slice(0, 10).join(' ')}`), [],
    'posts with lost words besides the known ones');
  assert.ok(summary.fidelity >= THRESHOLD,
    `fidelity ${(100 * summary.fidelity).toFixed(3)}% < ${(100 * THRESHOLD).toFixed(3)}%\n${formatSummary(summary)}`);
});

test('going from one article straight to another shows only the new body', async (t) => {
  if (!browser || !fs.existsSync(path.join(site, 'data', 'articles'))) { t.skip('no koreanews site'); return; }
  const server = await startServer({ root: site, mode: 'pages' });
  const context = await browser.newContext();
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1'
    ? route.continue() : route.abort()));
  try {
    const page = await context.newPage();
    const read = (slug) => JSON.parse(fs.readFileSync(path.join(site, 'data/articles', `${slug}.json`), 'utf8'));
    const next = read('1018');
    await page.goto(server.url('/posts/1'));
    await page.locator('article .article-body p').first().waitFor();
    const before = (await page.locator('article .article-body').textContent()).replace(/\s+/g, ' ').trim();
    await page.evaluate(() => {
      history.pushState(null, '', '/posts/1018');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.waitForFunction((title) => document.querySelector('article h1')?.textContent === title, next.title);
    await page.waitForTimeout(200);
    const body = (await page.locator('article .article-body').textContent()).replace(/\s+/g, ' ').trim();
    const result = compareWords(words(sourceText(next.body.source)), body);
    assert.equal(result.found, result.expected, 'every word of the new article');
    assert.ok(!body.includes(before.slice(0, 80)), `the previous article's body is still there: “${body.slice(0, 60)}”`);
  } finally {
    await context.close();
    server.close();
  }
});
