// Prerendered pages in Chromium (issue "Every page as fast and as steady as
// static HTML"): a reader without JavaScript reads whole articles and walks
// between articles and list pages; the app's takeover shifts nothing
// (PerformanceObserver `layout-shift`, what Lighthouse's CLS adds up); and
// the converter's sanitiser (ammonia, with the app's enhancing replayed)
// agrees with the browser's (DOMPurify and the enhance module) on the XSS
// corpus and on real koreanews bodies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, startServer, e2eDir, SEED } from '../helpers.mjs';

let browser;
const servers = {};
before(async () => {
  browser = await launch();
  servers.site = await startServer({ root: path.join(e2eDir, 'site') });
  servers.xss = await startServer({ root: path.join(e2eDir, 'xss'), hook: true });
  if (fs.existsSync(path.join(e2eDir, 'koreanews', 'data'))) {
    servers.koreanews = await startServer({ root: path.join(e2eDir, 'koreanews') });
  }
});
after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) server.close();
});

test('without JavaScript a reader reads whole articles and follows links between pages', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(servers.site.url(`/posts/${SEED.slug}/`), { static: true });
  assert.equal(await page.textContent('h1'), SEED.title);
  const h2s = await page.$$eval('.article-body h2', (els) => els.map((e) => e.firstChild.textContent));
  assert.deepEqual(h2s, SEED.h2s, 'the whole body');
  await page.click('.meta-line .category-link');
  assert.match(page.url(), /\/category\/news\/$/);
  assert.ok(await page.locator('.card').count() >= 2, 'the category page lists its articles');
  await page.click('.pager-next');
  assert.match(page.url(), /\/category\/news\/page\/2\/$/);
  const title = await page.textContent('.card .card-title a');
  await page.click('.card .card-title a');
  assert.equal(await page.textContent('h1'), title, 'an article from a list page');
  await page.click('.site-title');
  assert.equal(await page.locator('.list-title').textContent(), '최신 기사');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The layout shifts of a load, as Lighthouse's CLS adds them up. */
async function layoutShift(url) {
  const page = await newPage(browser, { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
  await page.addInitScript(() => {
    window.__shift = 0;
    window.__sources = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        window.__shift += entry.value;
        for (const s of entry.sources) window.__sources.push(s.node?.nodeName + '.' + (s.node?.className || ''));
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => !document.querySelector('.sinmun-prerendered'));
  await page.waitForTimeout(500);
  const result = await page.evaluate(() => ({ shift: window.__shift, sources: window.__sources }));
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return result;
}

test('the takeover moves nothing: layout shift ≤ 0.01 on article, front, category and numbered pages', async () => {
  for (const p of [`/posts/${SEED.slug}/`, '/posts/korean-web-typography/', '/', '/category/news/', '/page/2/']) {
    const { shift, sources } = await layoutShift(servers.site.url(p));
    assert.ok(shift <= 0.01, `${p}: layout shift ${shift.toFixed(4)} (${sources.join(', ')})`);
  }
});

/**
 * In the page: the prerendered body of `slug` (fetched, parsed inertly) and
 * the app's own render of it (an in-app navigation: article JSON through
 * DOMPurify and the enhance module), as comparable summaries.
 */
const compareBodies = async (slug) => {
  const IGNORED = new Set(['style', 'data-sinmun-style', 'name']);
  // Images are left out: in the browser one that fails to load (most
  // vectors point at nothing) becomes its alt text or goes, at run time.
  const summary = (root) => {
    const copy = root.cloneNode(true);
    for (const image of copy.querySelectorAll('img, .image-missing')) image.remove();
    const elements = [];
    const walk = (node) => {
      for (const child of node.children) {
        elements.push({ tag: child.localName, attributes: [...child.attributes].map((a) => a.name).filter((n) => !IGNORED.has(n)) });
        walk(child);
      }
    };
    walk(copy);
    // The text as shown: a block's edges are breaks, so white space there
    // (which the converter's minified pages leave out) counts as none.
    const BLOCK = /^(address|article|aside|blockquote|br|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)$/;
    const shown = (node) => (node.nodeType === Node.TEXT_NODE ? node.data
      : [...node.childNodes].map(shown).join('').replace(/^/, BLOCK.test(node.localName) ? ' ' : '').concat(BLOCK.test(node.localName) ? ' ' : ''));
    return { text: shown(copy).replace(/\s+/g, ' ').trim(), elements };
  };
  const html = await (await fetch(`/posts/${encodeURIComponent(slug)}/`)).text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const page = doc.querySelector('.sinmun-prerendered .article-body');
  // What taking the page over adds (src/browser.js, linkHeadings): each
  // heading with an id and no link becomes a link to itself.
  for (const heading of page.querySelectorAll(':is(h1, h2, h3, h4, h5, h6)[id]')) {
    if (heading.querySelector('a')) continue;
    const anchor = doc.createElement('a');
    anchor.setAttribute('href', '#' + heading.id);
    anchor.className = 'heading-anchor';
    anchor.append(...heading.childNodes);
    heading.append(anchor);
  }
  const native = summary(page);
  const previous = document.querySelector('.article-body')?.dataset.sinmunRender;
  history.pushState(null, '', `/posts/${encodeURIComponent(slug)}/`);
  dispatchEvent(new PopStateEvent('popstate'));
  const body = await new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      // A new render of the body, complete.
      const b = document.querySelector('.article-body');
      if (b && b.dataset.sinmunRender !== previous && b.dataset.sinmunRendered === b.dataset.sinmunRender) return resolve(b);
      if (Date.now() - started > 10000) return reject(new Error(`no render of ${slug}`));
      setTimeout(poll, 20);
    };
    poll();
  });
  const browser = summary(body);
  const problems = [];
  if (native.text !== browser.text) problems.push(`text differs: ${JSON.stringify(native.text.slice(0, 200))} vs ${JSON.stringify(browser.text.slice(0, 200))}`);
  const tags = (s) => s.elements.map((e) => e.tag).join(' ');
  if (tags(native) !== tags(browser)) problems.push(`elements differ: ${tags(native).slice(0, 300)} vs ${tags(browser).slice(0, 300)}`);
  else native.elements.forEach((e, i) => {
    const extra = e.attributes.filter((a) => !browser.elements[i].attributes.includes(a));
    if (extra.length) problems.push(`<${e.tag}> keeps ${extra} natively, not in the browser`);
  });
  return problems;
};

/**
 * Where the two parsers differ by design, with what each shows; nothing runs
 * in either. html5ever (ammonia) reads <noscript> as a browser with scripting
 * on does (its content is raw text up to `</noscript>`), DOMParser (DOMPurify)
 * with scripting off: a `</noscript>` inside an attribute ends it natively,
 * and the page shows the stray `">` that follows as text.
 */
const KNOWN_DIFFERENCES = new Set(['noscript-title-break-html', 'noscript-title-break-md']);

async function agreement(server, slugs) {
  const page = await newPage(browser);
  await page.goto(server.url('/'));
  await page.waitForSelector('.sinmun-app .card');
  const failures = [];
  for (const slug of slugs) {
    const problems = await page.evaluate(compareBodies, slug);
    if (problems.length && !KNOWN_DIFFERENCES.has(slug)) failures.push(`${slug}: ${problems.join('; ')}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__sinmunTest?.dialogs ?? []), [], 'no vector ran');
  await page.context().close();
  return failures;
}

/** Every slug of a built site, newest first. */
function slugs(site) {
  const dir = path.join(e2eDir, site, 'data', 'articles');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}

test("from a list, an article's body comes from its page, downloaded once, from the reader's intent on", async () => {
  const page = await newPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(servers.site.url('/'));
  const link = page.locator(`.card-title a[href$="/posts/${SEED.slug}/"]`);
  await link.hover();
  await page.waitForFunction((slug) => window.__sinmunEarly?.has(new URL(`/posts/${slug}/index.html`, location.href).href), SEED.slug);
  await link.click();
  await page.locator('article .article-body h2').first().waitFor();
  const h2s = await page.$$eval('article .article-body h2', (els) => els.map((e) => e.firstChild.textContent));
  assert.deepEqual(h2s, SEED.h2s, 'the whole body, from the page');
  assert.equal(await page.locator('.toc a').count() > 0, SEED.h2s.length >= 3, 'its table of contents');
  const pageRequests = requests.filter((p) => p === `/posts/${SEED.slug}/index.html`);
  assert.equal(pageRequests.length, 1, `the page was downloaded once: ${requests.join(' ')}`);
  await page.context().close();
});

test('the native sanitiser agrees with the browser\'s on every XSS vector', async () => {
  const all = slugs('xss');
  assert.ok(all.length >= 50, `${all.length} XSS posts`);
  const failures = await agreement(servers.xss, all);
  assert.deepEqual(failures, [], `${failures.length} of ${all.length} bodies differ`);
});

const koreanews = fs.existsSync(path.join(e2eDir, 'koreanews', 'data'));
test('the native sanitiser agrees with the browser\'s on real koreanews bodies', { skip: !koreanews && 'no koreanews site' }, async () => {
  // Every 50th article: 150 of the 7,478.
  const sample = slugs('koreanews').filter((_, i) => i % 50 === 0);
  const failures = await agreement(servers.koreanews, sample);
  assert.deepEqual(failures, [], `${failures.length} of ${sample.length} bodies differ`);
});
