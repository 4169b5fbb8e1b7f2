// The reader (issue "The reader"): list, detail, navigation, static hosting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, newPage, e2eDir, screenshotDir, SEED, bodyRendered } from './helpers.mjs';

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

const bodyText = (page) => page.locator('main').innerText();

test('the list shows the seed first; clicking it opens the detail view', async () => {
  const page = await newPage(browser);
  await page.goto(pages.url('/'));
  const first = page.locator('.card-title a').first();
  await first.waitFor();
  assert.equal(await first.innerText(), SEED.title);
  assert.match(await page.title(), /신문/);
  await first.click();
  await page.locator('article h1').waitFor();
  await bodyRendered(page);
  assert.match(new URL(page.url()).pathname, new RegExp(`^/posts/${SEED.slug}/?$`));
  // Banner: feature_text rendered as Markdown, starting with its heading.
  assert.equal(await page.locator('article > header.banner h2').first().innerText(), SEED.banner);
  assert.equal(await page.locator('article h1').innerText(), SEED.title);
  // The body's four h2 in order, with ids, and its paragraphs.
  const h2s = page.locator('.article-body h2');
  const texts = (await h2s.allInnerTexts()).map((t) => t.replace(/#$/, '').trim());
  assert.deepEqual(texts, SEED.h2s);
  for (const id of await h2s.evaluateAll((els) => els.map((e) => e.id))) {
    assert.match(id, /^h-/);
  }
  const paragraphs = await page.locator('.article-body p').allInnerTexts();
  assert.ok(paragraphs.length >= 5, `only ${paragraphs.length} paragraphs`);
  assert.ok(paragraphs.some((p) => p.includes('국가기술표준원에서는')));
  // Title, description and focus follow the view.
  assert.match(await page.title(), /중국 기술규제/);
  const description = await page.locator('meta[name=description]').getAttribute('content');
  assert.match(description, /산업부/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('back returns to the list at the same scroll position', async () => {
  const page = await newPage(browser, { viewport: { width: 375, height: 640 } });
  await page.goto(pages.url('/'));
  await page.locator('.card').first().waitFor();
  const last = page.locator('.card-title a').last();
  await last.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 40));
  await page.waitForTimeout(100);
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 300, `list should be scrolled, scrollY=${before}`);
  const title = await last.innerText();
  await last.click();
  await page.locator('article h1').waitFor();
  assert.equal(await page.locator('article h1').innerText(), title);
  await page.goBack();
  await page.locator('.card').first().waitFor();
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before, { timeout: 5000 });
  // and forward again shows the article
  await page.goForward();
  await page.locator('article h1').waitFor();
  assert.equal(await page.locator('article h1').innerText(), title);
  await page.context().close();
});

test('a deep link opened directly and reloaded works on a 404.html-only host', async () => {
  // Article pages are prerendered files; list pages are answered by 404.html.
  const page = await newPage(browser);
  const response = await page.goto(pages.url('/page/2/'));
  assert.equal(response.status(), 404, 'the host really only knows 404.html');
  await page.locator('.card').first().waitFor();
  assert.match(new URL(page.url()).pathname, /^\/page\/2\/?$/);
  assert.equal(await page.locator('.pager [aria-current=page]').innerText(), '2');
  await page.reload();
  await page.locator('.card').first().waitFor();
  assert.equal(await page.locator('.pager [aria-current=page]').innerText(), '2');
  assert.deepEqual(page.errors.filter((e) => !e.includes('404')), []);
  await page.context().close();
});

test('an article deep link is a prerendered page: its title is in the HTML and stays on screen while the app takes over', async () => {
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
  const response = await page.goto(pages.url(`/posts/${SEED.slug}/`));
  assert.equal(response.status(), 200, 'a real file, not 404.html');
  const html = await response.text();
  assert.ok(html.includes(`<h1 class="article-title">${SEED.title}</h1>`), 'the title is in the HTML');
  await page.locator('article h1').waitFor();
  await bodyRendered(page);
  assert.equal(await page.locator('article h1').innerText(), SEED.title);
  assert.equal(await page.locator('.sinmun-prerendered').count(), 0, 'the shell is gone');
  const frames = await page.evaluate(() => window.__titleFrames);
  const first = frames.indexOf(true);
  assert.ok(first >= 0, 'the title was shown');
  assert.deepEqual(frames.slice(first).filter((shown) => !shown), [], 'the title never left the screen');
  await page.reload();
  await page.locator('article h1').waitFor();
  assert.equal(await page.locator('article h1').innerText(), SEED.title);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a deep link works on a host that rewrites every path to index.html', async () => {
  const spa = await startServer({ root: path.join(e2eDir, 'site'), mode: 'spa' });
  try {
    const page = await newPage(browser);
    const response = await page.goto(spa.url(`/posts/${SEED.slug}`));
    assert.equal(response.status(), 200);
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('article h1').innerText(), SEED.title);
    await page.context().close();
  } finally {
    spa.close();
  }
});

test('the /blog/ sub-path build works, deep links included', async () => {
  const blog = await startServer({ root: path.join(e2eDir, 'blog'), mode: 'pages', mount: '/blog/' });
  try {
    const page = await newPage(browser);
    await page.goto(blog.url('/'));
    const first = page.locator('.card-title a').first();
    await first.waitFor();
    assert.match(await first.getAttribute('href'), new RegExp(`^/blog/posts/${SEED.slug}/?$`));
    await first.click();
    await page.locator('article h1').waitFor();
    assert.ok(new URL(page.url()).pathname.startsWith('/blog/posts/'));
    // Root-relative image URLs in the body resolve against the base path.
    const src = await page.locator('.article-body img').first().getAttribute('src');
    assert.ok(src.startsWith('/blog/assets/'), src);
    await page.reload();
    await page.locator('article h1').waitFor();
    assert.equal(await page.locator('article h1').innerText(), SEED.title);
    await page.goto(blog.url('/category/news'));
    await page.locator('.list-title').waitFor();
    assert.equal(await page.locator('.list-title').innerText(), 'News');
    await page.context().close();
  } finally {
    blog.close();
  }
});

test('unknown articles and unknown routes show the not-found view with a way back', async () => {
  const page = await newPage(browser);
  for (const p of ['/posts/no-such-article', '/this/is/not/a/route', '/page/999']) {
    await page.goto(pages.url(p));
    await page.locator('.status-not-found h1').waitFor();
    // The title follows once the old-permalink lookup has come back empty.
    await page.waitForFunction(() => /찾을 수 없습니다/.test(document.title), null, { timeout: 5000 });
  }
  await page.locator('.back-home').click();
  await page.locator('.card').first().waitFor();
  await page.context().close();
});

test('an old Jekyll permalink resolves to the article', async () => {
  const page = await newPage(browser);
  await page.goto(pages.url('/news/2024/06/20/china-tech-regulation/'));
  await page.locator('article h1').waitFor();
  assert.equal(await page.locator('article h1').innerText(), SEED.title);
  assert.match(new URL(page.url()).pathname, new RegExp(`^/posts/${SEED.slug}/?$`));
  await page.context().close();
});

test('an unreachable data URL shows the error state and retry recovers', async () => {
  const page = await newPage(browser);
  await page.route('**/data/articles/**', (route) => route.abort('internetdisconnected'));
  await page.goto(pages.url(`/posts/${SEED.slug}`));
  await page.locator('.status-error').waitFor();
  assert.match(await page.locator('.error-detail').innerText(), /articles\/china-tech-regulation\.json/);
  await page.unroute('**/data/articles/**');
  await page.locator('.retry').click();
  await page.locator('article h1').waitFor();
  assert.equal(await page.locator('article h1').innerText(), SEED.title);

  // A server error on the site's data is an error state too, never a blank page.
  await pages.faults([{ path: 'data/manifest.json', status: 500, times: 1 }]);
  await page.goto(pages.url('/'));
  await page.locator('.status-error').waitFor();
  assert.match(await page.locator('.error-detail').innerText(), /500/);
  await page.locator('.retry').click();
  await page.locator('.card').first().waitFor();
  await pages.clearFaults();
  await page.context().close();
});

test('pagination and category pages have their own URLs', async () => {
  const page = await newPage(browser);
  await page.goto(pages.url('/'));
  await page.locator('.pager').waitFor();
  const firstPage = await page.locator('.card-title').allInnerTexts();
  await page.locator('.pager-next').click();
  await page.waitForURL(/\/page\/2$/);
  await page.locator('.card').first().waitFor();
  const secondPage = await page.locator('.card-title').allInnerTexts();
  assert.ok(secondPage.length > 0);
  assert.ok(!secondPage.some((t) => firstPage.includes(t)), 'page 2 repeats page 1');
  await page.goto(pages.url('/category/경제'));
  await page.locator('.list-title').waitFor();
  assert.equal(await page.locator('.list-title').innerText(), '경제');
  const count = await page.locator('.card').count();
  assert.ok(count >= 1);
  // Category links in the meta line lead to their category page.
  await page.locator('.card .category-link').first().click();
  await page.waitForURL(/\/category\//);
  await page.locator('.list-title').waitFor();
  await page.context().close();
});

test('works under the strict Content-Security-Policy it ships', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(pages.url('/'));
  await page.locator('.card').first().waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /style-src 'self'/);
  assert.equal(await page.locator('head script:not([src])').count(), 0, 'no inline script');
  await page.goto(pages.url('/posts/haeon-port-automation'));
  await page.locator('.article-body b > span').first().waitFor();
  // Authors' colours survive: they are applied through CSSOM, not style attributes.
  const color = await page.locator('.article-body b > span').first().evaluate((e) => getComputedStyle(e).color);
  assert.equal(color, 'rgb(238, 35, 35)');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('looks right at 1280 px and 375 px, light and dark, without horizontal scrolling', async () => {
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    for (const scheme of ['light', 'dark']) {
      const page = await newPage(browser, { viewport: { width, height }, colorScheme: scheme });
      await page.goto(pages.url('/'));
      await page.locator('.card').first().waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `list-${width}-${scheme}.png`) });
      await page.goto(pages.url(`/posts/${SEED.slug}`));
      await page.locator('article h1').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(screenshotDir, `article-${width}-${scheme}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px viewport`);
      const style = await page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return { wordBreak: s.wordBreak, background: s.backgroundColor };
      });
      assert.equal(style.wordBreak, 'keep-all');
      const dark = style.background === 'rgb(20, 20, 20)';
      assert.equal(dark, scheme === 'dark', `background ${style.background} in ${scheme} mode`);
      await page.context().close();
    }
  }
});

test('the page starts its data requests before the app runs, and the app uses them: one request per document', async () => {
  for (const [open, documents] of [
    [`/posts/${SEED.slug}`, ['config.json', 'data/manifest.json', `data/articles/${SEED.slug}.json`]],
    ['/', ['config.json', 'data/manifest.json', 'data/index/0.json']],
  ]) {
    const page = await newPage(browser);
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(pages.url(open));
    await page.locator(open === '/' ? '.card' : 'article h1').first().waitFor();
    await page.waitForTimeout(300);
    for (const doc of documents) {
      assert.equal(requested.filter((p) => p === `/${doc}`).length, 1, `${open}: ${doc} once (${requested.join(' ')})`);
    }
    // Every early request was taken over by the app (none left to waste).
    assert.equal(await page.evaluate(() => window.__sinmunEarly?.size), 0, open);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
