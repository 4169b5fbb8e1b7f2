// Article bodies in every engine (issue "Article bodies"): structure, Tistory
// presets, links, images, headings and the table of contents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, e2eDir } from '../helpers.mjs';
import { engineSession } from '../engines/index.mjs';
import { bodyRendered } from './wait.mjs';

const session = engineSession(before, after);
let server;
before(async () => {
  server = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages', hook: true });
});
after(() => server?.close());

async function open(page, slug) {
  await page.goto(server.url(`/posts/${slug}`));
  await bodyRendered(page);
}

test('Markdown bodies: tables, lists, code, quotes, footnotes, task lists, strikethrough', async () => {
  const page = await session.browser.newPage();
  await open(page, 'open-data-portal-api');
  const counts = (selectors) => page.eval((list) => list.map((s) => document.querySelectorAll(`.article-body ${s}`).length), selectors);
  const [fenced, inline, del, tasks, done, footnotes] = await counts(['pre code', ':is(p, li) code', 'del', 'li > .task', 'li > .task-done', '.footnote-definition']);
  assert.ok(fenced >= 1, 'fenced code');
  assert.ok(inline >= 1, 'inline code');
  assert.ok(del >= 1, 'strikethrough');
  assert.ok(tasks >= 2, 'task list');
  assert.ok(done >= 1, 'done task');
  assert.ok(footnotes >= 1, 'footnote');
  // Fenced code with a language arrives highlighted (at build time, Rouge's
  // classes) and the stylesheet colours its tokens apart from plain code.
  const code = await page.eval(() => {
    const block = document.querySelector('.article-body .highlighter-rouge code[data-lang="json"]');
    const token = block?.querySelector('span.s');
    return block && token && { plain: getComputedStyle(block).color, token: getComputedStyle(token).color, text: block.textContent };
  });
  assert.ok(code, 'a highlighted JSON block with string tokens');
  assert.notEqual(code.token, code.plain, 'string tokens are coloured');
  assert.match(code.text, /"station": "central"/, 'the code reads as written');
  await open(page, 'semiconductor-exports-rebound');
  const [th, ol] = await counts(['.table-scroll > table th', 'ol li']);
  assert.ok(th >= 2, 'table wrapped for scrolling');
  assert.ok(ol >= 2, 'ordered list');
  // GFM column alignment survives the strict CSP (applied through CSSOM).
  await open(page, 'ev-charger-standard');
  const aligns = await page.all('.article-body td', (tds) => tds.map((td) => getComputedStyle(td).textAlign));
  assert.ok(aligns.includes('right'), `no right-aligned cell: ${aligns}`);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('headings get unique Korean-friendly ids, anchors and a table of contents', async () => {
  const page = await session.browser.newPage();
  await open(page, 'korean-web-typography');
  const ids = await page.all('.article-body :is(h2,h3)', (els) => els.map((e) => e.id));
  assert.ok(ids.length >= 4);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const id of ids) assert.match(id, /^h-[\p{L}\p{N}]/u);
  assert.ok(ids.some((id) => /[가-힣]/.test(id)), 'Korean text stays Korean in ids');
  // Each heading's text is a link to itself, named by that text alone.
  const links = await page.all('.article-body :is(h2,h3)', (els) => els.map((e) => {
    const a = e.querySelector(':scope > a.heading-anchor');
    return { id: e.id, href: a?.getAttribute('href'), text: a?.textContent, whole: e.textContent };
  }));
  for (const link of links) {
    assert.equal(link.href, `#${link.id}`);
    assert.equal(link.text, link.whole, 'the link holds the whole heading, and no "#" of its own');
  }
  assert.equal(await page.count('nav.toc a'), ids.length);
  assert.equal(await page.attr('nav.toc a', 'href'), `#${ids[0]}`);
  // Following a TOC link scrolls to its heading and keeps the article on screen.
  const last = ids[ids.length - 1];
  await page.click(`nav.toc li:last-child a`);
  await page.waitFor((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return window.scrollY > 0 && r.top >= -5 && r.bottom <= window.innerHeight;
  }, last, { what: `heading ${last} on screen` });
  await page.waitFor((id) => decodeURIComponent(location.href).endsWith(`/posts/korean-web-typography#${id}`), last);
  assert.equal(await page.count('article h1'), 1);
  // An article with fewer than three headings has no table of contents.
  await open(page, 'winter-shelter-volunteers');
  assert.equal(await page.count('nav.toc'), 0);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('Tistory HTML: coloured emphasis kept through CSSOM, spacers collapsed, size presets styled', async () => {
  const page = await session.browser.newPage();
  await open(page, 'haeon-port-automation');
  const span = await page.eval(() => {
    const e = document.querySelector('.article-body b > span');
    return { color: getComputedStyle(e).color, style: e.getAttribute('style') };
  });
  assert.equal(span.color, 'rgb(238, 35, 35)');
  assert.ok(span.style === null || !span.style.includes('position'));
  const blanks = await page.all('.article-body p',
    (ps) => ps.filter((p) => p.textContent.replace(/[\s\u00a0]/g, '') === '' && !p.querySelector('img')).length);
  assert.equal(blanks, 0, 'empty &nbsp; paragraphs are removed');
  // A preset other than the element's default keeps its size; a default
  // one (h2 size26, p size16) is left out of the page and the theme's
  // size is the same (in px, to a tenth: WebKit gives 23.200001px).
  const sizes = await page.all('.article-body :is(h2, p)', (els) => els.map((e) => [e.tagName, e.dataset.keSize ?? '', Math.round(parseFloat(getComputedStyle(e).fontSize) * 10) / 10]));
  const sized = (tag, preset) => sizes.filter(([t, k]) => t === tag && k === preset).map(([, , px]) => px);
  assert.deepEqual([...new Set(sized('H2', 'size24'))], [22.4], JSON.stringify(sizes));
  assert.deepEqual([...new Set(sized('H2', ''))], [23.2], JSON.stringify(sizes));
  assert.deepEqual([...new Set(sized('P', ''))], [17], JSON.stringify(sizes));
  assert.equal(sized('P', 'size16').length, 0, 'the default preset is left out');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('links: internal ones navigate inside the app, external ones get rel', async () => {
  const page = await session.browser.newPage();
  await open(page, 'weekly-briefing');
  await page.eval(() => { window.__stillHere = true; });
  const rel = await page.attr('.article-body a[href^="http"]', 'rel');
  if (rel !== null) assert.equal(rel, 'noopener noreferrer nofollow ugc');
  const target = await page.attr('.article-body a[href^="/posts/"]', 'href');
  const oldTitle = await page.text('article h1');
  const oldFirstParagraph = await page.text('.article-body p');
  await page.click('.article-body a[href^="/posts/"]');
  await page.waitFor((t) => location.pathname.replace(/\/$/, '') === t.replace(/\/$/, ''), target);
  await page.waitFor((t) => document.querySelector('article h1') && document.querySelector('article h1').innerText !== t, oldTitle);
  await bodyRendered(page);
  assert.equal(await page.eval(() => window.__stillHere), true, 'no full page load');
  // Only the new article's body is shown (the container may be reused).
  assert.equal(await page.count('.article-body'), 1);
  assert.ok(!(await page.text('.article-body')).includes(oldFirstParagraph), 'old body left behind');
  await page.back();
  await page.waitFor((t) => document.querySelector('article h1')?.innerText === t, oldTitle);
  await bodyRendered(page);
  assert.equal(await page.text('.article-body p'), oldFirstParagraph);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('images: lazy, local ones resolved, a broken one shrinks to its alt text', async () => {
  const page = await session.browser.newPage();
  await open(page, 'lantern-festival-guide');
  for (const loading of await page.all('.article-body img', (els) => els.map((e) => e.loading))) {
    assert.equal(loading, 'lazy');
  }
  // A lazy image is fetched only near the viewport (Firefox's margin is much
  // smaller than Chromium's): scroll the broken one into view first.
  await page.eval(() => document.querySelector('.article-body img[src*="images.invalid"]')?.scrollIntoView());
  await page.waitForSelector('.article-body .image-missing', { timeout: 10000 });
  assert.match(await page.text('.article-body .image-missing'), /연등/);
  await page.eval(() => document.querySelector('.article-body img[src^="/assets/"]').scrollIntoView());
  await page.waitFor(() => {
    const img = document.querySelector('.article-body img[src^="/assets/"]');
    return img.complete && img.naturalWidth > 0;
  }, null, { what: 'a local image loaded' });
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
