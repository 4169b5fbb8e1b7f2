// Watch mode (`cargo xtask serve --watch`, issue 15) in Chromium: the server
// (tests/support/server.mjs --watch, with watch.mjs and live.js) rebuilds a
// copy of the sample posts on each save and the open page reloads itself,
// keeping its scroll position; a post's problem is named on the page (file
// and line) on top of the app, as text, closable, and gone after the fix; a
// deleted post's address 404s and it leaves the front page; a converter that
// fails outright leaves the last good site served and says why on the page.
// Prints the save → visible times it measures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newPage, screenshotDir, SEED } from '../helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const SEED_FILE = '2024-06-20-china-tech-regulation.md';
const BROKEN_FILE = '2024-03-19-korean-web-typography.md';
const DELETED_FILE = '2024-06-19-weekly-briefing.md';
/** Generous, to keep a busy machine from failing the test; the figures are printed. */
const VISIBLE_WITHIN_MS = 5000;

let tmp;
let posts;
let server;
let browser;
let page;

/** `server.mjs --watch` on a free port, once its first build is served. */
async function startWatching(root) {
  const convert = path.join(repo, 'target/native/sinmun-convert');
  const app = path.join(repo, 'target/app');
  for (const built of [convert, path.join(app, 'bundle.json')]) {
    assert.ok(fs.existsSync(built), `${built} is missing: \`cargo xtask test\` builds it before the suites`);
  }
  for (let tries = 0; tries < 20; tries++) {
    const port = 18600 + Math.floor(Math.random() * 400);
    const child = spawn(process.execPath, [path.join(repo, 'tests/support/server.mjs'),
      '--root', root, '--port', String(port), '--mode', 'pages',
      '--watch', posts, '--convert', convert, '--app', app], { stdio: ['ignore', 'pipe', 'inherit'] });
    const watching = { child, log: '', origin: `http://127.0.0.1:${port}` };
    child.stdout.on('data', (chunk) => { watching.log += chunk; });
    const started = await new Promise((resolve, reject) => {
      child.stdout.on('data', () => { if (watching.log.includes('sinmun: serving')) resolve(true); });
      child.on('exit', (code) => (code === 3 ? resolve(false) : reject(new Error(`server exited with ${code}:\n${watching.log}`))));
    });
    if (started) return watching;
  }
  throw new Error('no free port');
}

/** Poll `fn(arg)` in the page, across the reloads the live script makes, until truthy. */
async function until(fn, arg, { timeout = 15000, what = String(fn) } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await page.evaluate(fn, arg);
      if (last) return last;
    } catch (e) {
      last = `error: ${String(e).split('\n')[0]}`; // a reload in progress
    }
    if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${what}; last saw ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The overlay's text ('' when there is none). */
const overlayText = () => document.getElementById('sinmun-live-overlay')?.shadowRoot?.textContent ?? '';

/** Until the overlay's text includes `part` (across reloads); returns the text. */
const overlayWith = (part, what = `the overlay naming ${part}`) => until((p) => {
  const text = document.getElementById('sinmun-live-overlay')?.shadowRoot?.textContent ?? '';
  return text.includes(p) && text;
}, part, { what });

/** Until the page has reloaded (the mark is gone) with no overlay, and `ready` holds (a selector that matches). */
const reloadedWithoutOverlay = (ready, what) => until((selector) => !window.__sinmunBeforeSave
  && !!document.querySelector(selector) && !document.getElementById('sinmun-live-overlay'), ready, { what });

/** A mark in the page's window: gone once the page has reloaded. */
const mark = () => page.evaluate(() => { window.__sinmunBeforeSave = true; });
const reloaded = () => page.evaluate(() => !window.__sinmunBeforeSave);

function edit(file, from, to) {
  const full = path.join(posts, file);
  const text = fs.readFileSync(full, 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  fs.writeFileSync(full, text.replace(from, to));
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinmun-watch-test-'));
  fs.cpSync(path.join(repo, 'content'), path.join(tmp, 'content'), { recursive: true });
  posts = path.join(tmp, 'content/_posts');
  server = await startWatching(path.join(tmp, 'site'));
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
  if (server && server.child.exitCode === null) {
    const exited = new Promise((r) => server.child.on('exit', r));
    server.child.kill();
    await exited;
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('a saved post shows in the open page without reloading it by hand', async () => {
  await page.goto(`${server.origin}/posts/${SEED.slug}/`);
  assert.equal(await page.textContent('h1'), SEED.title);
  await page.evaluate(() => scrollTo(0, 400));
  const times = [];
  let title = SEED.title;
  for (let i = 1; i <= 3; i++) {
    await mark();
    const next = `${SEED.title} (고침 ${i})`;
    const saved = Date.now();
    edit(SEED_FILE, `title: ${title}\n`, `title: ${next}\n`);
    await until((t) => document.querySelector('h1')?.textContent === t, next, { what: `the title "${next}"` });
    times.push(Date.now() - saved);
    title = next;
    assert.ok(await reloaded(), 'the live script reloaded the page');
  }
  console.log(`watch: save → visible on the page: ${times.join(', ')} ms (sample posts)`);
  assert.ok(Math.max(...times) < VISIBLE_WITHIN_MS, `save → visible ${times.join(', ')} ms`);
  await until(() => Math.abs(scrollY - 400) < 2, null, { timeout: 16000, what: 'the scroll position kept' });
  assert.match(server.log, new RegExp(`${SEED_FILE} changed → rebuilt in [0-9.]+ s \\(converter [0-9.]+ s[:)]`));
  assert.deepEqual(page.errors, []);
});

test('a broken front matter is named on the page with its line, closable, and gone after the fix', async () => {
  await mark();
  const file = path.join(posts, BROKEN_FILE);
  const original = fs.readFileSync(file, 'utf8');
  const lines = original.split('\n');
  // A tab for the indentation of a category: YAML allows none.
  const tabbed = (category) => original.replace(`\n  - ${category}\n`, `\n\t- ${category}\n`);
  const where = `${BROKEN_FILE}:${lines.indexOf('  - Technology') + 1}`;
  fs.writeFileSync(file, tabbed('Technology'));
  const text = await overlayWith(where);
  assert.ok(await reloaded(), 'the page reloaded with the new build');
  assert.match(text, /1 problem in the last build, 1 in what you saved/);
  assert.equal(await page.evaluate(() => !!document.querySelector('#sinmun #sinmun-live-overlay')), false, 'outside the app');
  assert.equal(await page.textContent('h1'), `${SEED.title} (고침 3)`, 'the app still shows the article');
  assert.equal(await page.evaluate(() => document.elementFromPoint(100, 30)?.id), 'sinmun-live-overlay', 'on top of the page');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  await page.screenshot({ path: path.join(screenshotDir, 'watch-overlay.png') });

  // Closed, it stays closed for the same problems, and comes back for a new one.
  await page.click('#sinmun-live-overlay button[aria-label="Close"]');
  assert.equal(await page.evaluate(overlayText), '', 'closed');
  await page.reload();
  await until(() => window.__sinmunLive?.states > 0, null, { what: 'the live script told the state' });
  assert.equal(await page.evaluate(overlayText), '', 'still closed after a reload');
  const next = `${BROKEN_FILE}:${lines.indexOf('  - 문화') + 1}`;
  fs.writeFileSync(file, tabbed('문화'));
  await overlayWith(next, 'the overlay back for a new problem');

  await mark();
  fs.writeFileSync(file, original);
  await reloadedWithoutOverlay('h1', 'the overlay gone after the fix');
  assert.deepEqual(page.errors, []);
});

test('a problem is shown as text: a file name with markup stays text', async () => {
  const name = '2024-07-01-<img src=x onerror=window.__xss=1>.md';
  const full = path.join(posts, name);
  fs.writeFileSync(full, '---\ntitle: x\ncategories:\n\t- News\n---\n\nbody\n');
  try {
    await overlayWith(`${name}:4`);
    assert.equal(await page.evaluate(() => document.getElementById('sinmun-live-overlay').shadowRoot.querySelector('img')), null);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  } finally {
    await mark();
    fs.rmSync(full);
  }
  await reloadedWithoutOverlay('h1', 'the overlay gone with the file');
  assert.deepEqual(page.errors, []);
});

test('a deleted post leaves the front page and its address 404s', async () => {
  await page.goto(`${server.origin}/`);
  const title = fs.readFileSync(path.join(posts, DELETED_FILE), 'utf8').match(/^title:\s*(.*)$/m)[1].replace(/^["']|["']$/g, '');
  const cardTitles = () => [...document.querySelectorAll('.card .card-title')].map((e) => e.textContent.trim());
  assert.ok((await page.evaluate(cardTitles)).includes(title), `the front page lists "${title}"`);
  const href = await page.evaluate((t) => [...document.querySelectorAll('.card .card-title a')]
    .find((a) => a.textContent.trim() === t)?.href, title);
  assert.equal((await fetch(href)).status, 200);
  await mark();
  fs.rmSync(path.join(posts, DELETED_FILE));
  await until((t) => document.querySelectorAll('.card').length > 0 && ![...document.querySelectorAll('.card .card-title')]
    .some((e) => e.textContent.trim() === t), title, { what: `"${title}" gone from the front page` });
  assert.ok(await reloaded(), 'the page reloaded itself');
  assert.equal((await fetch(href)).status, 404, href);
  assert.deepEqual(page.errors, []);
});

test('a converter that fails outright leaves the last good site served and says why', async () => {
  const away = `${posts}.away`;
  await mark();
  fs.renameSync(posts, away);
  try {
    const text = await overlayWith('the converter failed');
    assert.match(text, /sinmun-convert: error/, 'the converter\'s own words');
    assert.match(text, /last good site/);
    assert.equal(await page.evaluate(() => !!window.__sinmunBeforeSave), true, 'no reload: nothing new to show');
    const front = await fetch(`${server.origin}/`);
    assert.equal(front.status, 200, 'the server still answers');
    assert.match(await front.text(), /최신 기사|card/);
    assert.equal((await fetch(`${server.origin}/posts/${SEED.slug}/`)).status, 200, 'with the last good site');
    assert.match(server.log, /the converter failed \(exit 2\)/);
  } finally {
    fs.renameSync(away, posts);
  }
  await reloadedWithoutOverlay('.card', 'a good build again, the overlay gone');
  assert.deepEqual(page.errors, []);
});
