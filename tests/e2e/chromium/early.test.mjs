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

/** The URLs early.js requests on a page at `pathname` below `base`. */
function requested(base, pathname, { host = true } = {}) {
  const origin = 'https://news.example';
  const requests = [];
  const window = {};
  const element = host ? { dataset: {} } : null;
  vm.runInNewContext(early, {
    window,
    URL,
    AbortController,
    fetch: (url) => { requests.push(String(url)); return Promise.resolve({}); },
    location: { pathname: encodeURI(base + pathname) },
    document: { baseURI: origin + base, querySelector: () => element },
  });
  return { requests: requests.map((u) => u.slice(origin.length)), handedOver: window.__sinmunEarly };
}

for (const base of ['/', '/blog/']) {
  for (const [sitePath, expected] of table) {
    test(`early requests for ${base}${sitePath} (${expected})`, () => {
      const { requests, handedOver } = requested(base, sitePath.replace(/^\//, ''));
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

test('a page without a host element starts no early requests', () => {
  const { requests, handedOver } = requested('/', '', { host: false });
  assert.deepEqual(requests, []);
  assert.equal(handedOver, undefined);
});
