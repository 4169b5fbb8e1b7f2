// Sites whose config.json names something other than one source of sinmun
// data (issue "Read the feeds people already publish"). The page build reads
// sinmun data only, so it hands such a page to the widget build, which reads
// every format (src/handover.rs); `xtask/src/portal.rs` builds both sites:
//
// - feed-page: the sample site with an Atom feed as its `source`;
// - portal: the sample site's own data, the Guardian's RSS (named "The
//   Guardian"), the Kyunghyang Shinmun's RSS (named by its own title) and a
//   missing feed, merged newest first (src/source/merged.rs);
// - feed-page-unreadable: the feed page without the widget build's files.
//
// The feed page's search reads the feed's items, indexed in memory. And a
// site of sinmun data never downloads the widget build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, e2eDir, screenshotDir, SEED } from '../helpers.mjs';
import { engineSession, screenshotFile } from '../engines/index.mjs';
import { bodyRendered } from './wait.mjs';

const session = engineSession(before, after);
const servers = {};
before(async () => {
  for (const name of ['feed-page', 'feed-page-unreadable', 'portal', 'site']) {
    servers[name] = await startServer({ root: path.join(e2eDir, name), mode: 'pages', hook: true });
  }
});
after(() => Promise.all(Object.values(servers).map((s) => s?.close())));

const fixture = (site, file) => fs.readFileSync(path.join(e2eDir, site, 'feeds', file), 'utf8');
const decode = (text) => text
  .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&amp;/g, '&').trim();
/** The titles and links of a feed's entries (Atom) or items (RSS), in file order. */
const entries = (xml, tag) => xml.split(`<${tag}>`).slice(1).map((entry) => ({
  title: decode(entry.match(/<title[^>]*>([\s\S]*?)<\/title>/)?.[1] ?? ''),
  link: entry.match(/<link[^>]*href="([^"]+)"/)?.[1] ?? decode(entry.match(/<link>([\s\S]*?)<\/link>/)?.[1] ?? ''),
  time: Date.parse(entry.match(/<(?:published|pubDate|dc:date)>([^<]+)</)?.[1] ?? ''),
}));
/** Newest first, as a reader of the feed expects (file order is not always date order). */
const newest = (list) => [...list].sort((a, b) => b.time - a.time);
const manifestTitle = () => JSON.parse(fs.readFileSync(path.join(e2eDir, 'portal', 'data', 'manifest.json'), 'utf8')).title;

/** Every card's date on the page, as UTC milliseconds, in order. */
const cardTimes = (page) => page.all('.card time', (times) => times.map((t) => Date.parse(t.getAttribute('datetime'))));
const newestFirst = (times) => times.every((t, i) => i === 0 || !(t > times[i - 1]));

test('a page whose source is a feed is handed to the widget build and reads it', async () => {
  const feed = newest(entries(fixture('feed-page', 'daringfireball.xml'), 'entry'));
  const page = await session.browser.newPage();
  await page.goto(servers['feed-page'].url('/'));
  await page.waitForSelector('.card-title a');
  const titles = await page.texts('.card-title a');
  assert.equal(titles.length, 5, "config.json's page_size");
  assert.deepEqual(titles, feed.slice(0, 5).map((e) => e.title), "the feed's newest entries");
  assert.ok(newestFirst(await cardTimes(page)));
  assert.equal(await page.count('#sinmun main'), 1, 'one app in the element, not two');
  assert.ok(await page.eval(() => performance.getEntriesByType('resource').some((r) => /sinmun-widget-[0-9a-f]+\.js$/.test(r.name))));

  await page.click('.card-title a');
  await page.waitForSelector('article h1');
  await bodyRendered(page);
  assert.equal(await page.text('article h1'), feed[0].title);
  await page.waitForSelector('.original-link a');
  assert.equal(await page.attr('.original-link a', 'href'), feed[0].link);
  const address = await page.path();
  await page.goto(servers['feed-page'].url(address));
  await page.waitForSelector('article h1');
  assert.equal(await page.text('article h1'), feed[0].title, "a reload of the item's address finds it");
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test("a feed page's search finds the feed's loaded items, not the files of a site index", async () => {
  const feed = entries(fixture('feed-page', 'daringfireball.xml'), 'entry');
  // A word of five letters or more from an entry's title, asked for by its
  // first four letters in capitals (Latin words match by prefix, in any case).
  const entry = feed.find((e) => /[A-Za-z]{5,}/.test(e.title));
  const word = entry.title.match(/[A-Za-z]{5,}/)[0];
  const query = word.slice(0, 4).toUpperCase();
  const page = await session.browser.newPage();
  await page.goto(servers['feed-page'].url('/search/?q=' + encodeURIComponent(query)));
  const state = await page.waitFor((q) => {
    const s = document.querySelector('.search-status');
    return s && s.dataset.query === q && ['done', 'empty', 'error'].includes(s.dataset.state) && s.dataset.state;
  }, query, { what: `the results for ${query}` });
  assert.equal(state, 'done', await page.text('.search-status'));
  const titles = await page.texts('.search-result-title');
  assert.ok(titles.includes(entry.title), `${query} (from ${word}) finds "${entry.title}": ${titles}`);
  const feedTitles = new Set(feed.map((e) => e.title));
  assert.deepEqual(titles.filter((t) => !feedTitles.has(t)), [], "every result is one of the feed's entries (the folder's own search/ files are not read)");
  const marks = await page.texts('.search-result mark');
  assert.ok(marks.length > 0 && marks.every((m) => m.toLowerCase().startsWith(query.toLowerCase())), `marked: ${marks}`);
  await page.click(`.search-result-link`);
  await page.waitForSelector('article h1');
  assert.equal(await page.text('article h1'), titles[0], 'a result opens its item');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('a list of sources is one site: merged newest first, each card labelled, a missing source named', async () => {
  const ours = manifestTitle();
  const guardian = entries(fixture('portal', 'guardian.xml'), 'item');
  const page = await session.browser.newPage();
  await page.goto(servers.portal.url('/'));
  await page.waitForSelector('.card-source');
  assert.match(await page.text('.status-unread'), /feeds\/missing\.xml/, 'the source that could not be read is named');
  const first = await page.texts('.card-source');
  assert.deepEqual(first, Array(6).fill(ours), "the site's own articles are the newest (2024)");
  assert.ok(newestFirst(await cardTimes(page)));
  await page.screenshot(screenshotFile(screenshotDir, 'portal-list'));

  // Page 3: the last two of ours (14 articles), then the Korean newspaper's (2018-04).
  await page.goto(servers.portal.url('/page/3/'));
  await page.waitForSelector('.card-source');
  const third = await page.texts('.card-source');
  assert.deepEqual(third.slice(0, 2), [ours, ours]);
  const korean = third[2];
  assert.ok(korean && korean !== ours && korean !== 'The Guardian', `the feed's own title labels it: ${korean}`);
  assert.deepEqual(third.slice(2), Array(4).fill(korean));
  assert.ok(newestFirst(await cardTimes(page)));
  await page.screenshot(screenshotFile(screenshotDir, 'portal-mixed'));

  // The oldest page: the Guardian's (2018-01), under the name config.json gives.
  const last = await page.eval(() => Math.max(...[...document.querySelectorAll('.pager a, .pager [aria-current]')]
    .map((a) => parseInt(a.textContent, 10)).filter((n) => n > 0)));
  assert.ok(last > 50, `hundreds of items make many pages: ${last}`);
  await page.goto(servers.portal.url(`/page/${last}/`));
  await page.waitForSelector('.card-source');
  const labels = await page.texts('.card-source');
  assert.ok(labels.length > 0 && labels.every((l) => l === 'The Guardian'), labels.join(' | '));
  const title = (await page.texts('.card-title a')).at(-1);
  const item = guardian.find((e) => e.title === title);
  assert.ok(item, `${title} is one of the Guardian's`);
  await page.eval(() => { const links = document.querySelectorAll('.card-title a'); links[links.length - 1].click(); return true; });
  await page.waitForSelector('article h1');
  await bodyRendered(page);
  assert.equal(await page.text('article h1'), title);
  assert.equal(await page.attr('.original-link a', 'href'), item.link);
  const address = await page.path();
  assert.match(decodeURIComponent(address), /^\/posts\/feeds-guardian~[^/]+\/$/, 'the slug names its source');
  await page.goto(servers.portal.url(address));
  await page.waitForSelector('article h1');
  assert.equal(await page.text('article h1'), title, 'a reload finds the item again');

  // An old Jekyll permalink of our own posts still finds its article.
  await page.goto(servers.portal.url('/news/2024/06/20/china-tech-regulation/'));
  await page.waitFor(() => /^\/posts\/data-manifest~[^/]+\/?$/.test(decodeURIComponent(location.pathname)), null, { what: 'the alias resolved into the merged site' });
  await page.waitForSelector('article h1');

  // One of ours opens from the merged list too.
  await page.goto(servers.portal.url('/'));
  await page.click('.card-title a');
  await page.waitForSelector('article h1');
  assert.match(decodeURIComponent(await page.path()), /^\/posts\/data-manifest~[^/]+\/$/);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('a feed page whose widget build cannot be loaded says so, and keeps its retry', async () => {
  const page = await session.browser.newPage();
  await page.goto(servers['feed-page-unreadable'].url('/'));
  await page.waitForSelector('.status .retry, .status button');
  assert.match(await page.text('#sinmun'), /sinmun-widget-[0-9a-f]+\.js[\s\S]*did not load/);
  await page.close();
});

test('a site of sinmun data never downloads the widget build', async () => {
  const page = await session.browser.newPage();
  await page.goto(servers.site.url('/'));
  await page.waitForSelector('.card-title a');
  const names = await page.eval(() => performance.getEntriesByType('resource').map((r) => r.name));
  assert.ok(names.some((n) => /_bg\.wasm$/.test(n)), 'the app loaded');
  assert.ok(!names.some((n) => /sinmun-widget/.test(n)), names.join('\n'));
  await page.close();
});

test("a list of two sinmun sites reads each article's body from the page of its own site", async () => {
  // Two copies of the sample site, the second's page of the seed article
  // changed: its card, opened from the first site's list, must show the
  // second site's body (bodies are kept in pages, `"format": "page"`).
  const copy = (name) => {
    const dir = path.join(e2eDir, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(path.join(e2eDir, 'site'), dir, { recursive: true });
    return dir;
  };
  const first = copy('two-sites-a');
  const second = copy('two-sites-b');
  const seedPage = path.join(second, 'posts', 'china-tech-regulation', 'index.html');
  const original = fs.readFileSync(seedPage, 'utf8');
  assert.ok(original.includes('기업 지원 계획'), 'the seed page has the heading this test changes');
  assert.ok(original.includes(SEED.banner), 'the seed page has the banner this test changes');
  fs.writeFileSync(seedPage, original.replaceAll('기업 지원 계획', '둘째 사이트의 본문').replaceAll(SEED.banner, '둘째 사이트의 배너'));
  const other = await startServer({ root: second, mode: 'pages' });
  const config = JSON.parse(fs.readFileSync(path.join(first, 'config.json'), 'utf8'));
  config.source = ['data/manifest.json', { url: other.url('/data/manifest.json'), name: '둘째 사이트' }];
  fs.writeFileSync(path.join(first, 'config.json'), JSON.stringify(config));
  const own = await startServer({ root: first, mode: 'pages' });
  try {
    const page = await session.browser.newPage();
    await page.goto(own.url('/'));
    await page.waitForSelector('.card-source');
    const port = new URL(other.url('/')).port;
    const link = `.card-title a[href*="-${port}~china-tech-regulation"]`;
    await page.waitForSelector(link);
    await page.click(link);
    await page.waitForSelector('article h1');
    await bodyRendered(page);
    const body = await page.text('article .article-body');
    assert.ok(body.includes('둘째 사이트의 본문'), `the second site's body: ${body.slice(0, 120)}`);
    // The banner text is kept in the same page (`"format": "page"` too).
    assert.equal(await page.text('article .banner-text h2'), '둘째 사이트의 배너');
    assert.deepEqual(await page.errors(), []);
    await page.close();
  } finally {
    own.close();
    other.close();
  }
});
