// A site built from someone else's feed (`cargo xtask site FEED out`, issue
// "Read the feeds people already publish"): the Guardian's RSS 2.0 with Media
// RSS pictures, dc:creator authors and categories, as a page app site. Its
// list, a category, an article with its authors and its "read on the original
// site" link, and a reload of the article's URL (a deep link) in every engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, e2eDir, screenshotDir } from '../helpers.mjs';
import { engineSession, screenshotFile } from '../engines/index.mjs';
import { bodyRendered } from './wait.mjs';

const session = engineSession(before, after);
const siteDir = path.join(e2eDir, 'feed-site');
let pages;
before(async () => {
  pages = await startServer({ root: siteDir, mode: 'pages', hook: true });
});
after(() => pages?.close());

const read = (file) => JSON.parse(fs.readFileSync(path.join(siteDir, file), 'utf8'));

test("a feed's items are the list, its categories the category pages, and an article names its authors and links to its original", async () => {
  const config = read('config.json');
  assert.equal(config.title, 'The Guardian', "the feed's title is the site's");
  const first = read('data/index/0.json').items[0];
  const article = read(`data/articles/${first.slug}.json`);
  assert.ok(article.authors?.length > 0 && /^https:\/\/www\.theguardian\.com\//.test(article.url), JSON.stringify(article.authors));

  const page = await session.browser.newPage();
  await page.goto(pages.url('/'));
  await page.waitForSelector('.card-title a');
  assert.equal(await page.text('.card-title a'), first.title);
  assert.match(await page.attr('img.card-thumb', 'src'), /^https:\/\/i\.guim\.co\.uk\//, 'the Media RSS picture is the thumbnail');
  await page.click('.card-title a');
  await page.waitForSelector('article h1');
  await bodyRendered(page);
  assert.equal(await page.text('article h1'), article.title);
  assert.match(await page.text('.meta-authors'), new RegExp(article.authors[0]));
  await page.waitForSelector('.original-link a');
  assert.equal(await page.attr('.original-link a', 'href'), article.url);
  await page.screenshot(screenshotFile(screenshotDir, 'feed-site-article'));

  // A reload of the article's address finds it again.
  const address = await page.path();
  await page.goto(pages.url(address));
  await page.waitForSelector('article h1');
  assert.equal(await page.text('article h1'), article.title);

  // A category of the feed is a category page.
  const category = read('data/manifest.json').categories[0];
  await page.goto(pages.url(`/category/${encodeURIComponent(category.slug)}/`));
  await page.waitForSelector('.card-title a');
  assert.equal(await page.count('.card'), Math.min(category.count, config.page_size));
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
