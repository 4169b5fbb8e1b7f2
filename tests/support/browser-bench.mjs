// Browser timings of performance issue #5, in Debian's Chromium (the e2e
// helpers' launch flags and server). Figures, not pass/fail: this exits
// non-zero only when it cannot measure.
//
//   node tests/support/browser-bench.mjs --site DIR [--p3-site DIR] --json OUT
//        [--quick] [--p2-runs N] [--p3-runs N] [--p7-runs N] [--widget-runs N]
//        [--only p2,p3,p7,widget]
//
// DIR is a site built by `cargo xtask bench` (target/bench/browser-site): the
// app, its data, and under bench/ the static baselines and bench.json (see
// xtask/src/browser_bench.rs). --p3-site is any built site with more than 15
// articles (default DIR).
//
// P2  navigation → the article's <h1> visible, for a deep link (posts/<slug>/,
//     answered with 404.html as on GitHub Pages) and for the same article as a
//     plain static page (bench/p2/<slug>/), each run in a fresh browser context
//     (cold cache) under CDP Emulation.setCPUThrottlingRate 4 (checked: after
//     each run a fixed loop is timed in the page throttled, then unthrottled).
//     Ratio of medians, sinmun / static.
// P3  warm app (list loaded, two navigations done first): click a card's title
//     link → the article's <h1> visible and .article-body rendered. Every run
//     a different article; median and p90.
// P7  the 1 MB Markdown article: sinmun's body render against innerHTML plus a
//     forced layout of the same article pre-rendered to HTML (bench/p7/).
//     sinmun's time is the last `sinmun:body-render` User Timing measure when
//     the app records one ("user-timing"), else the outside time ("outside"):
//     the click on the article link → .article-body holding the article's last
//     paragraph, plus a forced layout. "warm": another Markdown article was
//     opened first (the Markdown code is loaded); "first": it is the first
//     article opened. The outside time is reported in both cases too, and the
//     baseline's innerHTML time without the layout (most of the baseline is
//     layout; a measure that ends at the insertion compares with that).
//
// W   the <sinmun-feed> widget on a host page of another origin, the widget
//     below a 3000 px spacer, cold cache, CPU throttled 4x: bytes the page
//     fetched from the site before the widget is scrolled near (embed.js
//     only, on the wire, from CDP), then the time from the scroll that brings
//     it near to its list painted (the first frame with its first title link
//     laid out), against the full app at the site's root painting the same
//     list (navigation start to the same frame). Ratio of medians.
//
// "Visible" is decided in the page: the first animation frame in which an
// h1.article-title exists, has non-empty text (the expected title when known)
// and a non-zero bounding box; the time is performance.now() in that frame
// (navigation start = 0 for P2; for clicks, the time from the click event's
// timeStamp). "dom" is the earlier moment a MutationObserver saw the same
// without layout. The detector is installed with addInitScript and reports
// through one console message, so nothing polls the page while it loads.
import fs from 'node:fs';
import path from 'node:path';
import { launch, startServer } from '../e2e/helpers.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const quick = argv.includes('--quick');
const siteDir = option('--site') && path.resolve(option('--site'));
const p3Dir = path.resolve(option('--p3-site', siteDir ?? '.'));
const jsonOut = option('--json');
if (!siteDir || !jsonOut) {
  console.error('usage: node tests/support/browser-bench.mjs --site DIR [--p3-site DIR] --json OUT [--quick]');
  process.exit(2);
}
const RUNS = {
  p2: Number(option('--p2-runs', quick ? 5 : 9)),
  p3: Number(option('--p3-runs', quick ? 8 : 15)),
  p7: Number(option('--p7-runs', quick ? 3 : 7)),
  widget: Number(option('--widget-runs', quick ? 5 : 9)),
};
const TARGETS = { p2Ratio: 1.3, p3Ms: 50, p7Ratio: 2, widgetRatio: 1.2 };
const THROTTLE = 4;
const TIMEOUT_MS = 90_000;
const VIEWPORT = { width: 1280, height: 900 };
// The bench site's articles and baselines, for P2 and P7 (read when they run).
let benchJson;
const manifest = new Proxy({}, {
  get: (_, key) => {
    benchJson ??= JSON.parse(fs.readFileSync(path.join(siteDir, 'bench', 'bench.json'), 'utf8'));
    return benchJson[key];
  },
});

// ---------------------------------------------------------------------------
// In the page

/**
 * Installed in every page (addInitScript). `window.__bench.watch(want)` waits
 * for the article: `want.title` (exact h1 text, optional), `want.body`
 * (.article-body non-empty), `want.lastText` (its last element holds this
 * text), `want.layout` (force a layout of the body when the DOM is ready and
 * time it), `want.start` (time 0; default navigation start). It reports
 * `sinmun-bench {dom, layout, visible, start}` on the console.
 * `armClick(want)` starts watching at the next click, from its timeStamp.
 */
const DETECTOR = ({ auto }) => {
  const squash = (s) => String(s).replace(/\s+/g, ' ').trim();
  const found = (want) => {
    const h1 = document.querySelector('h1.article-title');
    if (!h1) return null;
    const text = squash(h1.textContent);
    if (!text || (want.title && text !== squash(want.title))) return null;
    if (want.body || want.lastText) {
      const body = document.querySelector('.article-body');
      if (!body || !body.firstChild) return null;
      if (want.lastText) {
        const last = body.lastElementChild;
        if (!last || !last.textContent.includes(want.lastText)) return null;
      }
    }
    return h1;
  };
  const bench = { done: 0 };
  bench.watch = (want) => {
    const result = { start: want.start ?? 0, dom: null, layout: null, visible: null };
    const ready = () => {
      if (result.dom !== null) return;
      result.dom = performance.now();
      if (want.layout) {
        void document.querySelector('.article-body').offsetHeight;
        result.layout = performance.now();
      }
    };
    const observer = new MutationObserver(() => { if (result.dom === null && found(want)) ready(); });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    const frame = () => {
      const h1 = found(want);
      const box = h1 && h1.getBoundingClientRect();
      if (box && box.width > 0 && box.height > 0) {
        result.visible = performance.now();
        ready();
        observer.disconnect();
        bench.done += 1;
        console.debug(`sinmun-bench ${JSON.stringify(result)}`);
      } else {
        requestAnimationFrame(frame);
      }
    };
    requestAnimationFrame(frame);
  };
  bench.armClick = (want) => {
    window.addEventListener('click', (event) => {
      bench.watch({ ...want, start: event.timeStamp });
    }, { capture: true, once: true });
  };
  window.__bench = bench;
  if (auto) bench.watch({});
};

/** A fixed amount of work; its time tells whether the CPU is throttled. */
const SPIN = () => {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 20_000_000; i++) x = (x * 31 + i) | 0;
  return { ms: performance.now() - start, x };
};

// ---------------------------------------------------------------------------
// Helpers

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = sorted(xs);
  return s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}
const round = (x, d = 1) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);
const stats = (xs) => ({
  median: round(median(xs)), p90: round(percentile(xs, 90)),
  min: round(Math.min(...xs)), max: round(Math.max(...xs)), runs: xs.map((x) => round(x)),
});

async function newContext(browser, auto) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(DETECTOR, { auto });
  const page = await context.newPage();
  page.benchErrors = [];
  page.on('pageerror', (e) => page.benchErrors.push(String(e)));
  return { context, page };
}

/** The next detector report of `page`. */
function nextReport(page, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      page.off('console', onConsole);
      reject(new Error(`${what}: nothing visible after ${TIMEOUT_MS / 1000} s` +
        (page.benchErrors.length ? ` (page errors: ${page.benchErrors.slice(0, 3).join('; ')})` : '')));
    }, TIMEOUT_MS);
    const onConsole = (message) => {
      const text = message.text();
      if (!text.startsWith('sinmun-bench ')) return;
      clearTimeout(timer);
      page.off('console', onConsole);
      resolve(JSON.parse(text.slice('sinmun-bench '.length)));
    };
    page.on('console', onConsole);
  });
}

const settle = (page, ms = 150) => page.waitForTimeout(ms);

/** The cards' title links of the list page shown. */
async function cards(page) {
  await page.locator('.card-title a').first().waitFor({ timeout: TIMEOUT_MS });
  return page.$$eval('.card-title a', (links) => links.map((a) => ({
    href: a.getAttribute('href'), title: a.textContent.replace(/\s+/g, ' ').trim(),
  })));
}

/** Router navigation without a reload (as the fidelity check does). */
async function routerGo(page, url) {
  await page.evaluate((u) => {
    history.pushState(null, '', u);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, url);
}

async function backToList(page) {
  await page.evaluate(() => history.back());
  await page.waitForFunction(() => !document.querySelector('h1.article-title') &&
    document.querySelector('.card-title a'), null, { timeout: TIMEOUT_MS });
}

/** Click the title link `href` and wait for the article `want`. */
async function clickArticle(page, href, want) {
  await page.evaluate((w) => window.__bench.armClick(w), want);
  const report = nextReport(page, `article ${href}`);
  await page.locator(`.card-title a[href="${href.replace(/["\\]/g, '\\$&')}"]`).click();
  return report;
}

// ---------------------------------------------------------------------------
// P2

async function p2(browser, server) {
  const urls = {
    sinmun: server.url(`posts/${encodeURIComponent(manifest.p2.slug)}/`),
    static: server.url(manifest.p2.static),
  };
  const one = async (kind) => {
    const { context, page } = await newContext(browser, true);
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      const report = nextReport(page, `P2 ${kind}`);
      await page.goto(urls[kind], { waitUntil: 'commit', timeout: TIMEOUT_MS });
      const r = await report;
      // Was the page throttled? The same loop, throttled and then not, back to back.
      const throttled = (await page.evaluate(SPIN)).ms;
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const slowdown = throttled / (await page.evaluate(SPIN)).ms;
      return { visible: r.visible, dom: r.dom, slowdown };
    } finally {
      await context.close();
    }
  };
  const runs = { sinmun: [], static: [] };
  // One unmeasured run each warms the server and the disk cache.
  await one('sinmun');
  await one('static');
  for (let i = 0; i < RUNS.p2; i++) {
    const order = i % 2 ? ['static', 'sinmun'] : ['sinmun', 'static'];
    for (const kind of order) runs[kind].push(await one(kind));
    log(`  P2 run ${i + 1}/${RUNS.p2}: sinmun ${runs.sinmun.at(-1).visible.toFixed(0)} ms, static ${runs.static.at(-1).visible.toFixed(0)} ms`);
  }
  const slowdown = median([...runs.sinmun, ...runs.static].map((r) => r.slowdown));
  if (!(slowdown > 1.5)) {
    throw new Error(`P2: CPU throttling is not applied (the loop ran ${slowdown.toFixed(2)}x slower, expected about ${THROTTLE}x)`);
  }
  const sinmun = stats(runs.sinmun.map((r) => r.visible));
  const plain = stats(runs.static.map((r) => r.visible));
  return {
    article: manifest.p2.slug,
    urls: { sinmun: new URL(urls.sinmun).pathname, static: new URL(urls.static).pathname },
    cpu_throttling_rate: THROTTLE,
    measured_slowdown: round(slowdown, 2),
    runs: RUNS.p2,
    sinmun_ms: sinmun,
    static_ms: plain,
    sinmun_dom_ms: stats(runs.sinmun.map((r) => r.dom)),
    static_dom_ms: stats(runs.static.map((r) => r.dom)),
    ratio: round(sinmun.median / plain.median, 2),
    target_ratio: TARGETS.p2Ratio,
  };
}

// ---------------------------------------------------------------------------
// P3

async function p3(browser) {
  const server = await startServer({ root: p3Dir, mode: 'pages', mount: '/' });
  const { context, page } = await newContext(browser, false);
  try {
    await page.goto(server.url('/'), { timeout: TIMEOUT_MS });
    const visited = new Set();
    const samples = [];
    let listPage = 1;
    const warmups = 2;
    while (samples.length < RUNS.p3) {
      const next = (await cards(page)).find((c) => !visited.has(c.href));
      if (!next) {
        listPage += 1;
        if (listPage > 50) throw new Error(`P3: fewer than ${RUNS.p3 + warmups} articles in ${p3Dir}`);
        await routerGo(page, server.url(`page/${listPage}`));
        // Until the new page's cards replace the old ones.
        await page.waitForFunction((seen) => [...document.querySelectorAll('.card-title a')]
          .some((a) => !seen.includes(a.getAttribute('href'))), [...visited], { timeout: TIMEOUT_MS });
        continue;
      }
      visited.add(next.href);
      await settle(page);
      const r = await clickArticle(page, next.href, { title: next.title, body: true });
      if (visited.size > warmups) {
        samples.push({ href: decodeURIComponent(next.href), ms: r.visible - r.start, dom_ms: r.dom - r.start });
        log(`  P3 run ${samples.length}/${RUNS.p3}: ${samples.at(-1).ms.toFixed(1)} ms ${samples.at(-1).href}`);
      }
      await backToList(page);
    }
    const ms = stats(samples.map((s) => s.ms));
    return {
      site: path.basename(p3Dir),
      runs: samples.length,
      warmup_navigations: warmups,
      ms,
      dom_ms: stats(samples.map((s) => s.dom_ms)),
      articles: samples.map((s) => s.href),
      target_ms: TARGETS.p3Ms,
      ratio_to_target: round(ms.median / TARGETS.p3Ms, 2),
    };
  } finally {
    await context.close();
    server.close();
  }
}

// ---------------------------------------------------------------------------
// P7

/** An article written in Markdown other than the big one on the first list page
 * (rendered to HTML by the converter, as every Jekyll post is). */
function warmArticle(list) {
  for (const card of list) {
    const slug = decodeURIComponent(card.href.replace(/\/$/, '').split('/').pop());
    if (slug === manifest.p7.slug) continue;
    try {
      const article = JSON.parse(fs.readFileSync(path.join(siteDir, 'data', 'articles', `${slug}.json`), 'utf8'));
      if (article.body.format === 'markdown' || article.body.format === 'html') return card;
    } catch { /* not this one */ }
  }
  throw new Error('P7: no other article with a body on the first list page');
}

async function p7(browser, server) {
  const big = { title: manifest.p7.title, body: true, lastText: manifest.p7.last_text, layout: true };
  const bigHref = new URL(server.url(`posts/${encodeURIComponent(manifest.p7.slug)}/`)).pathname;
  const one = async (warm) => {
    const { context, page } = await newContext(browser, false);
    try {
      await page.goto(server.url('/'), { timeout: TIMEOUT_MS });
      const list = await cards(page);
      if (!list.some((c) => c.href === bigHref)) throw new Error(`P7: no card links to ${bigHref}`);
      let warmedWith = null;
      if (warm) {
        const other = warmArticle(list);
        await settle(page);
        await clickArticle(page, other.href, { title: other.title, body: true });
        warmedWith = decodeURIComponent(other.href);
        await backToList(page);
      }
      const before = await page.evaluate(() => performance.getEntriesByName('sinmun:body-render').length);
      await settle(page, 300);
      const r = await clickArticle(page, bigHref, big);
      // Let the app finish its task (the measure may be recorded after the insertion).
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      const entries = await page.evaluate(() => performance.getEntriesByName('sinmun:body-render').map((e) => e.duration));
      return {
        measure: entries.length > before ? entries.at(-1) : null,
        outside: r.layout - r.start,
        visible: r.visible - r.start,
        warmedWith,
      };
    } finally {
      await context.close();
    }
  };
  const innerHtml = async () => {
    const { context, page } = await newContext(browser, false);
    try {
      await page.goto(server.url(manifest.p7.static), { timeout: TIMEOUT_MS });
      return await page.evaluate(() => window.timeInnerHTML());
    } finally {
      await context.close();
    }
  };
  const runs = { warm: [], first: [], inner: [] };
  await innerHtml(); // unmeasured: warms the server and the disk cache
  for (let i = 0; i < RUNS.p7; i++) {
    runs.first.push(await one(false));
    runs.warm.push(await one(true));
    runs.inner.push(await innerHtml());
    const show = (r) => (r.measure ?? r.outside).toFixed(0);
    log(`  P7 run ${i + 1}/${RUNS.p7}: sinmun warm ${show(runs.warm.at(-1))} ms, first ${show(runs.first.at(-1))} ms, innerHTML ${runs.inner.at(-1).ms.toFixed(0)} ms`);
  }
  const all = [...runs.warm, ...runs.first];
  const userTiming = all.every((r) => r.measure !== null);
  const method = userTiming ? 'user-timing' : 'outside';
  const time = (r) => (userTiming ? r.measure : r.outside);
  const warm = stats(runs.warm.map(time));
  const inner = stats(runs.inner.map((r) => r.ms));
  return {
    article: manifest.p7.slug,
    markdown_bytes: manifest.p7.markdown_bytes,
    html_bytes: manifest.p7.html_bytes,
    method,
    method_note: userTiming
      ? "the last performance.measure 'sinmun:body-render' of the article"
      : "no 'sinmun:body-render' measure: click on the article link -> .article-body holds the last paragraph, plus a forced layout",
    runs: RUNS.p7,
    warmed_with: runs.warm[0]?.warmedWith,
    sinmun_warm_ms: warm,
    sinmun_first_ms: stats(runs.first.map(time)),
    outside_warm_ms: stats(runs.warm.map((r) => r.outside)),
    outside_first_ms: stats(runs.first.map((r) => r.outside)),
    visible_warm_ms: stats(runs.warm.map((r) => r.visible)),
    innerhtml_ms: inner,
    innerhtml_without_layout_ms: stats(runs.inner.map((r) => r.parseMs)),
    ratio: round(warm.median / inner.median, 2),
    ratio_first: round(median(runs.first.map(time)) / inner.median, 2),
    target_ratio: TARGETS.p7Ratio,
  };
}


// ---------------------------------------------------------------------------
// W

/** In the page: the first frame in which `find()` gives a laid-out element, after `start`. */
const PAINTED = `(find, start) => new Promise((resolve) => {
  const frame = () => {
    const el = find();
    const box = el && el.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0) resolve(performance.now() - start);
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

async function widget(browser, server) {
  const dir = fs.mkdtempSync(path.join(path.dirname(path.resolve(jsonOut)), 'widget-host-'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>Host</title><script type="module" src="${server.url('embed.js')}"></script></head>
    <body><div style="height: 3000px"></div><sinmun-feed id="w" src="${server.url('')}"></sinmun-feed></body></html>`);
  const host = await startServer({ root: dir, mode: 'pages', mount: '/' });
  const throttled = async (context, page) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await cdp.send('Network.enable');
    const bytes = new Map();
    const urls = new Map();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
    return () => [...bytes].filter(([id]) => (urls.get(id) || '').startsWith(server.origin))
      .map(([id, n]) => ({ url: urls.get(id), bytes: n }));
  };
  const oneWidget = async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    try {
      const fetched = await throttled(context, page);
      await page.goto(host.url('/'), { waitUntil: 'load', timeout: TIMEOUT_MS });
      await page.waitForFunction(() => !!customElements.get('sinmun-feed'), null, { timeout: TIMEOUT_MS });
      await settle(page, 500);
      const before = fetched();
      const ms = await page.evaluate(`(() => {
        const start = performance.now();
        document.getElementById('w').scrollIntoView();
        return (${PAINTED})(() => document.getElementById('w').shadowRoot?.querySelector('.card-title a'), start);
      })()`);
      await settle(page, 300);
      return { ms, before, after: fetched() };
    } finally {
      await context.close();
    }
  };
  const oneApp = async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    try {
      await throttled(context, page);
      await page.goto(server.url(''), { waitUntil: 'commit', timeout: TIMEOUT_MS });
      return await page.evaluate(`(${PAINTED})(() => document.querySelector('.card-title a'), 0)`);
    } finally {
      await context.close();
    }
  };
  try {
    await oneWidget();
    await oneApp();
    const runs = { widget: [], app: [] };
    let first;
    for (let i = 0; i < RUNS.widget; i++) {
      const w = await oneWidget();
      first ??= w;
      runs.widget.push(w.ms);
      runs.app.push(await oneApp());
      log(`  W run ${i + 1}/${RUNS.widget}: widget ${runs.widget.at(-1).toFixed(0)} ms, full app ${runs.app.at(-1).toFixed(0)} ms`);
    }
    const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
    const w = stats(runs.widget);
    const a = stats(runs.app);
    return {
      cpu_throttling_rate: THROTTLE,
      runs: RUNS.widget,
      bytes_before_near: sum(first.before),
      files_before_near: first.before.map((r) => new URL(r.url).pathname),
      bytes_after_paint: sum(first.after),
      widget_ms: w,
      app_ms: a,
      ratio: round(w.median / a.median, 2),
      target_ratio: TARGETS.widgetRatio,
    };
  } finally {
    host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------

function log(line) { console.error(line); }

function table(result) {
  const { p2: a, p3: b, p7: c, widget: w } = result;
  const ms = (s) => `${s.median.toFixed(1).padStart(7)} ms (p90 ${s.p90.toFixed(1)}, ${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
  const verdict = (value, target) => (value <= target ? 'within target' : `${(value / target).toFixed(2)}x the target`);
  const blocks = [
    ['', `Browser timings: ${result.browser}, ${result.quick ? 'quick run' : 'full run'}`],
    a && [
      '',
      `P2  deep link -> visible <h1>, cold cache, CPU throttled ${a.cpu_throttling_rate}x (loop measured ${a.measured_slowdown}x), ${a.runs} runs each`,
      `    sinmun  ${a.urls.sinmun.padEnd(38)} ${ms(a.sinmun_ms)}`,
      `    static  ${a.urls.static.padEnd(38)} ${ms(a.static_ms)}`,
      `    ratio   ${a.ratio.toFixed(2)}x (target <= ${a.target_ratio}x: ${verdict(a.ratio, a.target_ratio)})`,
    ],
    b && [
      '',
      `P3  list -> detail in the warm app (${b.site}), ${b.runs} different articles`,
      `    click -> h1 visible + body rendered ${ms(b.ms)}`,
      `    click -> in the DOM (no paint)      ${ms(b.dom_ms)}`,
      `    median ${b.ms.median.toFixed(1)} ms (target <= ${b.target_ms} ms: ${verdict(b.ms.median, b.target_ms)})`,
    ],
    c && [
      '',
      `P7  ${(c.markdown_bytes / 1e6).toFixed(2)} MB Markdown (${(c.html_bytes / 1e6).toFixed(2)} MB of HTML), ${c.runs} runs; sinmun timed by: ${c.method}`,
      `    sinmun body render, warm      ${ms(c.sinmun_warm_ms)}`,
      `    sinmun body render, first     ${ms(c.sinmun_first_ms)}`,
      `    click -> body laid out, warm  ${ms(c.outside_warm_ms)}`,
      `    click -> body laid out, first ${ms(c.outside_first_ms)}`,
      `    innerHTML + layout            ${ms(c.innerhtml_ms)}`,
      `    innerHTML alone (no layout)   ${ms(c.innerhtml_without_layout_ms)}`,
      `    ratio   ${c.ratio.toFixed(2)}x warm, ${c.ratio_first.toFixed(2)}x first (target <= ${c.target_ratio}x: ${verdict(c.ratio, c.target_ratio)})`,
    ],
    w && [
      '',
      `W   <sinmun-feed> on a host page, cold cache, CPU throttled ${w.cpu_throttling_rate}x, ${w.runs} runs each`,
      `    bytes from the site before near  ${w.bytes_before_near} B (${w.files_before_near.join(', ')}); ${w.bytes_after_paint} B once painted`,
      `    near -> list painted (widget)    ${ms(w.widget_ms)}`,
      `    navigation -> list painted (app) ${ms(w.app_ms)}`,
      `    ratio   ${w.ratio.toFixed(2)}x (target <= ${w.target_ratio}x: ${verdict(w.ratio, w.target_ratio)})`,
    ],
    [''],
  ];
  return blocks.filter(Boolean).flat().join('\n');
}

async function main() {
  const browser = await launch();
  const server = await startServer({ root: siteDir, mode: 'pages', mount: '/' });
  try {
    const result = { browser: `Chromium ${browser.version()}`, quick };
    const only = option('--only', 'p2,p3,p7,widget').split(',');
    const sections = { p2: () => p2(browser, server), p3: () => p3(browser), p7: () => p7(browser, server), widget: () => widget(browser, server) };
    for (const [name, run] of Object.entries(sections)) {
      if (!only.includes(name)) continue;
      log(`${name.toUpperCase()} ...`);
      result[name] = await run();
    }
    console.log(table(result));
    fs.mkdirSync(path.dirname(path.resolve(jsonOut)), { recursive: true });
    fs.writeFileSync(jsonOut, `${JSON.stringify(result, null, 1)}\n`);
  } finally {
    server.close();
    await browser.close();
  }
}

main().catch((e) => { console.error(`browser-bench: ${e.stack || e}`); process.exit(1); });
