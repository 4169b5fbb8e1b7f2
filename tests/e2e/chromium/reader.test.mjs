// The reader, Chromium only: what needs Playwright's init scripts, its
// JavaScript switch and colour-scheme emulation. The rest of the reader runs
// in every engine (all-engines/reader.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, newPage, e2eDir, screenshotDir, SEED, bodyRendered } from '../helpers.mjs';
import { imagesOnScreenDone } from '../all-engines/wait.mjs';

let browser;
let pages; // GitHub Pages-like server for the root site
before(async () => {
  browser = await launch();
  pages = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages' });
});
after(async () => {
  await browser?.close();
  pages?.close();
});

/** Until every image on screen has loaded (or failed): screenshots without blank boxes. */
const imagesLoaded = (page) => page.waitForFunction(imagesOnScreenDone, null, { timeout: 10000 });

test('an article deep link keeps its prerendered title on screen in every frame while the app takes over', async () => {
  const page = await newPage(browser);
  // Every animation frame: is a non-empty h1.article-title on screen?
  await page.addInitScript(() => {
    window.__titleFrames = [];
    const look = () => {
      const h1 = document.querySelector('h1.article-title');
      const box = h1?.getBoundingClientRect();
      window.__titleFrames.push(!!(h1 && h1.textContent.trim() && box.width > 0 && box.height > 0));
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.goto(pages.url(`/posts/${SEED.slug}/`));
  await page.locator('article h1').waitFor();
  await bodyRendered(page);
  const frames = await page.evaluate(() => window.__titleFrames);
  const first = frames.indexOf(true);
  assert.ok(first >= 0, 'the title was shown');
  assert.deepEqual(frames.slice(first).filter((shown) => !shown), [], 'the title never left the screen');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without JavaScript an article deep link is still readable, with working links', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(pages.url(`/posts/${SEED.slug}/`));
  assert.equal(await page.locator('h1.article-title').innerText(), SEED.title);
  assert.equal(await page.locator('.article-body h2').count(), SEED.h2s.length, 'the whole body is shown');
  assert.equal(await page.locator('noscript').count(), 0, 'no "needs JavaScript" notice: the page is whole');
  assert.match(await page.title(), /중국 기술규제/);
  // The masthead link leads to the site's front page.
  assert.equal(new URL(await page.locator('.site-title').evaluate((a) => a.href)).pathname, '/');
  await page.context().close();
});

test('dark mode follows the system, at 1280 px and 375 px (the README screenshots)', async () => {
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    for (const scheme of ['light', 'dark']) {
      const page = await newPage(browser, { viewport: { width, height }, colorScheme: scheme });
      await page.goto(pages.url('/'));
      await page.locator('.card').first().waitFor();
      await imagesLoaded(page);
      await page.screenshot({ path: path.join(screenshotDir, `list-${width}-${scheme}.png`) });
      await page.goto(pages.url(`/posts/${SEED.slug}`));
      await bodyRendered(page);
      await imagesLoaded(page);
      await page.screenshot({ path: path.join(screenshotDir, `article-${width}-${scheme}.png`) });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background === 'rgb(20, 20, 20)', scheme === 'dark', `background ${background} in ${scheme} mode`);
      await page.context().close();
    }
  }
});
