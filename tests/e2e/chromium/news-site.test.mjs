// What readers expect of a news site (issue #17), in Chromium, on the sample
// site: sharing (copy link with a confirmation, plain links to X, Facebook,
// LINE, Band and e-mail with the canonical URL, no third-party script),
// onward reading (previous, next and related articles at the end of each
// article, followed in the app), reading settings that persist per site
// (font size, theme), the progress bar, print, and offline reading with
// the service worker (and its way out), which a widget's host never gets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, newPage, startServer, e2eDir, screenshotDir, SEED } from '../helpers.mjs';

let browser;
let server;
const site = path.join(e2eDir, 'site');
before(async () => {
  browser = await launch();
  server = await startServer({ root: site });
});
after(async () => {
  await browser?.close();
  server?.close();
});

const oldestFirst = () => {
  const dir = path.join(site, 'data/articles');
  return fs.readdirSync(dir)
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || (a.slug < b.slug ? -1 : 1));
};
/** Until the reader's script has placed its controls (it loads after the app). */
const readerReady = (page) => page.waitForSelector('.site-footer .reader-controls', { timeout: 15000 });

test('an article ends with share links, previous and next, and related articles, followed in the app', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/posts/${SEED.slug}/`));
  const onward = page.locator('article .onward');
  await onward.waitFor();
  const kinds = await page.$$eval('.onward .share-link', (links) => links.map((a) => a.dataset.share));
  assert.deepEqual(kinds, ['copy', 'x', 'facebook', 'line', 'band', 'email']);
  const x = await page.getAttribute('.onward [data-share="x"]', 'href');
  assert.match(x, /^https:\/\/x\.com\/intent\/post\?text=.+&url=/);
  assert.ok(decodeURIComponent(x).includes(`/posts/${SEED.slug}/`), x);
  const related = await page.$$eval('.onward .related a', (links) => links.map((a) => a.getAttribute('href')));
  assert.ok(related.length >= 1 && related.length <= 3, `related: ${related}`);
  assert.ok(!related.includes(`/posts/${SEED.slug}/`), 'not itself');

  const all = oldestFirst();
  const at = all.findIndex((a) => a.slug === SEED.slug);
  const [previous, next] = [all[at - 1], all[at + 1]];
  assert.ok(previous, 'the seed is not the oldest sample article');
  assert.equal(await page.textContent('.onward-previous .onward-title'), previous.title);
  if (next) assert.equal(await page.textContent('.onward-next .onward-title'), next.title);
  else assert.equal(await page.locator('.onward-next').count(), 0, 'the newest has no next');
  const scripts = await page.$$eval('script[src]', (s) => s.map((e) => e.src));
  assert.ok(scripts.every((src) => src.startsWith(server.origin)), `no third-party script: ${scripts}`);

  await page.click('.onward-previous a');
  await page.waitForFunction((title) => document.querySelector('article h1')?.textContent === title, previous.title);
  assert.match(page.url(), new RegExp(`/posts/${previous.slug}/$`));
  await page.locator('article .onward').waitFor();
  assert.equal(await page.textContent('.onward-next .onward-title'), SEED.title, 'the previous article leads back');
  await page.screenshot({ path: path.join(screenshotDir, 'news-site-onward.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('copy link copies the canonical address and says so', async () => {
  const page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.goto(server.url(`/posts/${SEED.slug}/`));
  await readerReady(page);
  const hasShare = await page.evaluate(() => 'share' in navigator);
  assert.equal(hasShare, false, 'this Chromium has no Web Share API: the copy path is tested');
  await page.click('.onward [data-share="copy"]');
  await page.waitForSelector('.onward .share-status[role="status"]');
  assert.equal(await page.textContent('.onward .share-status'), '링크를 복사했습니다');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const html = fs.readFileSync(path.join(site, 'posts', SEED.slug, 'index.html'), 'utf8');
  const link = html.match(/<link[^>]*rel="?canonical[^>]*>/)[0];
  const canonical = link.match(/href="?([^" >]+)/)[1];
  assert.match(canonical, /^https:\/\/.+\/posts\//);
  assert.equal(copied, canonical, "the article's canonical address");
  assert.match(page.url(), new RegExp(`/posts/${SEED.slug}/$`), 'no navigation');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('font size and theme persist per site and apply before the page paints', async () => {
  const page = await newPage(browser, { colorScheme: 'light' });
  await page.goto(server.url('/'));
  await readerReady(page);
  await page.click('.reader-controls button:nth-of-type(2)');
  assert.equal(await page.evaluate(() => document.documentElement.style.fontSize), '112.5%');
  await page.selectOption('.reader-theme', 'dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const paper = () => page.evaluate(() => getComputedStyle(document.querySelector('.sinmun')).backgroundColor);
  assert.equal(await paper(), 'rgb(20, 20, 20)', 'dark paper');
  await page.screenshot({ path: path.join(screenshotDir, 'news-site-dark.png') });
  // A reload: early.js applies them before the app starts.
  await page.goto(server.url(`/posts/${SEED.slug}/`), { static: true });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await page.evaluate(() => document.documentElement.style.fontSize), '112.5%');
  await readerReady(page);
  assert.equal(await page.inputValue('.reader-theme'), 'dark', 'the control shows the choice');
  await page.selectOption('.reader-theme', 'auto');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined, 'auto follows the system');
  assert.equal(await paper(), 'rgb(251, 250, 247)');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a long article shows reading progress; print shows the article alone with link addresses', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 500 } });
  await page.goto(server.url(`/posts/${SEED.slug}/`));
  await readerReady(page);
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => Number(document.querySelector('.reading-progress')?.dataset.progress) >= 95);
  assert.equal(await page.evaluate(() => {
    const bar = document.querySelector('.reading-progress');
    return !bar.hidden && getComputedStyle(bar).position === 'fixed' && bar.style.getPropertyValue('--progress');
  }), '1.000', 'the bar is shown, full');
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForFunction(() => document.querySelector('.reading-progress').dataset.progress === '0');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.reading-progress')).transitionDuration), '0.1s');
  // A reader who asks for less motion gets a bar that does not animate.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.reading-progress')).transitionDuration), '0s');
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  await page.emulateMedia({ media: 'print' });
  const shown = (selector) => page.evaluate((s) => [...document.querySelectorAll(s)].some((e) => getComputedStyle(e).display !== 'none'), selector);
  assert.equal(await shown('.masthead'), false, 'no masthead');
  assert.equal(await shown('.site-footer'), false, 'no footer');
  assert.equal(await shown('.onward'), false, 'no share or onward links');
  assert.equal(await shown('.reading-progress'), false, 'no progress bar');
  assert.equal(await shown('article h1'), true, 'the article');
  const after = await page.evaluate(() => {
    const link = document.querySelector('.article-body a[href^="http"]');
    return link && [link.getAttribute('href'), getComputedStyle(link, '::after').content];
  });
  assert.ok(after, 'the seed has a link to another site');
  assert.equal(after[1], `" (${after[0]})"`, 'the address after the link');
  await page.context().close();
});

test('offline, articles and lists read before read again, with a notice; ?sinmun-offline=off unregisters', async () => {
  const own = await startServer({ root: site });
  const page = await newPage(browser);
  try {
    await page.goto(own.url('/'));
    await readerReady(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller || navigator.serviceWorker.ready.then(() => false), null, { timeout: 15000 }).catch(() => {});
    await page.evaluate(() => navigator.serviceWorker.ready);
    // A page load under the worker's control, then an article opened in the app.
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    await page.click(`.card-title a[href$="/posts/${SEED.slug}/"]`);
    await page.waitForFunction((title) => document.querySelector('article h1')?.textContent === title, SEED.title);
    await page.locator('article .onward').waitFor();

    own.close();
    await page.context().setOffline(true);
    await page.waitForSelector('.offline-notice:not([hidden])');
    assert.match(await page.textContent('.offline-notice'), /오프라인/);
    await page.goto(own.url(`/posts/${SEED.slug}/`));
    assert.equal(await page.textContent('article h1'), SEED.title, 'the article reads again offline');
    await page.waitForSelector('.article-body h2');
    await page.goto(own.url('/'));
    await page.waitForSelector('.card-title a');
    assert.ok(await page.locator('.card').count() > 0, 'the front page too');
    await page.screenshot({ path: path.join(screenshotDir, 'news-site-offline.png') });
  } finally {
    await page.context().setOffline(false);
  }
  const back = await startServer({ root: site });
  try {
    // The same origin is needed for the same worker: the port changed, so
    // this checks the way out on a fresh registration.
    await page.goto(back.url('/'));
    await readerReady(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto(back.url('/?sinmun-offline=off'));
    await readerReady(page);
    await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 0);
    const kept = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('sinmun')));
    assert.deepEqual(kept, [], 'its caches are gone');
  } finally {
    back.close();
    await page.context().close();
  }
});

test("a widget's host page gets no service worker, no reader script and no controls", async () => {
  const hostDir = path.join(e2eDir, 'news-site-host');
  fs.mkdirSync(hostDir, { recursive: true });
  fs.writeFileSync(path.join(hostDir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>A host page</title><script type="module" src="${server.url('/embed.js')}"></script></head>
    <body><h1>Someone else's page</h1><sinmun-feed src="${server.url('/')}" limit="3" open="inline"></sinmun-feed></body></html>`);
  const host = await startServer({ root: hostDir });
  const page = await newPage(browser);
  try {
    await page.goto(host.url('/'));
    await page.waitForFunction(() => document.querySelector('sinmun-feed')?.shadowRoot?.querySelector('.card, .widget-item, a[href*="/posts/"]'), null, { timeout: 20000 });
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('.reader-controls, .reading-progress, .offline-notice').count(), 0);
    assert.equal(await page.evaluate(() => document.querySelector('sinmun-feed').shadowRoot.querySelectorAll('.reader-controls').length), 0);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /\/(reader|sw)[-.]/.test(n)));
    assert.deepEqual(loaded, [], 'neither the reader script nor the service worker');
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  } finally {
    host.close();
    await page.context().close();
  }
});

/** axe-core's violations on the page as it is (the page's CSP is bypassed for the tool only). */
async function axeViolations(page) {
  const source = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
}

test('axe-core finds no violation on any view, in light and dark', async () => {
  const own = await startServer({ root: site });
  try {
    for (const colorScheme of ['light', 'dark']) {
      const page = await newPage(browser, { bypassCSP: true, colorScheme });
      const views = [
        ['list', '/', '.sinmun-app .card'],
        ['category', '/category/news/', '.card'],
        ['article', `/posts/${SEED.slug}/`, 'article .onward'],
        ['search', '/search/?q=%EB%B0%98%EB%8F%84%EC%B2%B4', '.search-result'],
        ['not found', '/no-such-page/', '.sinmun h1'],
      ];
      for (const [name, address, ready] of views) {
        await page.goto(own.url(address));
        await page.waitForSelector(ready);
        await readerReady(page);
        assert.deepEqual(await axeViolations(page), [], `${name} (${colorScheme})`);
      }
      await own.faults([{ path: 'data/index/0.json', status: 500 }]);
      await page.goto(own.url('/page/2/'), { static: true });
      await page.waitForSelector('.sinmun-app .status-error, .status-error');
      assert.deepEqual(await axeViolations(page), [], `error (${colorScheme})`);
      await own.clearFaults();
      await page.context().close();
    }
  } finally {
    own.close();
  }
});

test('with the keyboard alone: skip link, list → article → share → next article → back', async () => {
  const page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.goto(server.url('/'));
  await readerReady(page);
  const focused = () => page.evaluate(() => {
    const e = document.activeElement;
    return e ? `${e.localName}.${e.className}|${e.getAttribute('href') ?? ''}|${e.textContent.trim().slice(0, 60)}` : '';
  });
  await page.keyboard.press('Tab');
  assert.match(await focused(), /^a\.skip-link\|#sinmun-main/, 'the first stop is the skip link');
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).top !== '-64px'), true, 'and it shows');
  await page.keyboard.press('Enter');
  /** Tab until `matches` (a selector) has the focus; at most `limit` presses. */
  const tabTo = async (selector, limit = 400) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    throw new Error(`${selector} never got the focus (last: ${await focused()})`);
  };
  await tabTo('.sinmun-app .card-title a', 40);
  const title = await page.evaluate(() => document.activeElement.textContent.trim());
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.querySelector('article h1')?.textContent === t, title);
  await page.waitForFunction(() => document.activeElement?.matches('h1'), null, { timeout: 5000 });
  await page.locator('article .onward').waitFor();
  await tabTo('.onward [data-share="copy"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.onward .share-status');
  await tabTo('.onward :is(.onward-next, .onward-previous) a');
  const target = await page.evaluate(() => document.activeElement.querySelector('.onward-title').textContent);
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.querySelector('article h1')?.textContent === t, target);
  assert.notEqual(target, title);
  // Back: the browser's own (Alt+← in a window; headless Chromium has no
  // such shortcut, so the test asks for the same history step).
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector('article h1')?.textContent === t, title, { timeout: 5000 });
  await page.waitForFunction(() => document.activeElement?.matches('h1'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('text zoomed to 200 % keeps the layout: nothing wider than the window, at 375 and 1280 px', async () => {
  for (const width of [375, 1280]) {
    const page = await newPage(browser, { viewport: { width, height: 800 } });
    await page.goto(server.url(`/posts/${SEED.slug}/`));
    await readerReady(page);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 1, `${width} px: the page is ${overflow} px wider than the window`);
    await page.screenshot({ path: path.join(screenshotDir, `news-site-zoom-${width}.png`) });
    await page.context().close();
  }
});

test('recent dates read as relative times in the site\'s language, the date kept as their title', async () => {
  const newest = oldestFirst().at(-1);
  const page = await newPage(browser);
  await page.clock.setFixedTime(new Date(Date.parse(newest.date) + 3 * 3600 * 1000 + 60 * 1000));
  await page.goto(server.url('/'));
  await readerReady(page);
  const first = page.locator('.sinmun-app .card').first().locator('time');
  await page.waitForFunction(() => document.querySelector('.sinmun-app .card time')?.dataset.relative);
  assert.equal(await first.textContent(), '3시간 전');
  assert.match(await first.getAttribute('title'), /^\d{4}년 \d{1,2}월 \d{1,2}일$/);
  const older = await page.$$eval('.sinmun-app .card time:not([data-relative])', (t) => t.length);
  assert.ok(older > 0, 'older dates stay dates');
  await page.context().close();
});

test('a new deployment waits for the reader: a "new version" notice reloads once onto it', async () => {
  const copy = path.join(e2eDir, 'news-site-deploy');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(site, copy, { recursive: true });
  const own = await startServer({ root: copy });
  const page = await newPage(browser);
  try {
    await page.goto(own.url('/'));
    await readerReady(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    await readerReady(page);
    const first = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
    // A new deployment: the worker's version changes.
    const worker = path.join(copy, 'sw.js');
    fs.writeFileSync(worker, fs.readFileSync(worker, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));
    for (const extra of ['sw.js.gz', 'sw.js.br']) fs.rmSync(path.join(copy, extra), { force: true });
    await page.evaluate(() => { window.__beforeUpdate = true; });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForSelector('.update-notice button', { timeout: 15000 });
    assert.match(await page.textContent('.update-notice'), /새 버전/);
    assert.equal(await page.evaluate(() => window.__beforeUpdate), true, 'no reload before the reader asks');
    await page.click('.update-notice button');
    await page.waitForFunction(() => !window.__beforeUpdate, null, { timeout: 15000 });
    await readerReady(page);
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), first);
    const version = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('sinmun-app-')));
    assert.equal(version.length, 1, `the old app's cache is gone: ${version}`);
    assert.match(version[0], /-next$/);
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('.update-notice').count(), 0, 'once: no second notice or reload');
    assert.deepEqual(page.errors, []);
  } finally {
    own.close();
    await page.context().close();
  }
});

test('screenshots: Korean and English, light and dark, 375 and 1280 px', async () => {
  const english = await startServer({ root: path.join(e2eDir, 'site-en') });
  try {
    for (const [lang, at] of [['ko', server], ['en', english]]) {
      for (const colorScheme of ['light', 'dark']) {
        for (const width of [375, 1280]) {
          const page = await newPage(browser, { viewport: { width, height: 900 }, colorScheme });
          await page.goto(at.url(`/posts/${SEED.slug}/`));
          await readerReady(page);
          assert.equal(await page.evaluate(() => document.documentElement.lang.slice(0, 2)), lang);
          const share = await page.textContent('.onward [data-share="copy"]');
          assert.equal(share, lang === 'ko' ? '링크 복사' : 'Copy link');
          await page.evaluate(() => document.querySelector('.onward').scrollIntoView());
          await page.screenshot({ path: path.join(screenshotDir, `news-${lang}-${colorScheme}-${width}.png`) });
          await page.context().close();
        }
      }
    }
  } finally {
    english.close();
  }
});

test("a list picture that does not load goes with its column, not a broken image", async () => {
  const own = await startServer({ root: site });
  const page = await newPage(browser);
  try {
    const first = JSON.parse(fs.readFileSync(path.join(site, 'data/index/0.json'), 'utf8')).items.find((i) => i.thumbnail);
    const file = new URL(first.thumbnail, own.url('/')).pathname.replace(/^\//, '');
    await own.faults([{ path: file, status: 404 }]);
    await page.goto(own.url('/'));
    await readerReady(page);
    const link = `.sinmun-app .card-title a[href$="/posts/${first.slug}/"]`;
    await page.waitForSelector(link);
    await page.waitForFunction((selector) => {
      const card = document.querySelector(selector).closest('.card');
      const image = card.querySelector('img.card-thumb');
      return image && getComputedStyle(image).display === 'none' && getComputedStyle(card).gridTemplateColumns.split(' ').length === 1;
    }, link, { timeout: 10000 });
  } finally {
    own.close();
    await page.context().close();
  }
});

test("a widget's recent items read as relative times in its language", async () => {
  const newest = oldestFirst().at(-1);
  const hostDir = path.join(e2eDir, 'news-site-host-recent');
  fs.mkdirSync(hostDir, { recursive: true });
  fs.writeFileSync(path.join(hostDir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>A host page</title><script type="module" src="${server.url('/embed.js')}"></script></head>
    <body><sinmun-feed id="ko" src="${server.url('/')}" limit="3"></sinmun-feed>
    <sinmun-feed id="en" src="${server.url('/')}" limit="3" lang="en"></sinmun-feed></body></html>`);
  const host = await startServer({ root: hostDir });
  const page = await newPage(browser);
  try {
    await page.clock.setFixedTime(new Date(Date.parse(newest.date) + 3 * 3600 * 1000 + 60 * 1000));
    await page.goto(host.url('/'));
    const firstTime = (id) => page.evaluate((i) => document.getElementById(i).shadowRoot?.querySelector('.card time')?.textContent, id);
    await page.waitForFunction(() => ['ko', 'en'].every((i) => document.getElementById(i).shadowRoot?.querySelector('.card time')), null, { timeout: 20000 });
    assert.equal(await firstTime('ko'), '3시간 전');
    assert.equal(await firstTime('en'), '3 hours ago');
    const older = await page.evaluate(() => [...document.getElementById('ko').shadowRoot.querySelectorAll('.card time')].map((t) => t.textContent));
    assert.ok(older.some((t) => /^\d{4}년/.test(t)), `older items keep their dates: ${older}`);
  } finally {
    host.close();
    await page.context().close();
  }
});
