// Reliability (issue "Reliability"): flaky networks. HTTP errors, requests
// that never answer, going offline and slow answers arriving out of order,
// through the test server's fault injection (tests/support/server.mjs) and
// page.route. Errors must say what failed; retry must recover; a view must
// never show data for a URL the reader has already left, and the requests of
// abandoned views are aborted.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, e2eDir } from '../helpers.mjs';
import { watchedPage, settled, errorMessage } from './outcome.mjs';

const siteDir = path.join(e2eDir, 'site');
const config = JSON.parse(fs.readFileSync(path.join(siteDir, 'config.json'), 'utf8'));
const shard = JSON.parse(fs.readFileSync(path.join(siteDir, 'data/index/0.json'), 'utf8'));
const titleOf = (slug) => shard.items.find((s) => s.slug === slug).title;
const A = 'market-digital-payments';
const B = 'heatwave-preparedness';
const C = 'weekly-briefing';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({ root: siteDir, mode: 'pages' });
});
after(async () => {
  await browser?.close();
  server?.close();
});
afterEach(async () => { await server.clearFaults(); });

/** Serve config.json with `timeout_ms` set (the app's time limit per request). */
async function withTimeLimit(page, ms) {
  await page.route('**/config.json', (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify({ ...config, timeout_ms: ms }),
  }));
}

async function open(p, { timeLimit } = {}) {
  const page = await watchedPage(browser);
  if (timeLimit) await withTimeLimit(page, timeLimit);
  // `settled` waits for the app; the loading state is looked at before.
  await page.goto(server.url(p), { static: true });
  return page;
}

/** Until the app has taken the prerendered page over (its static links replaced by its own). */
const takenOver = (page) => page.waitForFunction(() => !document.querySelector('.sinmun-prerendered'), null, { timeout: 20000 });

/** Links outside the app, which the router follows like its own. */
async function addLinks(page, slugs) {
  await page.evaluate((slugs) => {
    const nav = document.createElement('nav');
    for (const slug of slugs) {
      const a = document.createElement('a');
      a.href = `/posts/${slug}`;
      a.id = `go-${slug}`;
      a.textContent = slug;
      nav.append(a, ' ');
    }
    // Inside the app's host element: the app follows links in its own
    // element only (on someone else's page, the rest is theirs).
    document.querySelector('#sinmun').prepend(nav);
  }, slugs);
}

test('HTTP 404: a missing manifest or shard is an error naming the file; a missing article is "not found"', async () => {
  await server.faults([{ path: 'data/manifest.json', status: 404 }]);
  let page = await open('/');
  assert.equal(await settled(page), 'error');
  let message = await errorMessage(page);
  assert.match(message, /\/data\/manifest\.json was not found \(HTTP 404\)/);
  await page.context().close();

  // The manifest promises shard 0; its absence is broken data, not an unknown page.
  await server.faults([{ path: 'data/index/0.json', status: 404 }]);
  page = await open('/');
  assert.equal(await settled(page), 'error');
  message = await errorMessage(page);
  assert.match(message, /HTTP 404 for .*\/data\/index\/0\.json/);
  await page.context().close();

  await server.faults([{ path: `data/articles/${A}.json`, status: 404 }]);
  page = await open(`/posts/${A}`);
  assert.equal(await settled(page), 'not-found');
  await page.context().close();
});

for (const [what, fault, p, ready] of [
  ['manifest', 'data/manifest.json', '/', '.card'],
  ['index shard', 'data/index/0.json', '/', '.card'],
  ['article', `data/articles/${A}.json`, `/posts/${A}`, 'article h1'],
  ['config.json', 'config.json', '/', '.card'],
]) {
  test(`HTTP 500 for the ${what}: an error naming status and URL; retry recovers`, async () => {
    await server.faults([{ path: fault, status: 500, times: 1 }]);
    const page = await open(p);
    assert.equal(await settled(page), 'error');
    const message = await errorMessage(page);
    assert.match(message, /HTTP 500/);
    assert.ok(message.includes(fault), `names ${fault}: ${message}`);
    await page.locator('.retry:visible').click();
    // A prerendered page keeps its cards under the error: wait for the error to go.
    await page.locator('.status-error').waitFor({ state: 'detached', timeout: 10000 });
    await page.locator(ready).first().waitFor({ timeout: 10000 });
    assert.equal(await settled(page), what === 'article' ? 'article' : 'list');
    await page.context().close();
  });
}

test('a request that never answers ends at the time limit from config.json; retry recovers', async () => {
  await server.faults([{ path: `data/articles/${A}.json`, hang: true, times: 1 }]);
  const page = await open(`/posts/${A}`, { timeLimit: 1500 });
  const started = Date.now();
  assert.equal(await settled(page, { timeout: 10000 }), 'error');
  const waited = Date.now() - started;
  const message = await errorMessage(page);
  assert.match(message, new RegExp(`/data/articles/${A}\\.json did not answer within 1\\.5 seconds`));
  assert.ok(waited >= 1000 && waited < 8000, `gave up after ${waited} ms`);
  await page.locator('.retry:visible').click();
  await takenOver(page);
  assert.equal(await page.locator('article h1').innerText(), titleOf(A));
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('a slow answer within the time limit is waited for', async () => {
  await server.faults([{ path: `data/articles/${A}.json`, delayMs: 1000, times: 1 }]);
  const page = await open(`/posts/${A}`, { timeLimit: 3000 });
  // Attached, not visible: on a prerendered article page the app loads
  // behind the prerendered title.
  await page.locator('.status-loading').waitFor({ state: 'attached' });
  assert.equal(await settled(page, { timeout: 10000 }), 'article');
  await page.context().close();
});

test('without timeout_ms a hanging manifest fails after the default 15 s', async () => {
  await server.faults([{ path: 'data/manifest.json', hang: true, times: 1 }]);
  const page = await open('/');
  assert.equal(await settled(page, { timeout: 25000 }), 'error');
  assert.match(await errorMessage(page), /\/data\/manifest\.json did not answer within 15 seconds/);
  await page.locator('.retry:visible').click();
  await page.locator('.card').first().waitFor();
  await page.context().close();
});

test('offline: the error says the article could not be reached; back online, retry recovers', async () => {
  const page = await open('/');
  await takenOver(page);
  await page.context().setOffline(true);
  await page.locator(`.card-title a[href*="/posts/${A}/"]`).click();
  assert.equal(await settled(page), 'error');
  const message = await errorMessage(page);
  assert.match(message, new RegExp(`Could not reach .*/data/articles/${A}\\.json`));
  assert.match(message, /connection/);
  await page.context().setOffline(false);
  await page.locator('.retry:visible').click();
  await page.locator('article h1').waitFor();
  assert.equal(await page.locator('article h1').innerText(), titleOf(A));
  await page.context().close();
});

/** Titles shown in `article h1` until `ms` have passed. */
async function titlesShown(page, ms) {
  return page.evaluate((ms) => new Promise((resolve) => {
    const seen = new Set();
    const started = performance.now();
    const look = () => {
      const h1 = document.querySelector('article h1');
      if (h1) seen.add(h1.textContent);
      if (performance.now() - started < ms) requestAnimationFrame(look);
      else resolve([...seen]);
    };
    look();
  }), ms);
}

for (const from of ['list', 'article']) {
  test(`clicking A (slow) then B (fast) from the ${from} view shows B, and A's request is aborted`, async () => {
    await server.faults([{ path: `data/articles/${A}.json`, delayMs: 1500 }]);
    const page = await open(from === 'list' ? '/' : `/posts/${C}`);
    // The app's router follows the links below: it must have taken the page over.
    await takenOver(page);
    const aborted = [];
    page.on('requestfailed', (r) => {
      if (r.url().includes(`/articles/${A}.json`)) aborted.push(r.failure()?.errorText);
    });
    await addLinks(page, [A, B]);
    const started = Date.now();
    const requested = page.waitForRequest((r) => r.url().includes(`/articles/${A}.json`));
    await page.locator(`#go-${A}`).click();
    await requested;
    await page.locator(`#go-${B}`).click();
    // Watch until well after A's answer would have come.
    const seen = await titlesShown(page, 2500);
    assert.ok(!seen.includes(titleOf(A)), `A's title was shown: ${seen}`);
    assert.equal(await page.locator('article h1').innerText(), titleOf(B));
    assert.match(new URL(page.url()).pathname, new RegExp(`^/posts/${B}/?$`));
    assert.match(await page.title(), new RegExp(titleOf(B).slice(0, 8).replace(/[[\]…]/g, '.')));
    // B did not wait for A.
    assert.deepEqual(aborted, ['net::ERR_ABORTED'], 'A was aborted once');
    assert.ok(Date.now() - started < 10000);
    assert.equal(await settled(page), 'article');
    await page.context().close();
  });
}

test('switching categories quickly shows the last one, never the slow first', async () => {
  const page = await open('/');
  await takenOver(page);
  await server.faults([{ path: 'data/categories/news/0.json', delayMs: 1500 }]);
  const aborted = [];
  page.on('requestfailed', (r) => {
    if (r.url().includes('/categories/news/0.json')) aborted.push(r.failure()?.errorText);
  });
  const requested = page.waitForRequest((r) => r.url().includes('/categories/news/0.json'));
  await page.locator('a[href*="/category/news/"]').first().click();
  await requested;
  await page.locator('a[href*="/category/technology/"]').first().click();
  await page.waitForTimeout(2500);
  assert.equal(await page.locator('.list-title').innerText(), 'Technology');
  assert.match(new URL(page.url()).pathname, /^\/category\/technology\/?$/);
  assert.deepEqual(aborted, ['net::ERR_ABORTED']);
  assert.equal(await settled(page), 'list');
  await page.context().close();
});

test('leaving an article while it loads aborts its request', async () => {
  await server.faults([{ path: `data/articles/${A}.json`, delayMs: 3000 }]);
  const page = await open('/');
  await takenOver(page);
  const aborted = [];
  page.on('requestfailed', (r) => {
    if (r.url().includes(`/articles/${A}.json`)) aborted.push(r.failure()?.errorText);
  });
  const requested = page.waitForRequest((r) => r.url().includes(`/articles/${A}.json`));
  await page.locator(`.card-title a[href*="/posts/${A}/"]`).click();
  await requested;
  await page.goBack();
  await page.locator('.card').first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(aborted, ['net::ERR_ABORTED']);
  assert.equal(await settled(page), 'list');
  await page.context().close();
});
