// Article bodies (issue "Article bodies"): structure, Tistory presets, links,
// images, headings and the table of contents, on the bundled sample posts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, newPage, e2eDir, bodyRendered } from './helpers.mjs';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages' });
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function open(page, slug) {
  await page.goto(server.url(`/posts/${slug}`));
  await bodyRendered(page);
}

test('Markdown bodies: tables, lists, code, quotes, footnotes, task lists, strikethrough', async () => {
  const page = await newPage(browser);
  await open(page, 'open-data-portal-api');
  const body = page.locator('.article-body');
  assert.ok(await body.locator('pre code').count() >= 1, 'fenced code');
  assert.ok(await body.locator('p code, li code').count() >= 1, 'inline code');
  assert.ok(await body.locator('del').count() >= 1, 'strikethrough');
  assert.ok(await body.locator('li > .task').count() >= 2, 'task list');
  assert.ok(await body.locator('li > .task-done').count() >= 1, 'done task');
  assert.ok(await body.locator('.footnote-definition').count() >= 1, 'footnote');
  await open(page, 'semiconductor-exports-rebound');
  assert.ok(await page.locator('.article-body .table-scroll > table th').count() >= 2, 'table wrapped for scrolling');
  assert.ok(await page.locator('.article-body ol li').count() >= 2, 'ordered list');
  // GFM column alignment survives the strict CSP (applied through CSSOM).
  await open(page, 'ev-charger-standard');
  const aligns = await page.locator('.article-body td').evaluateAll((tds) => tds.map((td) => getComputedStyle(td).textAlign));
  assert.ok(aligns.includes('right'), `no right-aligned cell: ${aligns}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('headings get unique Korean-friendly ids, anchors and a table of contents', async () => {
  const page = await newPage(browser);
  await open(page, 'korean-web-typography');
  const ids = await page.locator('.article-body :is(h2,h3)').evaluateAll((els) => els.map((e) => e.id));
  assert.ok(ids.length >= 4);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const id of ids) assert.match(id, /^h-[\p{L}\p{N}]/u);
  assert.ok(ids.some((id) => /[가-힣]/.test(id)), 'Korean text stays Korean in ids');
  const toc = page.locator('nav.toc a');
  assert.equal(await toc.count(), ids.length);
  assert.equal(await toc.first().getAttribute('href'), `#${ids[0]}`);
  // Following a TOC link scrolls to its heading and keeps the article on screen.
  await toc.nth(ids.length - 1).click();
  await page.waitForFunction((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return window.scrollY > 0 && r.top >= -5 && r.bottom <= window.innerHeight;
  }, ids[ids.length - 1]);
  assert.match(decodeURIComponent(page.url()), new RegExp(`/posts/korean-web-typography#${ids[ids.length - 1]}$`));
  assert.ok(await page.locator('article h1').count() === 1);
  // An article with fewer than three headings has no table of contents.
  await open(page, 'winter-shelter-volunteers');
  assert.equal(await page.locator('nav.toc').count(), 0);
  await page.context().close();
});

test('Tistory HTML: coloured emphasis kept through CSSOM, spacers collapsed, size presets styled', async () => {
  const page = await newPage(browser);
  await open(page, 'haeon-port-automation');
  const span = page.locator('.article-body b > span').first();
  assert.equal(await span.evaluate((e) => getComputedStyle(e).color), 'rgb(238, 35, 35)');
  assert.equal(await span.getAttribute('style') === null || !(await span.getAttribute('style')).includes('position'), true);
  const blanks = await page.locator('.article-body p').evaluateAll(
    (ps) => ps.filter((p) => p.textContent.replace(/[\s\u00a0]/g, '') === '' && !p.querySelector('img')).length);
  assert.equal(blanks, 0, 'empty &nbsp; paragraphs are removed');
  const h2 = page.locator('.article-body h2[data-ke-size]').first();
  assert.ok(await h2.count() === 1);
  await open(page, 'china-tech-regulation');
  const p16 = page.locator('.article-body p[data-ke-size^="size16"]').first();
  if (await p16.count()) {
    assert.equal(await p16.evaluate((e) => getComputedStyle(e).fontSize), '17px');
  }
  await page.context().close();
});

test('links: internal ones navigate inside the app, external ones get rel', async () => {
  const page = await newPage(browser);
  await open(page, 'weekly-briefing');
  await page.evaluate(() => { window.__stillHere = true; });
  const external = page.locator('.article-body a[href^="http"]').first();
  if (await external.count()) {
    assert.equal(await external.getAttribute('rel'), 'noopener noreferrer nofollow ugc');
  }
  const internal = page.locator('.article-body a[href^="/posts/"]').first();
  const target = await internal.getAttribute('href');
  const oldTitle = await page.locator('article h1').innerText();
  const oldFirstParagraph = await page.locator('.article-body p').first().innerText();
  await internal.click();
  await page.waitForURL((u) => u.pathname.replace(/\/$/, '') === target.replace(/\/$/, ''));
  await page.waitForFunction((t) => document.querySelector('article h1')?.innerText !== t, oldTitle);
  assert.equal(await page.evaluate(() => window.__stillHere), true, 'no full page load');
  // Only the new article's body is shown (the container may be reused).
  assert.equal(await page.locator('.article-body').count(), 1);
  assert.ok(!(await page.locator('.article-body').innerText()).includes(oldFirstParagraph), 'old body left behind');
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector('article h1')?.innerText === t, oldTitle);
  assert.equal(await page.locator('.article-body p').first().innerText(), oldFirstParagraph);
  await page.context().close();
});

test('images: lazy, local ones resolved, a broken one shrinks to its alt text', async () => {
  const page = await newPage(browser);
  await open(page, 'lantern-festival-guide');
  for (const loading of await page.locator('.article-body img').evaluateAll((els) => els.map((e) => e.loading))) {
    assert.equal(loading, 'lazy');
  }
  await page.locator('.article-body .image-missing').waitFor({ timeout: 10000 });
  assert.match(await page.locator('.article-body .image-missing').innerText(), /연등/);
  const local = page.locator('.article-body img[src^="/assets/"]').first();
  await local.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await local.elementHandle());
  await page.context().close();
});
