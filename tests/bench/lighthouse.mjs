// Lighthouse on sinmun's pages against the same pages as plain static HTML
// (issue "Every page as fast and as steady as static HTML"), and the warm
// app's list → article navigation against a full navigation to the static
// article page. Run by `cargo xtask bench` (xtask/src/lighthouse.rs):
//
//   node tests/bench/lighthouse.mjs --site DIR --json OUT [--runs N]
//
// The pages: an article deep link (the seed article), the front page and a
// category page. Each one's static baseline is its prerendered page with
// every script and module hint taken out (`static/` inside DIR): the same
// HTML, styles and images, no app. Both are served by the test server with
// on-the-fly gzip for pages and JSON, as real static hosts do. Lighthouse
// 12.2.3 runs with its mobile defaults (simulated Slow 4G, 4× CPU) in
// Debian's Chromium; each figure is the median of N runs (3 by default).
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { launch, startServer } from '../e2e/helpers.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const site = path.resolve(option('--site', 'target/bench/lighthouse-site'));
const out = option('--json', null);
const RUNS = Number(option('--runs', 3));
const PAGES = [
  { kind: 'article', path: 'posts/china-tech-regulation/' },
  { kind: 'front', path: '' },
  { kind: 'category', path: 'category/news/' },
];
const TARGETS = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100, cls: 0.01, lcpRatio: 1.1, navigationRatio: 0.25 };
const log = (...a) => console.error(...a);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const round = (x, d = 0) => Math.round(x * 10 ** d) / 10 ** d;

/** The page at `rel` as static HTML: no script, no module hints, no app. */
function writeStatic(rel) {
  const html = fs.readFileSync(path.join(site, rel, 'index.html'), 'utf8')
    .replace(/<script\b[^>]*><\/script>/g, (tag) => (tag.includes('application/ld+json') ? tag : ''))
    .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '')
    .replace(/<meta name="sinmun-[^"]*" content="[^"]*">\n?/g, '');
  const dir = path.join(site, 'static', rel);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), html);
}

async function audit(chrome, url) {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
  const lhr = result.lhr;
  const score = (c) => round((lhr.categories[c]?.score ?? 0) * 100);
  const metric = (a) => lhr.audits[a]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    seo: score('seo'),
    fcp: metric('first-contentful-paint'),
    lcp: metric('largest-contentful-paint'),
    tbt: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    bytes: metric('total-byte-weight'),
    failing: Object.entries(lhr.audits)
      .filter(([, a]) => a.score !== null && a.score < 0.9 && !['informative', 'manual', 'notApplicable'].includes(a.scoreDisplayMode))
      .map(([id]) => id),
  };
}

function medianOf(runs) {
  const keys = ['performance', 'accessibility', 'best-practices', 'seo', 'fcp', 'lcp', 'tbt', 'cls', 'bytes'];
  const m = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
  m.failing = [...new Set(runs.flatMap((r) => r.failing))];
  return m;
}

/** Installs `window.__titleFrame()`: the first frame in which an article
 * title equal to `window.__wanted` is laid out, in page time. An init
 * script, as the pages' CSP allows no eval. */
function installTitleFrame() {
  window.__titleFrame = () => new Promise((resolve) => {
    const check = () => {
      const h1 = document.querySelector('.sinmun-app h1.article-title, .sinmun-prerendered h1.article-title, h1.article-title');
      if (h1 && h1.textContent && h1.getBoundingClientRect().height > 0 && h1.textContent === window.__wanted) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** Warm app list → article against a full load of the static article page. */
async function navigation(server) {
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installTitleFrame);
  const page = await context.newPage();
  const app = [];
  const full = [];
  await page.goto(server.url('/'));
  await page.waitForSelector('.sinmun-app .card');
  const links = await page.$$eval('.sinmun-app .card-title a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
  const open = (href) => page.evaluate(async ({ href }) => {
    const link = [...document.querySelectorAll('.sinmun-app .card-title a')].find((a) => a.getAttribute('href') === href);
    // The reader's intent first (the pointer on the link), then the click.
    link.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 100));
    const start = performance.now();
    link.click();
    const end = await window.__titleFrame();
    return end - start;
  }, { href });
  const back = async () => {
    await page.evaluate(() => history.back());
    await page.waitForSelector('.sinmun-app .card');
  };
  // Two navigations first: the sanitiser and the enhance module are loaded.
  for (const [href, title] of links.slice(-2)) {
    await page.evaluate((t) => { window.__wanted = t; }, title);
    await open(href);
    await back();
  }
  for (const [href, title] of links.slice(0, Math.max(3, RUNS * 2))) {
    await page.evaluate((t) => { window.__wanted = t; }, title);
    app.push(await open(href));
    await back();
    // A full navigation to the same article as a static page: navigation
    // start to its title on screen.
    writeStatic(href.replace(/^\//, ''));
    const staticPage = await context.newPage();
    await staticPage.addInitScript((t) => { window.__wanted = t; }, title);
    await staticPage.goto(server.url(`/static${href}`));
    full.push(await staticPage.evaluate(() => window.__titleFrame()));
    await staticPage.close();
  }
  await browser.close();
  return { app_ms: round(median(app), 1), static_ms: round(median(full), 1), ratio: round(median(app) / median(full), 3), runs: app.length };
}

const server = await startServer({ root: site, compress: true });
// The static copies keep the page's <base href>: their styles and images
// resolve from the site's root, as the pages' own do.
for (const p of PAGES) writeStatic(p.path);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
const rows = [];
try {
  for (const p of PAGES) {
    for (const build of ['static', 'sinmun']) {
      const url = server.url(build === 'static' ? `/static/${p.path}` : `/${p.path}`);
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        runs.push(await audit(chrome, url));
        log(`  Lighthouse ${p.kind} ${build} run ${i + 1}/${RUNS}: performance ${runs.at(-1).performance}, LCP ${round(runs.at(-1).lcp)} ms, CLS ${round(runs.at(-1).cls, 3)}`);
      }
      rows.push({ page: p.kind, build, url, ...medianOf(runs) });
    }
  }
} finally {
  await chrome.kill();
}
const nav = await navigation(server);
server.close();

const lines = [`Lighthouse 12.2.3, mobile defaults (simulated Slow 4G, 4x CPU), Debian Chromium, median of ${RUNS}`,
  `${'page'.padEnd(9)} ${'build'.padEnd(7)} ${'perf'.padStart(4)} ${'a11y'.padStart(4)} ${'bp'.padStart(4)} ${'seo'.padStart(4)} ${'FCP ms'.padStart(7)} ${'LCP ms'.padStart(7)} ${'LCP ×'.padStart(6)} ${'TBT ms'.padStart(7)} ${'CLS'.padStart(6)} ${'bytes'.padStart(8)}`];
for (const r of rows) {
  const base = rows.find((b) => b.page === r.page && b.build === 'static');
  r.lcp_ratio = round(r.lcp / base.lcp, 2);
  lines.push(`${r.page.padEnd(9)} ${r.build.padEnd(7)} ${String(r.performance).padStart(4)} ${String(r.accessibility).padStart(4)} ${String(r['best-practices']).padStart(4)} ${String(r.seo).padStart(4)} ${String(round(r.fcp)).padStart(7)} ${String(round(r.lcp)).padStart(7)} ${r.lcp_ratio.toFixed(2).padStart(6)} ${String(round(r.tbt)).padStart(7)} ${r.cls.toFixed(3).padStart(6)} ${String(round(r.bytes)).padStart(8)}${r.failing.length ? `  below 0.9: ${r.failing.join(', ')}` : ''}`);
}
lines.push(`targets: performance >= ${TARGETS.performance}, accessibility/best practices/SEO ${TARGETS.seo}, CLS <= ${TARGETS.cls}, LCP <= ${TARGETS.lcpRatio}x static`);
lines.push(`N1 list -> article in the warm app ${nav.app_ms} ms vs a full navigation to the static page ${nav.static_ms} ms: ratio ${nav.ratio} (target <= ${TARGETS.navigationRatio}), median of ${nav.runs}`);
console.log(lines.join('\n'));
if (out) fs.writeFileSync(out, JSON.stringify({ lighthouse: rows, navigation: nav, targets: TARGETS }, null, 2));
