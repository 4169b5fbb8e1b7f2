// The <sinmun-feed> widget and the iframe embed (README, "Embed on your
// page"), in every engine, on host pages served from a third origin: the
// sample site and a second site (the XSS corpus) each on their own origin,
// the host page under a strict CSP that allows only the site's origin and
// 'wasm-unsafe-eval', with hostile CSS, in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer, e2eDir, screenshotDir, SEED } from '../helpers.mjs';
import { engineSession, screenshotFile, ENGINE } from '../engines/index.mjs';

const session = engineSession(before, after);
let site; // the sample site: serves embed.js
let other; // a second sinmun site on its own origin
let host; // someone else's page
let feeds; // other people's feed files (../shared/fixtures/feeds), on a fourth origin
const feedsRoot = path.resolve(e2eDir, '../../../shared/fixtures/feeds');
const hostRoot = path.join(e2eDir, 'widget-host');

before(async () => {
  site = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages' });
  other = await startServer({ root: path.join(e2eDir, 'xss'), mode: 'pages' });
  host = await startServer({ root: hostRoot, mode: 'pages', hook: true });
  feeds = await startServer({ root: feedsRoot, mode: 'pages' });
  writeHostPages();
});
after(() => {
  site?.close();
  other?.close();
  host?.close();
  feeds?.close();
});

const HOSTILE_CSS = `* { all: unset } html { font-size: 10px } article { display: none !important }
  h1, h2, h3 { font-size: 90px } a { color: lime !important }
  body { display: block; background: rgb(1, 2, 3); color: rgb(200, 200, 200); font-family: monospace }
  head, script, style { display: none } p, div, section, sinmun-feed, iframe { display: block }
  #spacer { height: 3000px } #frame { width: 600px; border: 0 }
  .columns { display: grid; grid-template-columns: 2fr 1fr; gap: 24px; align-items: start }
  .columns sinmun-feed { margin-bottom: 16px }
  #styled { --sinmun-accent: rgb(10, 88, 202); --sinmun-background: rgb(250, 240, 230); --sinmun-font: serif }
  #styled::part(title) { letter-spacing: 3px }
  .row { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 16px; align-items: start; padding: 8px 0 }`;

/** The host's policy: scripts and data only from itself and the two sites. */
const hostCsp = () => `default-src 'self'; script-src 'self' ${site.origin} 'wasm-unsafe-eval'; `
  + `connect-src 'self' ${site.origin} ${other.origin} ${feeds.origin}; style-src 'self' ${site.origin} ${other.origin}; `
  // The sample site's feed names its images at its public address.
  + `img-src 'self' ${site.origin} ${other.origin} https: http: data:; frame-src ${site.origin}`;

function page(body, { csp = hostCsp(), head = '' } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A host page</title>
    ${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}
    <link rel="stylesheet" href="hostile.css"><script src="counting.js"></script>${head}</head>
    <body><p id="outside"><a id="host-link" href="#top">a link of the host page</a></p>${body}</body></html>`;
}

function writeHostPages() {
  fs.mkdirSync(hostRoot, { recursive: true });
  const write = (name, html) => fs.writeFileSync(path.join(hostRoot, name), html);
  const embed = `<script type="module" src="${site.url('/embed.js')}"></script>`;
  write('hostile.css', HOSTILE_CSS);
  write('counting.js', `(${countingScript})();\n`);
  write('no-wasm.js', 'delete window.WebAssembly;\n');
  write('posted.js', "addEventListener('message', (e) => { if (e.data?.type === 'sinmun:height') window.__posted = e.data.height; });\n");
  write('intercept.js', `document.addEventListener('sinmun:open', (e) => {
    window.__opened = { url: e.detail.url, title: e.detail.title, target: e.target.id };
    if (e.target.id === 'intercepted') e.preventDefault();
  });\n`);
  // The optional resize script, self-hosted as the README tells a strict host to.
  fs.copyFileSync(path.join(e2eDir, 'site', 'embed-resize.js'), path.join(hostRoot, 'embed-resize.js'));
  write('three.html', page(`${embed}<div class="columns"><div>
    <sinmun-feed id="own" src="${site.url('/')}" limit="3" open="inline"><a href="${site.url('/')}">The news</a></sinmun-feed>
    </div><div>
    <sinmun-feed id="second" src="${other.url('/config.json')}" limit="2" layout="cards" theme="dark"></sinmun-feed>
    <sinmun-feed id="feed" src="${site.url('/feed.json')}" limit="2" layout="compact"></sinmun-feed>
    <sinmun-feed id="broken" src="${site.origin}/nothing-here/"></sinmun-feed>
    </div></div>`, { head: '<script src="intercept.js"></script>' }));
  write('intercept.html', page(`${embed}
    <sinmun-feed id="intercepted" src="${site.url('/')}" limit="2"></sinmun-feed>`, { head: '<script src="intercept.js"></script>' }));
  write('empty.html', page(embed));
  // Broken sources: not http, data that is not sinmun's, a server that refuses CORS.
  const broken = path.join(e2eDir, 'site', 'broken-data');
  fs.mkdirSync(broken, { recursive: true });
  fs.writeFileSync(path.join(broken, 'config.json'), '{"title": "Broken", "source": "manifest.json"}');
  fs.writeFileSync(path.join(broken, 'manifest.json'), '{"version": 1, "total": "many", "shard_size": 10}');
  write('errors.html', page(`${embed}
    <sinmun-feed id="scheme" src="javascript:alert(1)"></sinmun-feed>
    <sinmun-feed id="invalid" src="${site.url('/broken-data/')}"></sinmun-feed>
    <sinmun-feed id="cors" src="${site.url('/refuses-cors/')}"></sinmun-feed>
    <sinmun-feed id="atom" src="${site.url('/atom.xml')}" limit="2"></sinmun-feed>
    <sinmun-feed id="login" src="${site.url('/login/')}"></sinmun-feed>
    <sinmun-feed id="fine" limit="1"></sinmun-feed>`));
  write('styled.html', page(`${embed}<sinmun-feed id="styled" src="${site.url('/')}" limit="2"></sinmun-feed>
    <sinmun-feed id="plain" src="${site.url('/')}" limit="2"></sinmun-feed>
    <sinmun-feed id="tab" src="${site.url('/')}" limit="2" open="new-tab" category="news" lang="en"></sinmun-feed>`));
  write('feeds.html', page(`${embed}<div class="columns"><div>${FEED_FIXTURES.map(([id, file]) =>
    `<sinmun-feed id="${id}" src="${feeds.url(file)}" limit="3" open="inline" lang="en"></sinmun-feed>`).join('')}</div></div>`));
  // A JSON Feed of three pages (3, 3 and 2 items), on the host's own origin.
  fs.mkdirSync(path.join(hostRoot, 'paged'), { recursive: true });
  for (const [n, count] of [[1, 3], [2, 3], [3, 2]]) {
    fs.writeFileSync(path.join(hostRoot, 'paged', `p${n}.json`), JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Paged',
      next_url: n < 3 ? `p${n + 1}.json` : undefined,
      items: Array.from({ length: count }, (_, i) => ({
        id: `p${n}-${i}`,
        title: `Page ${n} item ${i}`,
        content_text: 'text',
        date_published: `2024-0${4 - n}-1${9 - i}T00:00:00Z`,
      })),
    }));
  }
  write('paged.html', page(`${embed}<sinmun-feed id="two" src="/paged/p1.json" limit="2" lang="en"></sinmun-feed>
    <sinmun-feed id="four" src="/paged/p1.json?four" limit="4" lang="en"></sinmun-feed>`));
  write('feed-inline.html', page(`${embed}<sinmun-feed id="inline" src="${site.url('/feed.json')}" limit="3" open="inline" lang="en"></sinmun-feed>`));
  write('lazy.html', page(`${embed}<div id="spacer"></div>
    <sinmun-feed id="far" src="${site.url('/')}" limit="2"><a id="fallback-link" href="${site.url('/')}">Read the news</a></sinmun-feed>`));
  write('no-script.html', page(`<sinmun-feed id="plain" src="${site.url('/')}"><a id="fallback-link" href="${site.url('/')}">Read the news</a></sinmun-feed>`));
  write('no-wasm.html', page(`${embed}<sinmun-feed id="plain" src="${site.url('/')}" limit="3"></sinmun-feed>`, { head: '<script src="no-wasm.js"></script>' }));
  const framed = (scripts) => page(`<iframe id="frame" title="News" src="${site.url('/embed/?limit=3&theme=dark')}"></iframe>${scripts}`,
    { csp: `default-src 'self'; frame-src ${site.origin}` });
  write('frame.html', framed('<script src="posted.js"></script><script src="embed-resize.js"></script>'));
  // The same frame with the resize script added only after the frame settled.
  write('frame-late.html', framed('<script src="posted.js"></script>'));
  const row = (theme) => `<div class="row" id="row-${theme}">${['list', 'cards', 'compact'].map((layout) =>
    `<sinmun-feed id="${layout}-${theme}" src="${site.url('/')}" limit="3" layout="${layout}" theme="${theme}"></sinmun-feed>`).join('')}</div>`;
  write('layouts.html', page(`${embed}${row('light')}${row('dark')}`));
}

// Counts live listeners and pending timers, installed before any page script.
function countingScript() {
  const live = new Set();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const same = (e, t, type, fn, capture) => e.target === t && e.type === type && e.fn === fn && e.capture === capture;
  const captureOf = (o) => (typeof o === 'boolean' ? o : !!o?.capture);
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    const capture = captureOf(options);
    if (![...live].some((e) => same(e, this, type, fn, capture))) live.add({ target: this, type, fn, capture });
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    const capture = captureOf(options);
    for (const e of live) if (same(e, this, type, fn, capture)) live.delete(e);
    return remove.call(this, type, fn, options);
  };
  const pending = new Set();
  const set = window.setTimeout;
  const clear = window.clearTimeout;
  window.setTimeout = function (fn, ms, ...rest) {
    const id = set.call(window, (...a) => { pending.delete(id); if (typeof fn === 'function') fn(...a); }, ms, ...rest);
    pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) { pending.delete(id); return clear.call(window, id); };
  window.__counts = () => ({
    global: [...live].filter((e) => e.target === window || e.target === document).length,
    timers: pending.size,
  });
  window.__inside = (element) => [...live].filter((e) => e.target === element.shadowRoot
    || e.target === element || (e.target instanceof Node && (element.contains(e.target) || element.shadowRoot?.contains(e.target)))).length;
}

/** Widgets on feeds.html: [id, fixture file]. */
const FEED_FIXTURES = [
  ['euckr', 'rss/chardet-rss091-ko-euckr-no-dates-escaped-html.xml'],
  ['eucjp', 'rss/chardet-rss10-ja-eucjp-content-encoded.xml'],
  ['khan', 'rss/kyunghyang-rss20-ko-dcdate-only-cdata.xml'],
  ['guardian', 'rss/rssparser-rss20-guardian-media-content-images.xml'],
  ['df', 'atom/netnewswire-atom-daringfireball-html-cdata-xmlbase.xml'],
  ['xhtml', 'atom/netnewswire-atom-pappacoda-it-xhtml-xmlbase-no-prolog.xml'],
  ['wp', 'wordpress/frontity-wp-posts-embed-category7.json'],
  ['wpja', 'wordpress/tuqulore-designlab-wp-posts-ja.json'],
  ['jf', 'jsonfeed/netnewswire-jsonfeed-10-inessential.json'],
];

/** Every item title in a fixture, as a reader sees it (entities decoded, tags and spaces collapsed). */
function fixtureTitles(file) {
  const bytes = fs.readFileSync(path.join(feedsRoot, file));
  const decode = (s) => s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');
  const plain = (s) => decode(decode(s).replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  if (file.endsWith('.json')) {
    const value = JSON.parse(bytes.toString('utf8'));
    const items = Array.isArray(value) ? value : value.items;
    return items.map((i) => plain(typeof i.title === 'object' ? i.title.rendered : i.title ?? ''));
  }
  const charset = /encoding=["']([^"']+)/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
  const text = new TextDecoder(charset).decode(bytes);
  const items = text.match(/<(item|entry)[\s>][\s\S]*?<\/(item|entry)>/g) ?? [];
  return items.map((item) => plain(/<title[^>]*>([\s\S]*?)<\/title>/.exec(item)?.[1] ?? ''));
}

const inside = (id, selector) => `#${id} >>> ${selector}`;
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));

async function open(name) {
  const p = await session.browser.newPage();
  await p.goto(host.url(`/${name}`));
  return p;
}

/** What a widget must never change in its host page. */
const hostState = () => ({
  title: document.title,
  path: location.pathname + location.search + location.hash,
  history: history.length,
  scroll: Math.round(scrollY),
  body: getComputedStyle(document.body).backgroundColor,
  link: getComputedStyle(document.getElementById('host-link')).color,
  font: getComputedStyle(document.body).fontFamily,
  // Style sheets and style elements in the host document that are not the host's own.
  foreignStyles: [...document.styleSheets].filter((sheet) => !sheet.href?.startsWith(location.origin)).length
    + document.querySelectorAll('style').length,
});

test('widgets with different sources (a site, another site, a JSON Feed, a 404) share one download, resist hostile CSS and leave the page alone', async () => {
  const p = await open('three.html');
  const before = await p.eval(hostState);
  assert.equal(await p.text(inside('own', '.card-title a')), SEED.title);
  assert.equal(await p.count(inside('own', '.card')), 3, 'limit="3" shows three');
  assert.ok(await p.count(inside('own', '.widget-more a')), 'a link to the rest of the list');
  await p.waitForSelector(inside('second', '.card-title a'));
  assert.notEqual(await p.text(inside('second', '.card-title a')), SEED.title, 'the second widget reads its own source');
  assert.equal(await p.count(inside('second', '.card')), 2);
  // A JSON Feed as the source: its items, linking to their own pages, and its home page.
  const feed = JSON.parse(fs.readFileSync(path.join(e2eDir, 'site', 'feed.json'), 'utf8'));
  assert.equal(await p.text(inside('feed', '.card-title a')), feed.items[0].title);
  assert.equal(await p.count(inside('feed', '.card')), 2);
  assert.equal(await p.attr(inside('feed', '.card-title a'), 'href'), feed.items[0].url, "a feed item links to its own page");
  assert.equal(await p.attr(inside('feed', '.widget-more a'), 'href'), feed.home_page_url, "'more' goes to the feed's home page");
  // The 404 source: a compact message naming where, inside that widget only.
  const broken = await p.text(inside('broken', '[role=alert]'));
  assert.match(broken, /nothing-here/, `the message names the address: ${broken}`);
  const brokenHeight = await p.eval(() => document.getElementById('broken').getBoundingClientRect().height);
  assert.ok(brokenHeight > 20 && brokenHeight < 260, `the error is compact (${brokenHeight}px)`);

  // Hostile CSS reaches none of it.
  const look = await p.eval(() => {
    const root = document.getElementById('own').shadowRoot;
    const style = (s) => getComputedStyle(root.querySelector(s));
    return {
      cardDisplay: style('.card').display,
      titleSize: parseFloat(style('.card-title').fontSize),
      baseSize: parseFloat(style('.sinmun').fontSize),
      linkColor: style('.card-title a').color,
      titleVisible: root.querySelector('.card-title a').getBoundingClientRect().height > 0,
    };
  });
  assert.notEqual(look.cardDisplay, 'none');
  // The host's root font size (10px) does not shrink it: its sizes are its own.
  assert.equal(look.baseSize, 16, 'the widget text is 16px');
  assert.ok(look.titleSize >= 16 && look.titleSize < 40, `card title font size ${look.titleSize}px`);
  assert.notEqual(look.linkColor, 'rgb(0, 255, 0)', 'host link colour does not leak in');
  assert.ok(look.titleVisible);
  // ...and none of its styles reach the host.
  assert.deepEqual(await p.eval(hostState), before);
  assert.deepEqual(before, { ...before, body: 'rgb(1, 2, 3)', link: 'rgb(0, 255, 0)', font: 'monospace', foreignStyles: 0 });

  // One download of the widget build for all three widgets.
  const requests = await site.requests();
  const modules = requests.filter((r) => /\/sinmun-widget[^/]*\.wasm$/.test(r));
  assert.equal(modules.length, 1, `one wasm download: ${JSON.stringify(modules)}`);
  await p.screenshot(screenshotFile(screenshotDir, 'widget-three'));
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

test('keyboard only: an article opens inside the widget and back returns focus to its link', async () => {
  const p = await open('three.html');
  await p.waitForSelector(inside('own', '.card-title a'));
  const before = await p.eval(hostState);
  await p.eval(() => { document.getElementById('host-link').setAttribute('tabindex', '0'); document.getElementById('host-link').focus(); return true; });
  const focusedTitle = () => {
    const active = document.getElementById('own').shadowRoot.activeElement;
    return active?.matches('.card-title a') ? active.href : null;
  };
  let href = null;
  for (let i = 0; i < 12 && !href; i++) {
    await p.press('Tab');
    href = await p.eval(focusedTitle);
  }
  assert.ok(href, 'Tab reaches the first article link inside the widget');
  await p.press('Enter');
  assert.equal(await p.text(inside('own', 'article h1')), SEED.title);
  const opened = await p.eval(() => window.__opened);
  assert.equal(opened.url, href, 'the host heard sinmun:open');
  assert.equal(opened.target, 'own');
  // Focus moves to the article's heading on the frame after it paints.
  const headingFocused = () => document.getElementById('own').shadowRoot.activeElement?.matches('h1') ?? false;
  await p.waitFor(headingFocused, null, { what: "focus on the opened article's heading" });
  assert.equal(await p.eval(() => document.activeElement?.id), 'own', 'focus stays inside the widget');
  const back = () => document.getElementById('own').shadowRoot.activeElement?.matches('.widget-back') ?? false;
  // The back control comes before the article, whose heading has the focus.
  for (let i = 0; i < 6 && !(await p.eval(back)); i++) await p.press('Shift+Tab');
  assert.ok(await p.eval(back), 'Shift+Tab reaches the back control');
  await p.press('Enter');
  await p.waitFor(focusedTitle, null, { what: 'focus back on the article link' });
  assert.equal(await p.eval(focusedTitle), href);
  const after = await p.eval(hostState);
  assert.deepEqual(after, before, 'URL, title, history and scroll untouched');
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

test("other people's feeds (RSS 0.91 in EUC-KR, RDF in EUC-JP, RSS 2.0, Atom html and xhtml, WordPress, JSON Feed) list their items and open them", async () => {
  const p = await open('feeds.html');
  for (const [id, file] of FEED_FIXTURES) {
    await p.waitForSelector(inside(id, '.card-title a'), { what: `${id}: ${file}` });
    const expected = fixtureTitles(file);
    const shown = await p.all(inside(id, '.card-title a'), (as) => as.map((a) => a.textContent.trim()));
    assert.equal(shown.length, Math.min(3, expected.length), `${id}: limit 3`);
    for (const title of shown) {
      assert.ok(expected.includes(title), `${id}: "${title}" is an item title of ${file}`);
      assert.ok(!title.includes('\uFFFD'), `${id}: decoded with the right charset`);
    }
  }
  // Hangul from EUC-KR bytes (the server even says charset=utf-8: the prolog wins).
  assert.match((await p.all(inside('euckr', '.card'), (cs) => cs.map((c) => c.textContent).join(' '))), /[가-힣]{2}/);
  // An Atom entry with xhtml content opens inline; its images resolve against xml:base
  // (the oldest of the three has pictures).
  await p.click(inside('xhtml', '.card:last-of-type .card-title a'));
  await p.waitFor(() => {
    const body = document.getElementById('xhtml').shadowRoot.querySelector('.article-body');
    return body?.dataset.sinmunRendered && body.dataset.sinmunRendered === body.dataset.sinmunRender && !!body.querySelector('p');
  }, null, { what: 'the xhtml content rendered' });
  const sources = await p.all(inside('xhtml', '.article-body img'), (imgs) => imgs.map((i) => i.getAttribute('src')));
  assert.ok(sources.length > 0 && sources.every((s) => s.startsWith('https://andrea.pappacoda.it/blog/')), JSON.stringify(sources));
  // A Korean newspaper item (CDATA, dc:date only) opens with its date and text.
  await p.click(inside('khan', '.card-title a'));
  await p.waitForSelector(inside('khan', 'article h1'));
  assert.match(await p.attr(inside('khan', 'article time'), 'datetime'), /^2018-04-0\dT/);
  assert.equal(await p.count(inside('khan', '.article-body script')), 0);
  // The item's own page: "read on the original site", an http(s) link.
  await p.waitForSelector(inside('khan', '.original-link a'));
  assert.match(await p.attr(inside('khan', '.original-link a'), 'href'), /^https?:\/\/[^/]+\//);
  assert.deepEqual(await p.errors(), []);
  await p.screenshot(screenshotFile(screenshotDir, 'widget-feeds'));
  await p.close();
});

test('a paged feed is fetched only as far as the widget shows', async () => {
  const p = await open('paged.html');
  await p.waitFor(() => ['two', 'four'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.card-title a')),
    null, { what: 'both widgets listed' });
  assert.deepEqual(await p.all(inside('two', '.card-title a'), (as) => as.map((a) => a.textContent.trim())),
    ['Page 1 item 0', 'Page 1 item 1']);
  assert.deepEqual(await p.all(inside('four', '.card-title a'), (as) => as.map((a) => a.textContent.trim())),
    ['Page 1 item 0', 'Page 1 item 1', 'Page 1 item 2', 'Page 2 item 0']);
  const fetched = (await host.requests()).filter((r) => r.startsWith('/paged/'));
  assert.ok(fetched.includes('/paged/p2.json'), `four items need the second page: ${fetched}`);
  assert.ok(!fetched.includes('/paged/p3.json'), `the third page is never needed: ${fetched}`);
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

test("a JSON Feed's article opens inline with its body, and back returns to the list", async () => {
  const p = await open('feed-inline.html');
  const feed = JSON.parse(fs.readFileSync(path.join(e2eDir, 'site', 'feed.json'), 'utf8'));
  await p.click(inside('inline', '.card-title a'));
  assert.equal(await p.text(inside('inline', 'article h1')), feed.items[0].title);
  await p.waitFor(() => {
    const body = document.getElementById('inline').shadowRoot.querySelector('.article-body');
    return body?.dataset.sinmunRendered && body.dataset.sinmunRendered === body.dataset.sinmunRender && !!body.querySelector('h2');
  }, null, { what: "the feed item's content_html rendered" });
  assert.equal(await p.count(inside('inline', '.article-body script')), 0);
  assert.match(await p.text(inside('inline', '.widget-back')), /Back/, "lang='en'");
  await p.click(inside('inline', '.widget-back'));
  await p.waitForSelector(inside('inline', '.card-title a'));
  assert.equal(await p.path(), '/feed-inline.html');
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

test("the host styles a widget through its custom properties and ::part(), and theme and layout change in place", async () => {
  const p = await open('styled.html');
  await p.waitForSelector(inside('styled', '.card-title a'));
  await p.waitForSelector(inside('plain', '.card-title a'));
  const look = (id) => {
    const root = document.getElementById(id).shadowRoot;
    const style = (s) => getComputedStyle(root.querySelector(s));
    return {
      accent: style('.widget-more a').color,
      background: style('.sinmun').backgroundColor,
      font: style('.card-excerpt').fontFamily,
      spacing: style('.card-title').letterSpacing,
      excerpt: style('.card-excerpt').display,
      part: root.querySelector('.card-title').getAttribute('part'),
    };
  };
  const styled = await p.eval(look, 'styled');
  assert.equal(styled.accent, 'rgb(10, 88, 202)', '--sinmun-accent');
  assert.equal(styled.background, 'rgb(250, 240, 230)', '--sinmun-background');
  assert.equal(styled.font, 'serif', '--sinmun-font');
  assert.equal(styled.spacing, '3px', '::part(title)');
  assert.equal(styled.part, 'title');
  const plain = await p.eval(look, 'plain');
  assert.notEqual(plain.accent, styled.accent, 'the other widget keeps its own look');
  assert.notEqual(plain.spacing, '3px');
  // theme and layout restyle in place: no new request, the same nodes.
  const seen = (await site.requests()).length;
  await p.eval(() => {
    const feed = document.getElementById('plain');
    feed.shadowRoot.querySelector('.card').dataset.marked = '1';
    feed.setAttribute('theme', 'dark');
    feed.setAttribute('layout', 'compact');
    return true;
  });
  await p.eval(frames);
  const changed = await p.eval(look, 'plain');
  assert.notEqual(changed.background, plain.background, 'theme="dark" applies');
  assert.equal(changed.excerpt, 'none', 'layout="compact" applies');
  assert.equal(await p.eval(() => document.getElementById('plain').shadowRoot.querySelector('.card').dataset.marked), '1', 'not remounted');
  assert.deepEqual((await site.requests()).slice(seen), []);
  // open="new-tab", category and lang.
  await p.waitForSelector(inside('tab', '.card-title a'));
  assert.equal(await p.text(inside('tab', '.list-title')), 'News', "category='news' shows that category's list");
  const tabLinks = await p.all(inside('tab', '.card-title a'), (as) => as.map((a) => [a.target, a.rel]));
  assert.ok(tabLinks.length > 0 && tabLinks.every(([target, rel]) => target === '_blank' && rel.includes('noopener')),
    `new-tab links: ${JSON.stringify(tabLinks)}`);
  assert.ok(await p.all(inside('tab', '.card'), (cards) => cards.every((c) => c.textContent.includes('News'))), 'every item is in the category');
  assert.match(await p.text(inside('tab', '.widget-more a')), /more/i, "lang='en' words the widget in English");
  assert.match(await p.attr(inside('tab', '.widget-more a'), 'href'), /\/category\/news\/$/, "'more' goes to the category on the site");
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

test('a bad src, invalid data and a CORS refusal each show a message inside their widget, and the others work', async () => {
  // The test server's injected responses carry no Access-Control-Allow-Origin: a CORS refusal.
  await site.faults([{ path: '/refuses-cors/', status: 200, body: '{}' }]);
  fs.mkdirSync(path.join(e2eDir, 'site', 'login'), { recursive: true });
  fs.writeFileSync(path.join(e2eDir, 'site', 'login', 'index.html'),
    '<!doctype html><html><head><title>Sign in</title></head><body><form><input type="password" name="p"></form></body></html>');
  try {
    const p = await open('errors.html');
    await p.waitForSelector(inside('fine', '.card-title a'));
    await p.waitForSelector(inside('atom', '.card-title a'));
    const message = async (id) => p.text(inside(id, '[role=alert]'));
    assert.match(await message('scheme'), /javascript:alert\(1\).*not an http/, 'a src that is not http(s)');
    assert.match(await message('invalid'), /broken-data\/manifest\.json.*total/s, 'invalid data names the file and the field');
    assert.match(await message('cors'), /refuses-cors\/config\.json.*CORS.*cargo xtask site/s, 'a CORS refusal names the address, the cause and the way round it');
    assert.match(await message('login'), /login\/.*login page/s, 'a login page served with 200 is named');
    assert.equal(await p.count(inside('atom', '.card')), 2, "the site's own Atom feed is a source too");
    for (const id of ['scheme', 'invalid', 'cors', 'login']) {
      const height = await p.eval((id) => document.getElementById(id).getBoundingClientRect().height, id);
      assert.ok(height > 20 && height < 300, `${id}: a compact message, not a blank box (${height}px)`);
    }
    assert.equal(await p.count(inside('fine', '.card')), 1, 'the working widget beside them is unaffected');
    assert.equal(await p.text(inside('fine', '.card-title a')), SEED.title, 'without src: the site that served embed.js');
    assert.deepEqual(await p.errors(), [], 'nothing thrown into the host page');
    await p.close();
  } finally {
    await site.clearFaults();
  }
});

test('a host that cancels sinmun:open keeps the reader on its page', async () => {
  const p = await open('intercept.html');
  // A card's category link is not an article: the widget shows that category itself.
  const category = await p.text(inside('intercepted', '.card .category-link'));
  await p.click(inside('intercepted', '.card .category-link'));
  await p.waitFor((name) => document.getElementById('intercepted').shadowRoot.querySelector('.list-title')?.textContent === name,
    category, { what: `the ${category} list inside the widget` });
  assert.equal(await p.eval(() => window.__opened ?? null), null, 'no sinmun:open for a category');
  assert.equal(await p.path(), '/intercept.html');
  await p.click(inside('intercepted', '.card-title a'));
  await p.waitFor(() => window.__opened, null, { what: 'sinmun:open' });
  const opened = await p.eval(() => window.__opened);
  assert.match(opened.url, new RegExp(`^${site.origin}/`), 'detail.url is the article on the site');
  assert.ok(opened.title.length > 0, 'detail.title');
  await p.eval(() => new Promise((r) => setTimeout(() => r(true), 300)));
  assert.equal(await p.path(), '/intercept.html');
  assert.equal(await p.count(inside('intercepted', 'article')), 0, 'nor does it open inside');
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

test('a widget added by script, its attributes changed, then removed, leaves nothing running', async () => {
  const p = await open('empty.html');
  await p.waitFor(() => !!customElements.get('sinmun-feed'), null, { what: 'embed.js defined <sinmun-feed>' });
  const cycle = async () => {
    await p.eval(({ src }) => {
      const feed = document.createElement('sinmun-feed');
      feed.id = 'dynamic';
      feed.setAttribute('src', src);
      feed.setAttribute('limit', '3');
      document.body.append(feed);
      return true;
    }, { src: site.url('/') });
    await p.waitFor(() => document.getElementById('dynamic').shadowRoot?.querySelectorAll('.card').length === 3, null, { what: 'three cards' });
    await p.eval(() => { document.getElementById('dynamic').setAttribute('limit', '1'); return true; });
    await p.waitFor(() => document.getElementById('dynamic').shadowRoot.querySelectorAll('.card').length === 1, null, { what: 'limit 1 takes effect' });
    await p.eval(({ src }) => { document.getElementById('dynamic').setAttribute('src', src); return true; }, { src: `${other.origin}/` });
    await p.waitFor(({ title }) => {
      const link = document.getElementById('dynamic').shadowRoot.querySelector('.card-title a');
      return link && link.textContent.trim() !== title && link.href.startsWith(location.protocol) && !link.href.includes(location.host);
    }, { title: SEED.title }, { what: 'the new src takes effect' });
    const left = await p.eval(() => {
      const feed = document.getElementById('dynamic');
      const mounted = window.__inside(feed);
      feed.remove();
      return { mounted, after: window.__inside(feed) };
    });
    assert.ok(left.mounted > 0, 'the mounted widget listens inside its element');
    assert.equal(left.after, 0, 'no listener of the removed widget is left');
    await p.eval(frames);
    await p.eval(() => new Promise((r) => setTimeout(() => r(true), 100)));
    return p.eval(() => window.__counts());
  };
  const first = await cycle();
  const second = await cycle();
  const third = await cycle();
  assert.deepEqual(second, first, 'a second add/remove cycle leaves as many listeners and timers');
  assert.deepEqual(third, first, 'so does a third');
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

test('nothing but embed.js loads until the widget is within a screen of the viewport', async () => {
  const seen = (await site.requests()).length;
  const p = await open('lazy.html');
  await p.waitFor(() => !!customElements.get('sinmun-feed'), null, { what: 'embed.js ran' });
  await p.eval(() => new Promise((r) => setTimeout(() => r(true), 800)));
  const early = (await site.requests()).slice(seen);
  assert.deepEqual(early, ['/embed.js'], 'nothing but embed.js before the widget is near');
  assert.equal(await p.text('#fallback-link'), 'Read the news', "the site owner's fallback link shows meanwhile");
  await p.eval(() => { document.getElementById('far').scrollIntoView(); return true; });
  await p.waitForSelector(inside('far', '.card-title a'));
  assert.ok((await site.requests()).some((r) => /\/sinmun-widget[^/]*\.wasm$/.test(r)), 'the code loads once near');
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

test('without scripts the fallback link shows; without WebAssembly a plain list of links from the feed', async () => {
  const plain = await open('no-script.html');
  assert.equal(await plain.text('#fallback-link'), 'Read the news');
  await plain.close();
  const seen = (await site.requests()).length;
  const p = await open('no-wasm.html');
  await p.waitForSelector(inside('plain', '.sinmun-fallback a'));
  const links = await p.all(inside('plain', '.sinmun-fallback a'), (as) => as.map((a) => ({ text: a.textContent, href: a.href })));
  assert.equal(links.length, 3, 'limit applies to the fallback list');
  assert.equal(links[0].text, SEED.title);
  const feed = JSON.parse(fs.readFileSync(path.join(e2eDir, 'site', 'feed.json'), 'utf8'));
  assert.deepEqual(links.map((l) => l.href), feed.items.slice(0, 3).map((i) => new URL(i.url, site.url('/feed.json')).href),
    "the links are the feed's articles");
  const since = (await site.requests()).slice(seen);
  assert.ok(since.some((r) => r.endsWith('/feed.json')), 'the list comes from the JSON Feed');
  assert.ok(!since.some((r) => r.endsWith('.wasm')), 'no wasm requested');
  assert.deepEqual(await p.errors(), []);
  await p.close();
});

/** In the host page: the iframe's height once it equals the height its content last posted. */
function resizedToPosted() {
  const posted = window.__posted;
  const h = document.getElementById('frame').getBoundingClientRect().height;
  return posted > 200 && Math.abs(h - posted) <= 1 ? h : false;
}

test('the iframe embed works under a host CSP with no third-party script and resizes to its content', async () => {
  const p = await open('frame.html');
  // The frame posts its content's height; embed-resize.js applies it.
  const height = await p.waitFor(resizedToPosted, null, { what: 'the iframe resized to the height its content posted' });
  assert.ok(height > 150);
  await p.screenshot(screenshotFile(screenshotDir, 'widget-iframe'));
  assert.deepEqual(await p.errors(), [], 'no CSP violation on the host page');
  await p.close();
  // A resize script that runs after the frame has posted its last height asks for it again.
  const late = await open('frame-late.html');
  await late.waitFor(() => window.__posted > 200, null, { what: 'the frame posted its height' });
  assert.equal(await late.eval(() => document.getElementById('frame').getBoundingClientRect().height), 150,
    'without the script the iframe keeps its default height');
  await late.eval(() => {
    window.__posted = 0;
    document.head.append(Object.assign(document.createElement('script'), { src: 'embed-resize.js' }));
    return true;
  });
  await late.waitFor(resizedToPosted, null, { what: 'the late resize script sized the iframe' });
  assert.deepEqual(await late.errors(), []);
  await late.close();
  // The frame's page on its own (one page at a time: WebKit's driver has one window).
  const alone = await session.browser.newPage();
  await alone.goto(site.url('/embed/?limit=3&theme=dark'));
  await alone.waitForSelector('sinmun-feed >>> .card-title a');
  assert.equal(await alone.count('sinmun-feed >>> .card'), 3, 'the frame shows limit=3 items');
  assert.equal(await alone.attr('sinmun-feed >>> .card-title a', 'target'), '_top', 'its links open in the parent page');
  await alone.close();
});

test('each layout in light and dark, and no axe-core violations on the host page', async () => {
  const p = await open('layouts.html');
  const ids = ['list', 'cards', 'compact'].flatMap((l) => [`${l}-light`, `${l}-dark`]);
  for (const id of ids) {
    await p.eval(({ id }) => { document.getElementById(id).scrollIntoView(); return true; }, { id });
    await p.waitForSelector(inside(id, '.card-title a'));
  }
  const looks = await p.eval(({ ids }) => Object.fromEntries(ids.map((id) => {
    const root = document.getElementById(id).shadowRoot;
    const s = (sel) => getComputedStyle(root.querySelector(sel));
    return [id, { background: s('.sinmun').backgroundColor, excerpt: root.querySelector('.card-excerpt') ? s('.card-excerpt').display : 'none' }];
  })), { ids });
  assert.notEqual(looks['list-dark'].background, looks['list-light'].background, 'dark differs from light');
  assert.equal(looks['compact-light'].excerpt, 'none', 'compact is headline-only');
  assert.notEqual(looks['list-light'].excerpt, 'none');
  for (const theme of ['light', 'dark']) {
    await p.eval(({ theme }) => { document.getElementById(`row-${theme}`).scrollIntoView(); return true; }, { theme });
    await p.screenshot(screenshotFile(screenshotDir, `widget-layouts-${theme}`));
  }

  assert.deepEqual(await p.errors(), []);
  await p.close();

  // axe-core, which looks into open shadow roots (a copy served by the host).
  const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  fs.writeFileSync(path.join(hostRoot, 'axe.js'), axeSource);
  const a11y = await open('three.html');
  await a11y.waitForSelector(inside('own', '.card-title a'));
  await a11y.waitForSelector(inside('second', '.card-title a'));
  await a11y.waitForSelector(inside('broken', '[role=alert]'));
  await a11y.eval(() => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = 'axe.js';
    s.onload = () => resolve(true);
    s.onerror = reject;
    document.head.append(s);
  }));
  const violations = await a11y.eval(() => window.axe.run({ include: [['#own'], ['#second'], ['#feed'], ['#broken']] }, { resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
  assert.deepEqual(violations, [], `axe-core (${ENGINE})`);
  // axe-core itself adds a <style> the host's policy refuses: that is the tool's, not the widget's.
  assert.deepEqual((await a11y.errors()).filter((e) => !e.includes('/axe.js:')), []);
  await a11y.close();
});
