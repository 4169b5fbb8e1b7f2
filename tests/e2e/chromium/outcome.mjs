// Shared by hostile.test.mjs and network.test.mjs: watching a page for
// crashes, and waiting until a view has settled into content or an error.
import assert from 'node:assert/strict';

/**
 * A page in a fresh context that records uncaught errors (`pageerror`) and
 * Rust panics (the panic hook logs "sinmun crashed"). Console errors about
 * failed requests are expected here and not counted.
 */
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.uncaught = [];
  page.on('pageerror', (e) => page.uncaught.push(String(e)));
  page.on('console', (m) => {
    if (/sinmun crashed|panicked/.test(m.text())) page.uncaught.push(m.text());
  });
  page.on('dialog', (d) => d.dismiss());
  // On a prerendered page `goto` returns once the app has taken it over or
  // shown its error above it (its static links are replaced); `{ static: true }`
  // returns at once (`settled` waits then).
  const goto = page.goto.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    if (args[1]?.static) return response;
    await page.waitForFunction(() => !document.querySelector('.sinmun-prerendered')
      || document.querySelector('.sinmun-prerendered .status-error'), null, { timeout: 20000 });
    return response;
  };
  return page;
}

// Every state a view can settle in, besides "loading".
const SETTLED = '.sinmun-crash, .status-error, .status-not-found, article.article, section.list-view';

/**
 * Wait until the page shows content or an error (not "loading"), then say
 * which: 'error', 'not-found', 'article', 'list'. Fails on a crash screen, a
 * panic, an uncaught error or an empty <main>.
 */
export async function settled(page, { timeout = 15000 } = {}) {
  // A prerendered page: until the app took it over, or showed its error above it.
  await page.waitForFunction(() => !document.querySelector('.sinmun-prerendered')
    || document.querySelector('.sinmun-prerendered .status-error'), null, { timeout });
  await page.waitForSelector(SETTLED, { timeout });
  assert.equal(await page.locator('.sinmun-crash').count(), 0, 'the panic screen is shown');
  assert.deepEqual(page.uncaught, [], 'uncaught errors or panics');
  const main = (await page.locator('main').first().innerText()).trim();
  assert.ok(main.length > 0, 'the page is blank');
  if (await page.locator('.status-error').count()) return 'error';
  if (await page.locator('.status-not-found').count()) return 'not-found';
  if (await page.locator('article.article').count()) return 'article';
  return 'list';
}

/** The error view's message, after asserting it is the error view. */
export async function errorMessage(page) {
  // On a prerendered page the app's own panel stays hidden; a copy shows.
  await page.locator('.status-error:visible').waitFor();
  return page.locator('.status-error:visible .error-detail').innerText();
}
