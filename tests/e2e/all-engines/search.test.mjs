// Search (issue #16) in every engine, on the bundled sample site: the box in
// the masthead (`/` focuses it, typing shows results, Escape leaves it,
// ArrowDown moves into the results), deep-linkable results restored by back
// and forward, the category filter, the empty state, hostile queries shown
// as text, and nothing of search loaded before a reader searches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, e2eDir, screenshotDir } from '../helpers.mjs';
import { engineSession } from '../engines/index.mjs';

const session = engineSession(before, after);
let server;
before(async () => {
  server = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages', hook: true });
});
after(() => server?.close());

const SEMICONDUCTOR = 'semiconductor-exports-rebound';

/** Until the search view shows its outcome for `query`; the status element's state. */
function searched(page, query) {
  return page.waitFor((q) => {
    const s = document.querySelector('.search-status');
    return s && s.dataset.query === q && ['done', 'empty', 'error', 'idle'].includes(s.dataset.state) && s.dataset.state;
  }, query, { what: `the results for ${query}` });
}

const resultSlugs = (page) => page.all('.search-result-link', (links) => links.map((a) => a.pathname.split('/').filter(Boolean).pop()));

/** Type `text` into the masthead box as an input method would deliver it. */
const type = (page, text) => page.eval((t) => {
  const input = document.querySelector('.site-search input');
  input.focus();
  input.value = t;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}, text);

test('a search URL shows ranked, highlighted results and nothing of search loads before', async () => {
  const page = await session.browser.newPage();
  await page.goto(server.url('/'));
  await page.waitForSelector('.card');
  const early = await page.eval(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /search/.test(n)));
  assert.deepEqual(early, [], 'the front page fetched nothing of search');
  await page.goto(server.url('/search/?q=%EB%B0%98%EB%8F%84%EC%B2%B4'));
  assert.equal(await searched(page, '반도체'), 'done');
  const slugs = await resultSlugs(page);
  assert.equal(slugs[0], SEMICONDUCTOR, `the article with 반도체 in its title first: ${slugs}`);
  const marks = await page.texts('.search-result mark');
  assert.ok(marks.length > 0 && marks.every((m) => m === '반도체'), `marked: ${marks}`);
  assert.match(await page.title(), /반도체/);
  assert.equal(await page.eval(() => document.querySelector('.site-search input').value), '반도체', 'the box shows the query');
  await page.screenshot(path.join(screenshotDir, `search-${page.engine}.png`));
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('typing finds words inside words and Latin prefixes; / focuses, Escape leaves, arrows move', async () => {
  const page = await session.browser.newPage();
  await page.goto(server.url('/'));
  await page.waitForSelector('.card');
  await page.eval(() => document.body.focus());
  await page.press('/');
  await page.waitFor(() => document.activeElement?.matches('.site-search input'), null, { what: '/ focusing the box' });
  // 정책과 is only ever inside 경제정책과
  await type(page, '정책과');
  assert.equal(await searched(page, '정책과'), 'done');
  assert.ok((await resultSlugs(page)).includes(SEMICONDUCTOR));
  assert.match(await page.path(), /\/search\/$/);
  assert.equal(await page.eval(() => new URLSearchParams(location.search).get('q')), '정책과');
  assert.ok(await page.eval(() => document.activeElement?.matches('.site-search input')), 'the focus stays in the box');
  await type(page, 'DEVELOP');
  assert.equal(await searched(page, 'DEVELOP'), 'done');
  assert.deepEqual((await resultSlugs(page)).slice(0, 1), ['open-data-portal-api'], 'a Latin prefix, any case');
  await page.press('ArrowDown');
  assert.ok(await page.eval(() => document.activeElement?.classList.contains('search-result-link')), 'ArrowDown: the first result');
  await page.eval(() => { document.querySelector('.site-search input').focus(); return true; });
  await page.press('Escape');
  assert.ok(await page.eval(() => !document.activeElement?.matches('.site-search input')), 'Escape leaves the box');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('back and forward restore a search and its results', async () => {
  const page = await session.browser.newPage();
  await page.goto(server.url('/search/?q=%EC%88%98%EC%B6%9C'));
  assert.equal(await searched(page, '수출'), 'done');
  const before = await resultSlugs(page);
  await page.click('.search-result-link');
  await page.waitForSelector('.article-title');
  await page.back();
  assert.equal(await searched(page, '수출'), 'done');
  assert.deepEqual(await resultSlugs(page), before);
  assert.equal(await page.eval(() => document.querySelector('.site-search input').value), '수출');
  await page.forward();
  await page.waitForSelector('.article-title');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('the category filter narrows the results', async () => {
  const page = await session.browser.newPage();
  await page.goto(server.url('/search/?q=%ED%95%B4%EC%98%A8'));
  assert.equal(await searched(page, '해온'), 'done');
  const all = (await resultSlugs(page)).length;
  const categories = await page.texts('.search-categories a');
  assert.ok(categories.length >= 2, `a filter: ${categories}`);
  await page.click('.search-categories li:nth-child(2) a');
  await page.waitFor(() => new URLSearchParams(location.search).get('category'), null, { what: 'the category in the URL' });
  assert.equal(await searched(page, '해온'), 'done');
  const narrowed = (await resultSlugs(page)).length;
  assert.ok(narrowed > 0 && narrowed <= all, `${narrowed} of ${all}`);
  assert.equal(await page.attr('.search-categories li:nth-child(2) a', 'aria-current'), 'page');
  await page.close();
});

test('no results, punctuation, long and hostile queries are shown as text', async () => {
  const page = await session.browser.newPage();
  await page.goto(server.url('/search/?q=zzqqxxkk'));
  assert.equal(await searched(page, 'zzqqxxkk'), 'empty');
  assert.match(await page.text('.search-empty'), /zzqqxxkk/);
  assert.ok(await page.count('.search-empty li') >= 2, 'suggestions');
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  await page.goto(server.url(`/search/?q=${encodeURIComponent(hostile)}`));
  await searched(page, hostile);
  assert.equal(await page.count('.search-output img, .search-output script'), 0, 'no markup from the query');
  await page.goto(server.url('/search/?q=%21%21%3F%3F'));
  assert.equal(await searched(page, '!!??'), 'empty');
  const long = '반도체'.repeat(340);
  await page.goto(server.url(`/search/?q=${encodeURIComponent(long)}`));
  await searched(page, long);
  assert.deepEqual(await page.dialogs(), []);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
