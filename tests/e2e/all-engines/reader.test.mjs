// The reader in every engine (issue "The reader"): list, detail, navigation,
// static hosting, errors, the strict CSP, and how it looks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, e2eDir, screenshotDir, SEED, tagsIn } from '../helpers.mjs';
import { ENGINE, engineSession, screenshotFile } from '../engines/index.mjs';
import { bodyRendered, imagesLoaded } from './wait.mjs';

const session = engineSession(before, after);
let pages; // GitHub Pages-like server for the root site
before(async () => {
  pages = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages', hook: true });
});
after(() => pages?.close());

const open = (options) => session.browser.newPage(options);

test('the list shows the seed first; clicking it opens the detail view', async () => {
  const page = await open();
  await page.goto(pages.url('/'));
  assert.equal(await page.text('.card-title a'), SEED.title);
  assert.match(await page.title(), /신문/);
  await page.click('.card-title a');
  await page.waitForSelector('article h1');
  await bodyRendered(page);
  assert.match(await page.path(), new RegExp(`^/posts/${SEED.slug}/?$`));
  // Banner: feature_text rendered as Markdown, starting with its heading.
  assert.equal(await page.text('article > header.banner h2'), SEED.banner);
  // The banner text and the body are both kept in the article's page,
  // which is downloaded once for the two.
  const reads = await page.eval((slug) => performance.getEntriesByType('resource')
    .filter((r) => r.name.endsWith(`/posts/${slug}/index.html`)).length, SEED.slug);
  assert.equal(reads, 1, "the article's page is read once for its banner and body");
  assert.equal(await page.text('article h1'), SEED.title);
  // The body's four h2 in order, with ids, and its paragraphs.
  const h2s = await page.all('.article-body h2', (els) => els.map((e) => ({ text: e.innerText, id: e.id })));
  assert.deepEqual(h2s.map((h) => h.text.trim()), SEED.h2s);
  for (const { id } of h2s) assert.match(id, /^h-/);
  const paragraphs = await page.texts('.article-body p');
  assert.ok(paragraphs.length >= 5, `only ${paragraphs.length} paragraphs`);
  assert.ok(paragraphs.some((p) => p.includes('국가기술표준원에서는')));
  // Title, description and focus follow the view.
  assert.match(await page.title(), /중국 기술규제/);
  assert.match(await page.attr('meta[name=description]', 'content'), /산업부/);
  await page.waitFor(() => document.activeElement?.tagName === 'H1', null, { what: 'focus on the heading' });
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test("a card's picture and text open its article; its category link stays its own", async () => {
  const page = await open();
  await page.goto(pages.url('/'));
  await page.waitForSelector('.card img.card-thumb');
  // What a click at the centre of each part of the first pictured card reaches.
  const hits = await page.eval(() => {
    const card = document.querySelector('.card:has(img.card-thumb)');
    const at = (el) => {
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit?.closest('a')?.getAttribute('href') ?? null;
    };
    return {
      title: card.querySelector('.card-title a').getAttribute('href'),
      picture: at(card.querySelector('.card-thumb')),
      excerpt: at(card.querySelector('.card-excerpt')),
      category: at(card.querySelector('.category-link')),
      categoryHref: card.querySelector('.category-link').getAttribute('href'),
      links: card.querySelectorAll('a[href="' + card.querySelector('.card-title a').getAttribute('href') + '"]').length,
    };
  });
  assert.equal(hits.picture, hits.title, 'the picture opens the article');
  assert.equal(hits.excerpt, hits.title, 'the excerpt opens the article');
  assert.equal(hits.category, hits.categoryHref, 'the category link is not covered');
  assert.equal(hits.links, 1, 'one link per article: screen readers hear it once');
  await page.close();
});

test('back returns to the list at the same scroll position, and forward to the article', async () => {
  const page = await open({ width: 375, height: 640 });
  await page.goto(pages.url('/'));
  await page.waitForSelector('.card');
  const before = await page.eval(async () => {
    const links = document.querySelectorAll('.card-title a');
    links[links.length - 1].scrollIntoView();
    window.scrollBy(0, 40);
    await new Promise((r) => setTimeout(r, 100));
    // Where the list was when the link was clicked (WebDriver's click may
    // scroll the link into view first).
    document.addEventListener('click', () => { window.__scrollAtClick = window.scrollY; }, true);
    return window.scrollY;
  });
  assert.ok(before > 300, `list should be scrolled, scrollY=${before}`);
  const title = await page.eval(() => [...document.querySelectorAll('.card-title a')].pop().innerText);
  await page.click('.card:last-child .card-title a');
  await page.waitFor((t) => document.querySelector('article h1')?.innerText === t, title);
  await page.back();
  await page.waitForSelector('.card');
  await page.waitFor(() => window.__scrollAtClick > 300 && Math.abs(window.scrollY - window.__scrollAtClick) < 5, null,
    { timeout: 5000, what: 'scrollY back where the list was' });
  await page.forward();
  await page.waitFor((t) => document.querySelector('article h1')?.innerText === t, title);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('a list deep link opened directly and reloaded works on a 404.html-only host', async () => {
  const page = await open();
  assert.equal((await fetch(pages.url('/page/2/'))).status, 200, 'a list page is a real file');
  await page.goto(pages.url('/page/2/'));
  assert.equal(await page.text('.pager [aria-current=page]'), '2');
  assert.match(await page.path(), /^\/page\/2\/?$/);
  await page.reload();
  await page.waitForSelector('.card');
  assert.equal(await page.text('.pager [aria-current=page]'), '2');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('an article deep link is a prerendered page the app takes over', async () => {
  const response = await fetch(pages.url(`/posts/${SEED.slug}/`));
  assert.equal(response.status, 200, 'a real file, not 404.html');
  const h1s = tagsIn(await response.text(), 'h1');
  assert.ok(h1s.some((h1) => h1.attrs.class === 'article-title' && h1.inner === SEED.title), 'the title is in the HTML');
  const page = await open();
  await page.goto(pages.url(`/posts/${SEED.slug}/`));
  await bodyRendered(page);
  assert.equal(await page.text('article h1'), SEED.title);
  assert.equal(await page.count('.sinmun-prerendered'), 0, 'the shell is gone');
  await page.reload();
  await bodyRendered(page);
  assert.equal(await page.text('article h1'), SEED.title);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('a deep link works on a host that rewrites every path to index.html', async () => {
  const spa = await startServer({ root: path.join(e2eDir, 'site'), mode: 'spa', hook: true });
  try {
    const page = await open();
    await page.goto(spa.url(`/posts/${SEED.slug}`));
    assert.equal(await page.text('article h1'), SEED.title);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  } finally {
    spa.close();
  }
});

test('the /blog/ sub-path build works, deep links included', async () => {
  const blog = await startServer({ root: path.join(e2eDir, 'blog'), mode: 'pages', mount: '/blog/', hook: true });
  try {
    const page = await open();
    await page.goto(blog.url('/'));
    await page.waitForSelector('.card-title a');
    assert.match(await page.attr('.card-title a', 'href'), new RegExp(`^/blog/posts/${SEED.slug}/?$`));
    await page.click('.card-title a');
    await bodyRendered(page);
    assert.ok((await page.path()).startsWith('/blog/posts/'));
    // Root-relative image URLs in the body resolve against the base path.
    const src = await page.attr('.article-body img', 'src');
    assert.ok(src.startsWith('/blog/assets/'), src);
    await page.reload();
    assert.equal(await page.text('article h1'), SEED.title);
    await page.goto(blog.url('/category/news'));
    assert.equal(await page.text('.list-title'), 'News');
    assert.deepEqual(await page.errors(), []);
    await page.close();
  } finally {
    blog.close();
  }
});

test('unknown articles and unknown routes show the not-found view with a way back', async () => {
  const page = await open();
  for (const p of ['/posts/no-such-article', '/this/is/not/a/route', '/page/999']) {
    await page.goto(pages.url(p));
    await page.waitForSelector('.status-not-found h1');
    // The title follows once the old-permalink lookup has come back empty.
    await page.waitFor(() => /찾을 수 없습니다/.test(document.title), null, { timeout: 5000 });
  }
  await page.click('.back-home');
  await page.waitForSelector('.card');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('an old Jekyll permalink resolves to the article', async () => {
  const page = await open();
  await page.goto(pages.url('/news/2024/06/20/china-tech-regulation/'));
  assert.equal(await page.text('article h1'), SEED.title);
  await page.waitFor((slug) => new RegExp(`^/posts/${slug}/?$`).test(location.pathname), SEED.slug);
  await page.close();
});

test('an unreachable data URL shows the error state and retry recovers', async () => {
  const page = await open();
  // The connection is dropped: a network error, as the browser sees one offline.
  await pages.faults([{ path: 'data/articles/', reset: true }]);
  await page.goto(pages.url(`/posts/${SEED.slug}`));
  await page.waitForSelector('.status-error');
  assert.match(await page.text('.error-detail'), /articles\/china-tech-regulation\.json/);
  await pages.clearFaults();
  await page.click('.retry');
  await page.waitFor((t) => document.querySelector('article h1')?.innerText === t, SEED.title);

  // A server error on the site's data is an error state too, never a blank page.
  await pages.faults([{ path: 'data/manifest.json', status: 500, times: 1 }]);
  await page.goto(pages.url('/'));
  await page.waitForSelector('.status-error');
  assert.match(await page.text('.error-detail'), /500/);
  await page.click('.retry');
  await page.waitForSelector('.card');
  await pages.clearFaults();
  // The failed requests were logged by the engine; nothing else went wrong.
  const errors = (await page.errors()).filter((e) => !/china-tech-regulation\.json|manifest\.json|500|network|load|fetch/i.test(e));
  assert.deepEqual(errors, []);
  await page.close();
});

test('pagination and category pages have their own URLs', async () => {
  const page = await open();
  await page.goto(pages.url('/'));
  await page.waitForSelector('.pager');
  const firstPage = await page.texts('.card-title');
  await page.click('.pager-next');
  await page.waitFor(() => /\/page\/2\/?$/.test(location.pathname) && !!document.querySelector('.card'));
  await page.waitFor((first) => {
    const titles = [...document.querySelectorAll('.card-title')].map((e) => e.innerText);
    return titles.length > 0 && !titles.some((t) => first.includes(t));
  }, firstPage, { what: 'page 2 with none of page 1' });
  await page.goto(pages.url('/category/경제'));
  assert.equal(await page.text('.list-title'), '경제');
  assert.ok(await page.count('.card') >= 1);
  // Category links in the meta line lead to their category page.
  await page.click('.card .category-link');
  await page.waitFor(() => location.pathname.startsWith('/category/') && !!document.querySelector('.list-title'));
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('works under the strict Content-Security-Policy it ships', async () => {
  // The page hook reports every CSP violation as an error.
  const page = await open();
  await page.goto(pages.url('/'));
  await page.waitForSelector('.card');
  const csp = await page.attr('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /style-src 'self'/);
  assert.equal(await page.count('head script:not([src])'), 0, 'no inline script');
  await page.goto(pages.url('/posts/haeon-port-automation'));
  await page.waitForSelector('.article-body b > span');
  // Authors' colours survive: they are applied through CSSOM, not style attributes.
  assert.equal(await page.eval(() => getComputedStyle(document.querySelector('.article-body b > span')).color), 'rgb(238, 35, 35)');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test('looks right at 1280 px and 375 px without horizontal scrolling', async () => {
  for (const [width, height] of [[1280, 900], [375, 812]]) {
    const page = await open({ width, height });
    await page.goto(pages.url('/'));
    await page.waitForSelector('.card');
    await imagesLoaded(page);
    await page.screenshot(screenshotFile(screenshotDir, `list-${width}`));
    await page.goto(pages.url(`/posts/${SEED.slug}`));
    await bodyRendered(page);
    await imagesLoaded(page);
    await page.screenshot(screenshotFile(screenshotDir, `article-${width}`));
    const layout = await page.eval(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      width: window.innerWidth,
      // Korean wrapping is the app's (scoped to its host), the background the page's.
      wordBreak: getComputedStyle(document.querySelector('.sinmun')).wordBreak,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    // WebKitGTK's MiniBrowser window cannot be narrower than about 450 px.
    assert.ok(Math.abs(layout.width - width) < 2 || (ENGINE === 'webkit' && width < 450), `viewport ${layout.width} for ${width}`);
    assert.ok(layout.overflow <= 0, `page is ${layout.overflow}px wider than the ${layout.width}px viewport`);
    assert.equal(layout.wordBreak, 'keep-all');
    assert.equal(layout.background, 'rgb(251, 250, 247)');
    assert.deepEqual(await page.errors(), []);
    await page.close();
  }
});

test('the page starts its data requests before the app runs, and the app uses them: one request per document', async () => {
  for (const [opened, documents] of [
    [`/posts/${SEED.slug}`, ['config.json', 'data/manifest.json', `data/articles/${SEED.slug}.json`]],
    ['/', ['config.json', 'data/manifest.json', 'data/index/0.json']],
  ]) {
    const server = await startServer({ root: path.join(e2eDir, 'site'), mode: 'pages', hook: true });
    try {
      const page = await open();
      await page.goto(server.url(opened));
      await page.waitForSelector(opened === '/' ? '.card' : 'article h1');
      await new Promise((r) => setTimeout(r, 300));
      const requested = await server.requests();
      for (const doc of documents) {
        assert.equal(requested.filter((p) => p === `/${doc}`).length, 1, `${opened}: ${doc} once (${requested.join(' ')})`);
      }
      // Every early request was taken over by the app (none left to waste).
      assert.equal(await page.eval(() => window.__sinmunEarly?.size), 0, opened);
      assert.deepEqual(await page.errors(), []);
      await page.close();
    } finally {
      server.close();
    }
  }
});
