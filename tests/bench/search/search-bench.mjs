// Search on the koreanews posts: sinmun's index against Pagefind 1.6 (issue 16,
// "Against Pagefind, on the same posts"). Run by `cargo xtask bench`
// (xtask/src/search_bench.rs), or alone:
//
//   node tests/bench/search/search-bench.mjs --site DIR --pagefind-site DIR
//        [--only pagefind|sinmun|both] [--queries FILE] [--json OUT]
//        [--runs 3] [--timeout-ms 15000]
//
// --site: a sinmun site built from the posts with its search index.
// --pagefind-site: the same posts built as HTML (the converter's prerendered
// pages, `posts/<slug>/index.html`); its Pagefind index (`pagefind/`) is built
// here when missing or older than the pages.
//
// Both sites are served by the project's test server with on-the-fly gzip
// (tests/support/server.mjs --compress; precompressed .gz/.br are served as
// they are) and driven in Debian's Chromium through playwright-core. For each
// query of tests/fixtures/search-queries.json (see README.md here):
// - cold: a fresh browser context (empty cache) loads the page, then bytes
//   are counted (CDP Network.loadingFinished encodedDataLength: bytes on the
//   wire, headers included, as DevTools' "transferred") for every request
//   from the start of the search until the results are there;
// - warm: the same query again on that page: bytes, and latency, the median
//   of --runs repeats;
// - recall: the expected articles among the first 10 results.
// Pagefind: a blank page of the site imports /pagefind/pagefind.js, awaits
// pagefind.search(q) and the data() of the first 10 results, as Pagefind's UI
// shows them. sinmun: the front page, once the app is up, gets the query
// typed into the masthead's search box and Enter; the search view reports
// `.search-status[data-state][data-query][data-ms]` and lists
// `ol.search-results > li.search-result a.search-result-link` (href ending in
// posts/<slug>/). Every search is limited to --timeout-ms and a failure is
// reported, not waited for.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const ONLY = option('--only', 'both');
const SITE = option('--site', null);
const PF_SITE = option('--pagefind-site', null);
const QUERIES = path.resolve(option('--queries', path.join(repo, 'tests/fixtures/search-queries.json')));
const JSON_OUT = path.resolve(option('--json', path.join(repo, 'target/bench/search.json')));
const RUNS = Number(option('--runs', 3));
const TIMEOUT = Number(option('--timeout-ms', 15000));
const PAGEFIND_BIN = path.join(here, 'node_modules/pagefind/lib/runner/bin.cjs');
const HARNESS = 'pagefind-bench.html';
const EXCLUDE = 'header.masthead, footer.site-footer, nav.toc, .banner-text';
const log = (...a) => console.error(...a);

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const percentile = (xs, p) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN;
};
const max = (xs) => Math.max(...xs.filter((x) => Number.isFinite(x)));
const kb = (b) => (Number.isFinite(b) ? (b / 1024).toFixed(1) : '–');
const mb = (b) => (Number.isFinite(b) ? (b / 1048576).toFixed(1) : '–');
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');

// ---------------------------------------------------------------- files

/** Every file below `dir`, recursively. */
function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

const TEXT = /\.(html|js|mjs|css|json|xml|txt|svg)$/i;

/** Bytes of `file` as the test server sends it to a gzip client. */
function servedBytes(file) {
  if (fs.existsSync(`${file}.gz`)) return fs.statSync(`${file}.gz`).size;
  const data = fs.readFileSync(file);
  return TEXT.test(file) ? zlib.gzipSync(data).length : data.length;
}

/** Files, bytes on disk, and bytes of the originals (no .gz/.br copies) gzipped as served. */
function sizeOf(files) {
  const all = new Set(files);
  const originals = files.filter((f) => !(/\.(gz|br)$/.test(f) && all.has(f.replace(/\.(gz|br)$/, ''))));
  return {
    files: files.length,
    bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0),
    original_files: originals.length,
    original_bytes: originals.reduce((n, f) => n + fs.statSync(f).size, 0),
    served_bytes: originals.reduce((n, f) => n + servedBytes(f), 0),
  };
}

function sinmunIndexFiles(site) {
  const root = fs.readdirSync(site).filter((f) => f.startsWith('sinmun-search-')).map((f) => path.join(site, f));
  return [...walk(path.join(site, 'search')), ...root];
}

// ---------------------------------------------------------------- Pagefind index

/** The prerendered pages, each given the `</head>` its minified HTML leaves
 * out (valid HTML; without it Pagefind 1.6 finds no <body> and indexes 0
 * pages). Returns the newest page's mtime. */
function preparePages(site) {
  const pages = walk(path.join(site, 'posts')).filter((f) => f.endsWith('.html'));
  if (!pages.length) throw new Error(`no posts/**/*.html in ${site}: build the posts as HTML first`);
  let newest = 0;
  let fixed = 0;
  for (const page of pages) {
    const html = fs.readFileSync(page, 'utf8');
    if (!html.includes('</head>')) {
      fs.writeFileSync(page, html.replace(/<body\b/i, '</head><body'));
      fixed += 1;
    }
    newest = Math.max(newest, fs.statSync(page).mtimeMs);
  }
  if (fixed) log(`search bench: ${fixed} pages given their </head> for Pagefind`);
  return { pages: pages.length, newest };
}

/** Pagefind's index of `site`, built unless it is newer than every page. */
function ensurePagefindIndex(site) {
  const { pages, newest } = preparePages(site);
  const entry = path.join(site, 'pagefind/pagefind-entry.json');
  const fresh = fs.existsSync(entry) && fs.statSync(entry).mtimeMs > newest;
  let seconds = null;
  if (!fresh) {
    fs.rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
    const args = [PAGEFIND_BIN, '--site', site, '--glob', 'posts/**/*.html', '--exclude-selectors', EXCLUDE, '--quiet'];
    log(`search bench: $ node ${args.map((a) => (/[\s*,]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`pagefind failed (exit ${run.status})`);
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  }
  fs.writeFileSync(path.join(site, HARNESS),
    '<!doctype html><html lang=ko><meta charset=utf-8><title>Pagefind bench</title><body><p>Pagefind bench page</p>\n');
  return { pages, build_seconds: seconds };
}

// ---------------------------------------------------------------- server, browser

let nextPort = 19100 + Math.floor(Math.random() * 500);

/** tests/support/server.mjs on `root` with on-the-fly gzip; a taken port is skipped. */
async function serve(root) {
  for (let tries = 0; tries < 20; tries++) {
    const port = nextPort++;
    const child = spawn(process.execPath, [path.join(repo, 'tests/support/server.mjs'),
      '--root', root, '--port', String(port), '--mode', 'pages', '--compress'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => { if (String(chunk).includes('serving')) resolve(true); });
      child.on('exit', (code) => (code === 3 ? resolve(false) : reject(new Error(`server exited with ${code}`))));
    });
    if (started) return { origin: `http://127.0.0.1:${port}`, close: () => child.kill() };
  }
  throw new Error('no free port for the test server');
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** A page whose requests (its own and its workers') are counted while a phase is open. */
async function meteredPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = new Map();
  let phase = null;
  context.on('request', (request) => {
    const r = { url: request.url(), bytes: 0, done: false, encoding: '' };
    requests.set(request, r);
    if (phase) phase.push(r);
  });
  context.on('requestfinished', async (request) => {
    const r = requests.get(request);
    if (!r) return;
    Object.assign(r, await transferred(request));
    r.done = true;
  });
  context.on('requestfailed', (request) => {
    const r = requests.get(request);
    if (r) { r.done = true; r.failed = request.failure()?.errorText || 'failed'; }
  });
  const inflight = () => [...requests.values()].filter((r) => !r.done).length;
  return {
    context,
    page,
    start() { phase = []; },
    /** Closes the phase once its requests have finished (at most 3 s more). */
    async stop() {
      const list = phase;
      for (let i = 0; i < 60 && list.some((r) => !r.done); i++) await sleep(50);
      phase = null;
      const origin = new URL(page.url()).origin;
      return {
        bytes: list.reduce((n, r) => n + r.bytes, 0),
        requests: list.map((r) => ({ path: r.url.startsWith(origin) ? r.url.slice(origin.length) : r.url, bytes: r.bytes, encoding: r.encoding, ...(r.failed ? { failed: r.failed } : {}) })),
      };
    },
    /** Waits until nothing has been in flight for `quietMs` (at most 10 s). */
    async settle(quietMs = 500) {
      let quietSince = Date.now();
      for (const end = Date.now() + 10000; Date.now() < end;) {
        if (inflight()) quietSince = Date.now();
        else if (Date.now() - quietSince >= quietMs) return;
        await sleep(50);
      }
    },
  };
}

/** Bytes on the wire for a finished request (response headers + encoded
 * body) and its Content-Encoding. Chromium reports a worker's own script with
 * a body of 0; the server's Content-Length (the encoded length) stands in
 * then, for responses that came over the network (headers received). */
async function transferred(request) {
  const sizes = await request.sizes().catch(() => null);
  const response = await request.response().catch(() => null);
  const headers = response ? await response.allHeaders().catch(() => ({})) : {};
  const head = sizes?.responseHeadersSize || 0;
  const body = Math.max(sizes?.responseBodySize || 0, head > 0 ? Number(headers['content-length'] || 0) : 0);
  return { bytes: head + body, encoding: headers['content-encoding'] || '' };
}

const sleep = (t) => new Promise((r) => setTimeout(r, t));

/** `work()` or a rejection after TIMEOUT ms. */
function limited(work, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${TIMEOUT} ms`)), TIMEOUT);
  });
  return Promise.race([work(), timeout]).finally(() => clearTimeout(timer));
}

/** The slug of a result URL `…/posts/<slug>/`, or null. */
function slugOf(url) {
  try {
    const m = decodeURIComponent(new URL(url, 'http://x/').pathname).match(/\/posts\/([^/]+)\/?(index\.html)?$/);
    return m ? m[1] : null;
  } catch { return null; }
}

// ---------------------------------------------------------------- Pagefind runs

/** In the page: Pagefind's search for `q` and the data of its first 10 results. */
async function pagefindSearch(q) {
  const t0 = performance.now();
  window.__pagefind ??= await import('/pagefind/pagefind.js');
  const search = await window.__pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return { ms: performance.now() - t0, count: search.results.length, urls: data.map((d) => d.url) };
}

async function pagefindQuery(browser, origin, entry) {
  const m = await meteredPage(browser);
  try {
    await limited(() => m.page.goto(`${origin}/${HARNESS}`), 'page load');
    await m.settle(200);
    m.start();
    const cold = await limited(() => m.page.evaluate(pagefindSearch, entry.query), 'cold search');
    const coldBytes = await m.stop();
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
      m.start();
      const run = await limited(() => m.page.evaluate(pagefindSearch, entry.query), 'warm search');
      warm.push({ ms: run.ms, ...(await m.stop()) });
    }
    return outcome(entry, cold.urls.map(slugOf), { cold, coldBytes, warm, count: cold.count });
  } catch (error) {
    return { query: entry.query, kind: entry.kind, error: String(error.message || error) };
  } finally {
    await m.context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- sinmun runs

const SEARCH_BOX = 'input[type=search]';

/** In the page: notes in `window.__searchDoneAt` when the status first says `q` is done. */
function installWaiter(q) {
  window.__searchDoneAt = null;
  const check = () => {
    const s = document.querySelector('.search-status');
    return s && s.dataset.query === q && ['done', 'empty', 'error'].includes(s.dataset.state);
  };
  const observer = new MutationObserver(() => {
    if (check()) { window.__searchDoneAt = performance.now(); observer.disconnect(); }
  });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** In the page: the status for `q` once done, with the times the waiter noted, else false. */
function statusFor(q) {
  const s = document.querySelector('.search-status');
  if (!(s && s.dataset.query === q && ['done', 'empty', 'error'].includes(s.dataset.state))) return false;
  return { state: s.dataset.state, ms: Number(s.dataset.ms), at: window.__searchDoneAt ?? null, t0: window.__searchT0 ?? null };
}

/** Types `q` into the masthead box and presses Enter; the view's answer, its
 * data-ms, and the wall time from the typed text to the results (in page
 * time; in node's if the page navigated). */
async function sinmunSearch(page, q) {
  await page.evaluate(installWaiter, q);
  // A reader focuses the box, then types: the focus loads the search module
  // (counted), which then follows the typing; an Enter before that would be
  // the form's own page load.
  await page.focus(SEARCH_BOX);
  await page.waitForFunction((s) => !!document.querySelector(s)?.sinmunSearch, SEARCH_BOX, { timeout: TIMEOUT });
  await page.fill(SEARCH_BOX, q);
  await page.evaluate(() => { window.__searchT0 = performance.now(); });
  const start = performance.now();
  await page.press(SEARCH_BOX, 'Enter');
  const handle = await page.waitForFunction(statusFor, q, { polling: 'raf', timeout: TIMEOUT });
  const done = await handle.jsonValue();
  const nodeWall = performance.now() - start;
  const hrefs = await page.$$eval('ol.search-results > li.search-result a.search-result-link',
    (as) => as.slice(0, 10).map((a) => a.href));
  const wall = done.at !== null && done.t0 !== null ? done.at - done.t0 : nodeWall;
  return { wall, ms: done.ms, state: done.state, urls: hrefs };
}

async function sinmunQuery(browser, origin, entry, other) {
  const m = await meteredPage(browser);
  try {
    await limited(() => m.page.goto(`${origin}/`), 'page load');
    // the app has taken the prerendered front page over
    await limited(() => m.page.waitForFunction(() => !document.querySelector('.sinmun-prerendered')
      && document.querySelector('.card')), 'app start');
    await m.settle();
    m.start();
    const cold = await limited(() => sinmunSearch(m.page, entry.query), 'cold search');
    const coldBytes = await m.stop();
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
      await limited(() => sinmunSearch(m.page, other), 'other search');
      await m.settle(100);
      m.start();
      const run = await limited(() => sinmunSearch(m.page, entry.query), 'warm search');
      warm.push({ ms: run.ms, wall: run.wall, ...(await m.stop()) });
    }
    return outcome(entry, cold.urls.map(slugOf), { cold, coldBytes, warm, state: cold.state });
  } catch (error) {
    return { query: entry.query, kind: entry.kind, error: String(error.message || error) };
  } finally {
    await m.context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- figures

/** One query's figures: bytes, latency, and where the expected articles rank. */
function outcome(entry, slugs, { cold, coldBytes, warm, ...extra }) {
  const ranks = entry.expected.map((s) => slugs.indexOf(s) + 1 || null);
  return {
    query: entry.query,
    kind: entry.kind,
    cold_bytes: coldBytes.bytes,
    cold_requests: coldBytes.requests.length,
    cold_ms: cold.ms,
    cold_wall_ms: cold.wall,
    warm_bytes: warm[0]?.bytes ?? NaN,
    warm_ms: median(warm.map((w) => w.ms)),
    warm_wall_ms: median(warm.map((w) => w.wall)),
    top10: slugs,
    ranks,
    found: ranks.every((r) => r !== null),
    first_found: ranks[0] !== null,
    requests: coldBytes.requests,
    ...extra,
  };
}

function recall(rows, kind) {
  const rs = rows.filter((r) => !kind || r.kind === kind);
  return { found: rs.filter((r) => r.found).length, of: rs.length };
}

function summary(name, index, rows) {
  const ok = rows.filter((r) => !r.error);
  const kinds = [...new Set(rows.map((r) => r.kind))];
  return {
    system: name,
    index,
    queries: rows.length,
    failures: rows.filter((r) => r.error).map((r) => ({ query: r.query, error: r.error })),
    cold_bytes_median: median(ok.map((r) => r.cold_bytes)),
    cold_bytes_max: max(ok.map((r) => r.cold_bytes)),
    warm_bytes_median: median(ok.map((r) => r.warm_bytes)),
    warm_bytes_max: max(ok.map((r) => r.warm_bytes)),
    cold_ms_median: median(ok.map((r) => r.cold_ms)),
    latency_ms_median: median(ok.map((r) => r.warm_ms)),
    latency_ms_p95: percentile(ok.map((r) => r.warm_ms), 0.95),
    wall_ms_median: median(ok.map((r) => r.warm_wall_ms)),
    wall_ms_p95: percentile(ok.map((r) => r.warm_wall_ms), 0.95),
    recall: recall(rows),
    recall_by_kind: Object.fromEntries(kinds.map((k) => [k, recall(rows, k)])),
    rows,
  };
}

function printRows(s) {
  log(`\n${s.system}: per query (cold = fresh context; warm = the same query again; ms = median of ${RUNS})`);
  log(`${'kind'.padEnd(9)} ${'query'.padEnd(24)} ${'cold KB'.padStart(8)} ${'req'.padStart(4)} ${'warm KB'.padStart(8)} ${'ms'.padStart(7)}  ranks`);
  for (const r of s.rows) {
    const q = r.query.length > 22 ? `${r.query.slice(0, 21)}…` : r.query;
    if (r.error) { log(`${r.kind.padEnd(9)} ${q.padEnd(24)} FAILED: ${r.error}`); continue; }
    const ranks = r.ranks.map((x) => x ?? '✗').join(',');
    const note = `${r.found ? '' : '  (missed)'}${r.state && r.state !== 'done' ? `  (state ${r.state})` : ''}`;
    log(`${r.kind.padEnd(9)} ${q.padEnd(24)} ${kb(r.cold_bytes).padStart(8)} ${String(r.cold_requests).padStart(4)} ${kb(r.warm_bytes).padStart(8)} ${ms(r.warm_ms).padStart(7)}  ${ranks}${note}`);
  }
}

function printSummary(s) {
  const i = s.index;
  const kinds = Object.entries(s.recall_by_kind).map(([k, v]) => `${k} ${v.found}/${v.of}`).join(', ');
  log(`\n${s.system}`);
  log(`  index: ${mb(i.bytes)} MB on disk in ${i.files} files; originals ${mb(i.original_bytes)} MB in ${i.original_files}; ${mb(i.served_bytes)} MB as served (gzip)`);
  log(`  cold bytes per query: median ${kb(s.cold_bytes_median)} KB, max ${kb(s.cold_bytes_max)} KB`);
  log(`  warm bytes per query: median ${kb(s.warm_bytes_median)} KB, max ${kb(s.warm_bytes_max)} KB`);
  log(`  latency once cached: median ${ms(s.latency_ms_median)} ms, p95 ${ms(s.latency_ms_p95)} ms (cold: median ${ms(s.cold_ms_median)} ms)`);
  if (Number.isFinite(s.wall_ms_median)) log(`  typed → results shown: median ${ms(s.wall_ms_median)} ms, p95 ${ms(s.wall_ms_p95)} ms`);
  log(`  recall (all expected in the top 10): ${s.recall.found}/${s.recall.of}; ${kinds}`);
  if (s.failures.length) log(`  failures: ${s.failures.length} (${s.failures.map((f) => f.query).join(', ')})`);
}

function comparison(sinmun, pagefind) {
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
  const rows = [
    ['index bytes on disk', sinmun.index.bytes, pagefind.index.bytes],
    ['index bytes as served', sinmun.index.served_bytes, pagefind.index.served_bytes],
    ['cold bytes/query, median', sinmun.cold_bytes_median, pagefind.cold_bytes_median],
    ['cold bytes/query, max', sinmun.cold_bytes_max, pagefind.cold_bytes_max],
    ['warm bytes/query, median', sinmun.warm_bytes_median, pagefind.warm_bytes_median],
    ['latency ms, median', sinmun.latency_ms_median, pagefind.latency_ms_median],
    ['latency ms, p95', sinmun.latency_ms_p95, pagefind.latency_ms_p95],
    ['recall, all', sinmun.recall.found / sinmun.recall.of, pagefind.recall.found / pagefind.recall.of],
    ['recall, in-word', ...[sinmun, pagefind].map((s) => { const r = s.recall_by_kind['in-word']; return r ? r.found / r.of : NaN; })],
  ];
  log('\nsinmun against Pagefind');
  log(`${''.padEnd(26)} ${'sinmun'.padStart(12)} ${'Pagefind'.padStart(12)} ${'ratio'.padStart(7)}`);
  const fmt = (x) => (Number.isFinite(x) ? (Number.isInteger(x) || Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en') : x.toFixed(2)) : '–');
  for (const [name, a, b] of rows) log(`${name.padEnd(26)} ${fmt(a).padStart(12)} ${fmt(b).padStart(12)} ${fmt(ratio(a, b)).padStart(7)}`);
  return Object.fromEntries(rows.map(([name, a, b]) => [name, { sinmun: a, pagefind: b, ratio: ratio(a, b) }]));
}

// ---------------------------------------------------------------- main

async function runSystem(name, root, entries, one) {
  const server = await serve(root);
  const browser = await launch();
  const rows = [];
  try {
    for (const [i, entry] of entries.entries()) {
      rows.push(await one(browser, server.origin, entry, entries[(i + 1) % entries.length].query));
      const r = rows.at(-1);
      log(`${name} ${i + 1}/${entries.length} ${entry.query}: ${r.error ? `FAILED ${r.error}` : `${kb(r.cold_bytes)} KB cold, ${ms(r.warm_ms)} ms, ${r.found ? 'found' : 'missed'}`}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

async function main() {
  const entries = JSON.parse(fs.readFileSync(QUERIES, 'utf8'));
  const out = { queries: entries.length, runs: RUNS, chromium: process.env.CHROMIUM || '/usr/bin/chromium' };
  if (ONLY !== 'sinmun') {
    if (!PF_SITE) throw new Error('--pagefind-site DIR is needed');
    const built = ensurePagefindIndex(path.resolve(PF_SITE));
    const index = { ...sizeOf(walk(path.join(PF_SITE, 'pagefind'))), ...built, version: '1.6.0' };
    out.pagefind = summary('Pagefind 1.6.0', index, await runSystem('pagefind', path.resolve(PF_SITE), entries, pagefindQuery));
    printRows(out.pagefind);
  }
  if (ONLY !== 'pagefind') {
    if (!SITE) throw new Error('--site DIR is needed');
    const files = sinmunIndexFiles(path.resolve(SITE));
    if (!files.length) log(`search bench: no search/ folder nor sinmun-search-* in ${SITE}`);
    out.sinmun = summary('sinmun', sizeOf(files), await runSystem('sinmun', path.resolve(SITE), entries, sinmunQuery));
    printRows(out.sinmun);
  }
  for (const s of [out.pagefind, out.sinmun].filter(Boolean)) printSummary(s);
  if (out.pagefind && out.sinmun) out.comparison = comparison(out.sinmun, out.pagefind);
  fs.mkdirSync(path.dirname(JSON_OUT), { recursive: true });
  fs.writeFileSync(JSON_OUT, `${JSON.stringify(out, (k, v) => (Number.isNaN(v) ? null : v), 1)}\n`);
  log(`\nsearch bench: figures in ${JSON_OUT}`);
}

main().catch((error) => {
  console.error(`search bench: ${error.stack || error}`);
  process.exit(1);
});
