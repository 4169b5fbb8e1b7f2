// Whole prerendered pages (issue "Every page as fast and as steady as static
// HTML"), in every engine: an article's page is the whole article before any
// script runs, every list page is a real file, and the app takes a page over
// without moving anything and without rendering a prerendered body again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, e2eDir, SEED } from '../helpers.mjs';
import { engineSession } from '../engines/index.mjs';
import { bodyRendered } from './wait.mjs';

const session = engineSession(before, after);
let server;
before(async () => {
  server = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages', hook: true });
});
after(() => server?.close());

/** Where the marked elements are on screen, rounded to pixels. */
const positions = () => Object.fromEntries(
  ['h1', '.meta-line', '.banner', '.toc', '.article-body > :first-child', '.article-body h2', '.card', '.pager', '.site-footer']
    .map((s) => [s, document.querySelector(s)])
    .filter(([, e]) => e)
    .map(([s, e]) => { const r = e.getBoundingClientRect(); return [s, [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)]]; }),
);

/** Positions of the page as static HTML (its start script refused by the
 * server, so no app), then after the app has taken it over. */
async function staticThenTakenOver(page, url, ready) {
  await server.faults([{ path: 'sinmun-start', status: 404 }]);
  await page.goto(url, { static: true });
  await page.waitForSelector('.sinmun-prerendered');
  const before = await page.eval(positions);
  await server.clearFaults();
  await page.goto(url);
  await ready();
  return { before, after: await page.eval(positions) };
}

test('an article deep link is the whole article as HTML, with its metadata', async () => {
  const html = await (await fetch(server.url(`/posts/${SEED.slug}/`))).text();
  assert.ok(html.includes(`<h1 class="article-title">${SEED.title}</h1>`));
  // Each heading keeps its id; its link to itself is the app's to add.
  for (const h2 of SEED.h2s) assert.match(html, new RegExp(`<h2[^>]* id="h-[^"]+">${h2}</h2>`), `the body's heading ${h2}`);
  assert.ok(html.includes(`<h2>${SEED.banner}</h2>`), 'the banner, rendered from Markdown at build time');
  assert.match(html, /<link rel="canonical" href="[^"]*\/posts\/china-tech-regulation\/">/);
  assert.match(html, /<meta property="og:title" content="[^"]+">/);
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)[1]);
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, SEED.title);
  assert.ok(!/<script>|onerror=|javascript:/i.test(html), 'nothing executable from the content');
});

test('the app takes an article over without moving anything or rendering its body again', async () => {
  const page = await session.browser.newPage();
  const url = server.url(`/posts/${SEED.slug}/`);
  const { before, after } = await staticThenTakenOver(page, url, () => bodyRendered(page));
  assert.ok(Object.keys(before).length >= 6, `elements measured: ${Object.keys(before)}`);
  assert.deepEqual(after, before, 'every element where the static page had it');
  const h2s = await page.texts('.article-body h2');
  assert.deepEqual(h2s, SEED.h2s);
  // Taking over linked each heading to itself (without moving it: above).
  const links = await page.all('.article-body h2', (els) => els.map((e) => e.querySelector(':scope > a.heading-anchor')?.getAttribute('href') === `#${e.id}`));
  assert.deepEqual(links, SEED.h2s.map(() => true), 'each heading links to itself');
  assert.equal(await page.count('nav.toc a'), SEED.h2s.length, 'the table of contents');
  assert.equal(await page.eval(() => typeof window.DOMPurify), 'undefined', 'the sanitiser was not needed');
  assert.equal(await page.eval(() => [...document.scripts].some((s) => /purify|enhance|markdown/.test(s.src))), false);
  assert.deepEqual(await page.errors(), []);
  // The next article comes as data and goes through the browser's sanitiser.
  await page.click('.meta-line .category-link');
  await page.waitForSelector('.card');
  await page.click('.card:last-child .card-title a');
  await bodyRendered(page);
  assert.equal(await page.eval(() => typeof window.DOMPurify), 'function', 'a body from data is sanitised in the browser');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('every list page is a real file the app takes over in place', async () => {
  for (const p of ['/', '/page/2/', '/category/news/', '/category/news/page/2/', '/category/%EA%B2%BD%EC%A0%9C/']) {
    const response = await fetch(server.url(p));
    assert.equal(response.status, 200, `${p} is a file, not 404.html`);
    const html = await response.text();
    assert.ok((html.match(/<li class="card">/g) || []).length >= 1, `${p} lists its cards in the HTML`);
  }
  const page = await session.browser.newPage();
  const url = server.url('/page/2/');
  const ready = () => page.waitForSelector('.sinmun-app .card');
  const { before, after } = await staticThenTakenOver(page, url, ready);
  assert.deepEqual(after, before, 'the list where the static page had it');
  assert.equal(await page.text('.pager [aria-current=page]'), '2');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
