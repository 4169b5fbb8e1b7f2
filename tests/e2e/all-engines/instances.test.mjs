// One app instance per host (architecture issue, part 1), in every engine:
// two embedded instances with different sources share a page with the page
// around them untouched; unmounting one leaves the other working and leaks
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, e2eDir, screenshotDir, SEED } from '../helpers.mjs';
import { engineSession, screenshotFile } from '../engines/index.mjs';

const session = engineSession(before, after);
let sample; // the sample site
let other; // another site on another origin (the XSS corpus site)
let host; // a third origin: someone else's page that embeds both
before(async () => {
  sample = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages' });
  other = await startServer({ root: path.join(e2eDir, 'xss'), mode: 'pages' });
  const root = path.join(e2eDir, 'host-page');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'counting.js'), `(${countingScript})();\n`);
  fs.writeFileSync(path.join(root, 'index.html'), hostPageHtml(bundleFiles()));
  host = await startServer({ root, mode: 'pages', hook: true });
});
after(() => {
  sample?.close();
  other?.close();
  host?.close();
});

/** The bundle's files, as a site's index.html names them. */
function bundleFiles() {
  const html = fs.readFileSync(path.join(e2eDir, 'site', 'index.html'), 'utf8');
  const attr = (re) => {
    const found = re.exec(html)?.[1];
    assert.ok(found, `index.html names ${re}`);
    return new URL(found, sample.url('/')).href;
  };
  return {
    start: attr(/<script type="module" src="([^"]+)"/),
    styles: [attr(/<link rel="stylesheet" href="([^"]+main[^"]*\.css)"/)],
    files: {
      sanitizer: attr(/<meta name="sinmun-sanitizer" content="([^"]+)"/),
      bodyStyle: attr(/<meta name="sinmun-body-style" content="([^"]+)"/),
      markdown: attr(/<meta name="sinmun-markdown" content="([^"]+)"/),
      enhance: attr(/<meta name="sinmun-enhance" content="([^"]+)"/),
    },
  };
}

function hostPageHtml(files) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A host page</title>
    <style>body { background: rgb(1, 2, 3); color: rgb(200, 200, 200); font-family: monospace; margin: 8px }
    a { color: rgb(0, 128, 0) } .card { border: 0 }</style>
    <script src="counting.js"></script></head>
    <body><p id="outside"><a href="#top">a link of the host page</a></p>
    <div id="a"></div><div id="b"></div>
    <script type="module" src="${files.start}"></script></body></html>`;
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
    inside: (root) => [...live].filter((e) => e.target === root || (e.target instanceof Node && root.contains(e.target))).length,
    timers: pending.size,
  });
  window.__inside = (element) => [...live].filter((e) => e.target === element.shadowRoot
    || e.target === element || (e.target instanceof Node && (element.contains(e.target) || element.shadowRoot?.contains(e.target)))).length;
}


async function hostPage() {
  const page = await session.browser.newPage();
  await page.goto(host.url('/'));
  await page.waitFor(() => !!window.wasmBindings?.mountEmbedded, null, { timeout: 30000, what: 'the bundle loaded' });
  const files = bundleFiles();
  return { page, options: { styles: files.styles, files: files.files } };
}

const mount = (page, id, config, options) => page.eval(({ id, config, options }) => {
  window.__instances ??= {};
  window.__instances[id] = window.wasmBindings.mountEmbedded(document.getElementById(id), { config, ...options });
  return true;
}, { id, config, options });

const inShadow = (id, selector) => `#${id} >>> ${selector}`;

test('two embedded instances with different sources share a page and leave it alone', async () => {
  const { page, options } = await hostPage();
  await mount(page, 'a', sample.url('/config.json'), options);
  await mount(page, 'b', `${other.origin}/config.json`, options);
  assert.equal(await page.text(inShadow('a', '.card-title a')), SEED.title);
  assert.notEqual(await page.text(inShadow('b', '.card-title a')), SEED.title, 'the second instance reads its own source');
  // Styled inside, the page around untouched.
  const around = await page.eval(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    link: getComputedStyle(document.querySelector('#outside a')).color,
    font: getComputedStyle(document.body).fontFamily,
    title: document.title,
    path: location.pathname,
    headStyles: document.head.querySelectorAll('link[rel=stylesheet]').length,
  }));
  assert.deepEqual(around, {
    body: 'rgb(1, 2, 3)', link: 'rgb(0, 128, 0)', font: 'monospace', title: 'A host page',
    path: '/', headStyles: 0,
  });
  const cardTitleFont = await page.eval(() => getComputedStyle(document.querySelector('#a').shadowRoot.querySelector('.card-title')).fontFamily);
  assert.match(cardTitleFont, /Serif/, 'the app styles apply inside the shadow root');

  // Navigation stays in memory: the article opens inside A, the URL and B stay.
  await page.click(inShadow('a', '.card-title a'));
  assert.equal(await page.text(inShadow('a', 'article h1')), SEED.title);
  await page.waitFor(() => {
    const body = document.querySelector('#a').shadowRoot.querySelector('.article-body');
    return body?.dataset.sinmunRendered && body.dataset.sinmunRendered === body.dataset.sinmunRender;
  }, null, { what: "A's article body" });
  assert.ok(await page.eval(() => document.querySelector('#a').shadowRoot.querySelectorAll('link[rel=stylesheet]').length >= 2),
    'the body styles went into the shadow root');
  assert.equal(await page.eval(() => location.pathname), '/');
  assert.equal(await page.title(), 'A host page');
  assert.ok(await page.count(inShadow('b', '.card')) > 0);
  // A table-of-contents link scrolls inside A without touching the URL.
  if (await page.count(inShadow('a', '.toc a'))) {
    await page.click(inShadow('a', '.toc a'));
    assert.equal(await page.eval(() => location.hash), '');
  }
  await page.screenshot(screenshotFile(screenshotDir, 'two-instances'));
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('unmounting one instance keeps the other working and leaks no listener or timer', async () => {
  const { page, options } = await hostPage();
  await mount(page, 'b', `${other.origin}/config.json`, options);
  await page.waitForSelector(inShadow('b', '.card'));
  const cycle = async () => {
    await page.eval(() => {
      const a = document.createElement('div');
      a.id = 'a';
      document.body.append(a);
      return true;
    });
    await mount(page, 'a', sample.url('/config.json'), options);
    await page.click(inShadow('a', '.card-title a'));
    await page.waitForSelector(inShadow('a', 'article h1'));
    const inside = await page.eval(() => {
      const a = document.getElementById('a');
      const before = window.__inside(a);
      window.__instances.a.unmount();
      const after = window.__inside(a);
      a.remove();
      return { before, after };
    });
    assert.ok(inside.before > 0, 'the mounted instance listens inside its host');
    assert.equal(inside.after, 0, 'no listener of the unmounted instance is left');
    // Let pending work (frames, microtasks) finish before counting.
    await page.eval(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    return page.eval(() => { const c = window.__counts(); return { global: c.global, timers: c.timers }; });
  };
  const first = await cycle();
  const second = await cycle();
  const third = await cycle();
  assert.deepEqual(second, first, 'a second mount/unmount cycle leaves as many listeners and timers');
  assert.deepEqual(third, first, 'so does a third');
  // B is still alive: it navigates and renders.
  await page.click(inShadow('b', '.card-title a'));
  await page.waitForSelector(inShadow('b', 'article h1'));
  assert.equal(await page.count(inShadow('b', '.sinmun-crash')), 0);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
