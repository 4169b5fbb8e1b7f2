// Whole prerendered pages (issue "Every page as fast and as steady as static
// HTML"), in every engine: an article's page is the whole article before any
// script runs, every list page is a real file, and the app takes a page over
// without moving anything and without rendering a prerendered body again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, e2eDir, SEED, tagsIn } from '../helpers.mjs';
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
  assert.ok(tagsIn(html, 'h1').some((h1) => h1.attrs.class === 'article-title' && h1.inner === SEED.title));
  // Each heading keeps its id; its link to itself is the app's to add.
  const h2s = tagsIn(html, 'h2');
  for (const h2 of SEED.h2s) assert.ok(h2s.some((h) => h.attrs.id?.startsWith('h-') && h.inner === h2), `the body's heading ${h2}`);
  assert.ok(h2s.some((h) => !Object.keys(h.attrs).length && h.inner === SEED.banner), 'the banner, rendered from Markdown at build time');
  assert.ok(tagsIn(html, 'link').some((l) => l.attrs.rel === 'canonical' && l.attrs.href.endsWith('/posts/china-tech-regulation/')));
  assert.ok(tagsIn(html, 'meta').some((m) => m.attrs.property === 'og:title' && m.attrs.content));
  const ld = JSON.parse(tagsIn(html, 'script').find((s) => s.attrs.type === 'application/ld+json').inner);
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
  const description = () => page.eval(() => document.querySelector('meta[name="description"]').content);
  const deepLinked = await description();
  assert.ok(deepLinked.length > 20, `the page's description stays after takeover: ${deepLinked}`);
  assert.equal(await page.eval(() => typeof window.DOMPurify), 'undefined', 'the sanitiser was not needed');
  assert.equal(await page.eval(() => [...document.scripts].some((s) => /purify|enhance|markdown/.test(s.src))), false);
  assert.deepEqual(await page.errors(), []);
  // The next article comes as data and goes through the browser's sanitiser.
  await page.click('.meta-line .category-link');
  await page.waitForSelector('.card');
  await page.click('.card:last-child .card-title a');
  await bodyRendered(page);
  assert.equal(await page.eval(() => typeof window.DOMPurify), 'function', 'a body from data is sanitised in the browser');
  // Its description (not in its JSON) is its page's, read with the body.
  const own = await page.eval(async () => new DOMParser()
    .parseFromString(await (await fetch(location.pathname)).text(), 'text/html')
    .querySelector('meta[name="description"]').content);
  assert.ok(own.length > 20 && own !== deepLinked, `another article's description: ${own}`);
  assert.equal(await description(), own, 'the description is the article page\'s');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('every list page is a real file the app takes over in place', async () => {
  for (const p of ['/', '/page/2/', '/category/news/', '/category/news/page/2/', '/category/%EA%B2%BD%EC%A0%9C/']) {
    const response = await fetch(server.url(p));
    assert.equal(response.status, 200, `${p} is a file, not 404.html`);
    const html = await response.text();
    assert.ok(tagsIn(html, 'li').some((li) => li.attrs.class === 'card'), `${p} lists its cards in the HTML`);
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
