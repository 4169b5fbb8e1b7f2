// early.js (src/source/early.js) must run before the app, so it cannot use
// the app's route grammar (sinmun_model::Route). Both are tested against one
// table, tests/fixtures/routes.json (model: route.rs `agrees_with_the_shared_route_table`):
// here, each path must start exactly the early requests its route needs.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const early = fs.readFileSync(path.resolve(here, '../../../src/source/early.js'), 'utf8');
const table = JSON.parse(fs.readFileSync(path.resolve(here, '../../fixtures/routes.json'), 'utf8'));

const origin = 'https://news.example';

/** The URLs early.js requests on a page at `pathname` below `base`, and
 * its host element's event listeners. */
async function requested(base, pathname, { host = true, prerendered = false } = {}) {
  const requests = [];
  const window = {};
  const listeners = {};
  const element = host ? { dataset: {}, addEventListener: (type, f) => { listeners[type] = f; } } : null;
  vm.runInNewContext(early, {
    window,
    URL,
    AbortController,
    setTimeout,
    addEventListener: () => {},
    fetch: (url) => { requests.push(String(url)); return Promise.resolve({}); },
    location: { origin, pathname: encodeURI(base + pathname) },
    // An ordinary page (no prerendered shell), or a prerendered one that
    // has loaded: the requests start at once.
    document: {
      baseURI: origin + base,
      readyState: prerendered ? 'complete' : 'interactive',
      querySelector: (s) => (s.startsWith('.sinmun-prerendered') ? (prerendered ? {} : null) : element),
    },
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { requests, listeners, handedOver: window.__sinmunEarly, paths: () => requests.map((u) => u.slice(origin.length)) };
}

for (const base of ['/', '/blog/']) {
  for (const [sitePath, expected] of table) {
    test(`early requests for ${base}${sitePath} (${expected})`, async () => {
      const { paths, handedOver } = await requested(base, sitePath.replace(/^\//, ''));
      const requests = paths();
      const data = `${base}data/`;
      const wanted = [`${base}config.json`, `${data}manifest.json`];
      if (expected === 'front') wanted.push(`${data}index/0.json`);
      if (expected.startsWith('article:')) {
        wanted.push(new URL(`articles/${expected.slice('article:'.length)}.json`, `https://x${data}`).pathname);
      }
      assert.deepEqual(requests, wanted);
      assert.equal(handedOver.size, wanted.length, 'every request is handed over to the app');
    });
  }
}

test('a page without a host element starts no early requests', async () => {
  const { requests, handedOver } = await requested('/', '', { host: false });
  assert.deepEqual(requests, []);
  assert.equal(handedOver, undefined);
});

test('intent on a link to an article starts its download once; other links cost nothing', async () => {
  const { listeners, paths, handedOver } = await requested('/blog/', '');
  const before = paths().length;
  const on = (type, href) => {
    const url = new URL(href, `${origin}/blog/`);
    listeners[type]({ target: { closest: () => ({ origin: url.origin, pathname: url.pathname }) } });
  };
  on('pointerover', '/blog/posts/%EC%84%9C%EC%9A%B8/');
  on('focusin', '/blog/posts/%EC%84%9C%EC%9A%B8/');
  on('touchstart', '/blog/category/news/');
  on('pointerover', 'https://elsewhere.example/blog/posts/x/');
  listeners.touchstart({ target: { closest: () => null } });
  assert.deepEqual(paths().slice(before), ['/blog/data/articles/%EC%84%9C%EC%9A%B8.json']);
  assert.ok(handedOver.has(`${origin}/blog/data/articles/%EC%84%9C%EC%9A%B8.json`), 'handed over like an early request');
  assert.deepEqual(Object.keys(listeners).sort(), ['focusin', 'pointerover', 'touchstart']);
});

test("on a prerendered site, intent on an article link starts its page too, for the body kept there", async () => {
  const { listeners, paths, handedOver } = await requested('/blog/', 'posts/a/', { prerendered: true });
  const before = paths().length;
  const url = new URL('/blog/posts/%EC%84%9C%EC%9A%B8/', origin);
  listeners.pointerover({ target: { closest: () => ({ origin: url.origin, pathname: url.pathname }) } });
  listeners.focusin({ target: { closest: () => ({ origin: url.origin, pathname: url.pathname }) } });
  assert.deepEqual(paths().slice(before), ['/blog/data/articles/%EC%84%9C%EC%9A%B8.json', '/blog/posts/%EC%84%9C%EC%9A%B8/index.html']);
  assert.ok(handedOver.has(`${origin}/blog/posts/%EC%84%9C%EC%9A%B8/index.html`), 'the page is handed over to src/body/page.rs');
});
