// The XSS corpus (tests/fixtures/xss/vectors.json) through every way untrusted
// text reaches the page: Markdown bodies, HTML bodies, banners (feature_text),
// titles and excerpts. Nothing may execute and nothing dangerous may be left in
// the DOM, in every engine.
//
// The page hook (tests/support/page-hook.js) traps alert/confirm/prompt/print/
// open and window.__xss in every engine; in Chromium, Playwright also blocks and
// logs requests to foreign hosts, catches popups and traps child frames.
//
// The site is built by `cargo xtask test` into <e2eDir>/xss:
//   node tests/support/make-xss-posts.mjs tests/fixtures/xss/vectors.json target/e2e/xss-src
//   sinmun-convert target/e2e/xss-src/_posts target/e2e/xss --app-dir target/app/root -q --bodies-in-data
// When that folder is missing (a quick local run), before() builds it the same
// way from the already built converter and app bundle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, e2eDir } from '../helpers.mjs';
import { ENGINE, engineSession } from '../engines/index.mjs';
import { writeXssSource, xssPosts } from '../../support/make-xss-posts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const vectorsFile = path.join(repo, 'tests/fixtures/xss/vectors.json');
const siteDir = path.join(e2eDir, 'xss');
const vectors = JSON.parse(fs.readFileSync(vectorsFile, 'utf8'));
const posts = xssPosts(vectors);

/**
 * Build <e2eDir>/xss from the corpus when it is missing or older than the
 * corpus, the post generator or the app bundle (a quick local run after
 * editing one of them).
 */
function buildSiteIfMissing() {
  const converter = process.env.SINMUN_CONVERT || path.join(repo, 'target/native/sinmun-convert');
  const appDir = process.env.SINMUN_APP_DIR || path.join(repo, 'target/app/root');
  const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);
  const built = mtime(path.join(siteDir, 'data/manifest.json'));
  const inputs = [vectorsFile, path.join(repo, 'tests/support/make-xss-posts.mjs'), path.join(appDir, 'index.html')];
  if (built && inputs.every((p) => mtime(p) <= built)) return;
  for (const [what, p, how] of [
    ['converter', converter, 'cargo build --profile native -p sinmun-convert --bins'],
    ['app bundle', path.join(appDir, 'index.html'), 'trunk build --release --offline --public-url / --dist target/app/root'],
  ]) {
    if (!fs.existsSync(p)) throw new Error(`the ${what} is missing (${p}); build it with: ${how}`);
  }
  const src = path.join(e2eDir, 'xss-src');
  writeXssSource(vectorsFile, src);
  execFileSync(converter, [path.join(src, '_posts'), siteDir, '--app-dir', appDir, '-q', '--bodies-in-data'], { stdio: 'inherit' });
}

const article = (slug) => JSON.parse(fs.readFileSync(path.join(siteDir, 'data/articles', `${slug}.json`), 'utf8'));

// Hosts the app may embed (src/body/enhance.rs VIDEO_HOSTS); their requests are
// aborted (no network in tests) but they are allowed to be attempted.
const VIDEO_HOSTS = ['www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'];

/**
 * Runs in the page: everything dangerous under #sinmun, as strings naming where
 * it sits (banner, body, title, card) with a piece of its markup.
 */
function inspectDom({ videoHosts, shell }) {
  const problems = [];
  // Content that got through could clobber `document.getElementById` and
  // friends (named properties override them on document), so this inspection
  // calls the prototypes' own methods.
  const D = Document.prototype;
  const get = (proto, prop, self) => Object.getOwnPropertyDescriptor(proto, prop).get.call(self);
  const document = {
    getElementById: (id) => D.getElementById.call(window.document, id),
    querySelector: (sel) => D.querySelector.call(window.document, sel),
    querySelectorAll: (sel) => D.querySelectorAll.call(window.document, sel),
    body: get(D, 'body', window.document),
    baseURI: get(Node.prototype, 'baseURI', window.document),
  };
  const where = (el) => {
    const region = el.closest('.banner-text') ? 'banner'
      : el.closest('.article-body') ? 'body'
        : el.closest('.article-title') ? 'title'
          : el.closest('.card') ? 'list card'
            : 'app';
    return `${region}: ${el.outerHTML.slice(0, 160)}`;
  };
  const host = document.getElementById('sinmun');
  if (!host || host.tagName !== 'DIV' || host.parentElement !== document.body) {
    problems.push(`document.getElementById('sinmun') is not the app host: ${host ? host.outerHTML.slice(0, 120) : 'null'}`);
  }
  if (document.querySelectorAll('[id="sinmun"]').length !== 1) problems.push('more than one element has id "sinmun"');
  const mains = document.querySelectorAll('[id="sinmun-main"]');
  const main = document.getElementById('sinmun-main');
  // The app's <main>: in the host, or in the element it mounts into beside a prerendered page.
  const app = main?.parentElement;
  const inHost = app === host || (app?.classList.contains('sinmun-app') && app.parentElement === host);
  if (mains.length !== 1 || !main || main.tagName !== 'MAIN' || !inHost) {
    problems.push(`id "sinmun-main" is not only the app's <main>: ${[...mains].map((m) => m.outerHTML.slice(0, 80)).join(' | ')}`);
  }
  if (document.querySelector('[name="sinmun"], [name="sinmun-main"]')) problems.push('an element is named after an app id');
  if (document.baseURI !== `${location.origin}/`) problems.push(`document.baseURI changed to ${document.baseURI}`);
  // The app's own index.html has one <base> and maybe a CSP <meta http-equiv>;
  // content must add none.
  if (document.querySelectorAll('base').length !== shell.base) problems.push('a <base> element was added');
  const metas = document.querySelectorAll('meta[http-equiv]');
  if (metas.length !== shell.httpEquiv || document.querySelector('meta[http-equiv="refresh" i]')) {
    problems.push(`a <meta http-equiv> was added: ${[...metas].map((m) => m.outerHTML).join(' ')}`);
  }
  if (!host) return problems;

  const BAD = ['javascript:', 'vbscript:', 'data:text', 'data:image/svg'];
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background',
    'cite', 'longdesc', 'dynsrc', 'lowsrc', 'ping', 'codebase', 'manifest', 'to', 'values', 'from', 'by'];
  // Browsers ignore ASCII whitespace and control characters in a scheme.
  const clean = (v) => v.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  const bad = (v) => BAD.some((b) => clean(v).startsWith(b));
  for (const el of host.querySelectorAll('*')) {
    const tag = el.localName;
    for (const { name, value } of el.attributes) {
      const n = name.toLowerCase();
      if (n.startsWith('on')) problems.push(`event handler attribute ${name}: ${where(el)}`);
      if (n === 'srcdoc') problems.push(`srcdoc attribute: ${where(el)}`);
      if (URL_ATTRS.includes(n) && bad(value)) problems.push(`dangerous ${name}: ${where(el)}`);
      if (n === 'srcset' || n === 'imagesrcset') {
        for (const candidate of value.split(',')) {
          if (bad(candidate.trim())) problems.push(`dangerous ${name} candidate: ${where(el)}`);
        }
      }
    }
    if (tag === 'script') problems.push(`<script>: ${where(el)}`);
    if (tag === 'iframe') {
      let ok = false;
      try {
        const url = new URL(el.getAttribute('src') || '', location.href);
        ok = url.protocol === 'https:' && videoHosts.includes(url.hostname) && el.hasAttribute('sandbox')
          && !/allow-top-navigation/.test(el.getAttribute('sandbox'));
      } catch { ok = false; }
      if (!ok) problems.push(`<iframe> that is not a sandboxed video embed: ${where(el)}`);
    }
    const content = el.closest('article, .card');
    if (content && ['object', 'embed', 'base', 'meta', 'form', 'style', 'link', 'frame', 'frameset', 'applet',
      'svg', 'math', 'template', 'input', 'button', 'textarea', 'select'].includes(tag)) {
      problems.push(`<${tag}> in content: ${where(el)}`);
    }
    // Content ids and names are prefixed (DOMPurify SANITIZE_NAMED_PROPS) or
    // are the app's own heading ids, so they cannot clobber globals.
    if (el.closest('.article-body, .banner-text')) {
      for (const attr of ['id', 'name']) {
        const v = el.getAttribute(attr);
        if (v !== null && !v.startsWith('user-content-') && !(attr === 'id' && v.startsWith('h-'))) {
          problems.push(`unprefixed ${attr}="${v}": ${where(el)}`);
        }
      }
    }
  }
  // Content must not break the sanitiser for later articles (e.g. by clobbering
  // window.DOMPurify). It is loaded with the first body, so check once one is shown.
  if (document.querySelector('.article-body, .banner-text')
    && (typeof window.DOMPurify?.sanitize !== 'function' || !window.DOMPurify.isSupported)) {
    problems.push('window.DOMPurify is no longer the sanitiser');
  }
  return problems;
}


const session = engineSession(before, after);
let server;
let shell; // what the app's own index.html holds
before(async () => {
  buildSiteIfMissing();
  const index = fs.readFileSync(path.join(siteDir, 'index.html'), 'utf8');
  // The server takes the Content-Security-Policy out: it would block injected
  // handlers and hide a sanitiser bypass. This suite tests the sanitising
  // pipeline on its own; the CSP is a second layer.
  shell = { base: (index.match(/<base[\s>]/gi) ?? []).length, httpEquiv: 0 };
  server = await startServer({ root: siteDir, mode: 'pages', hook: true, csp: false });
});
after(() => server?.close());

/** Chromium only: child frames trapped too, foreign requests blocked and logged, popups caught. */
async function chromiumTraps(page) {
  const context = page.native.context();
  page.hits = [];
  page.external = [];
  page.popups = [];
  await context.exposeBinding('__xssReport', ({ frame }, hit) => page.hits.push({ ...hit, frame: frame?.url() }));
  await context.addInitScript(() => {
    if (window === window.top) return; // the top page has the server's hook
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = (...args) => window.__xssReport({ kind: name, detail: args.join(', '), href: String(location.href) });
    }
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === server.origin) return route.continue();
    page.external.push(url.href);
    return route.abort();
  });
  context.on('page', (p) => { page.popups.push(p.url()); p.close().catch(() => {}); });
}

async function trappedPage() {
  const page = await session.browser.newPage();
  if (ENGINE === 'chromium') await chromiumTraps(page);
  return page;
}

/**
 * Everything that went wrong since the last call, as messages naming `label`.
 * Clears the per-page logs so the next page starts clean.
 */
async function collect(page, label, expectedPath) {
  // Let pending events (image errors, focus, timers) run before looking.
  await page.eval(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 40))));
  const out = [];
  const say = (what) => out.push(`${label}: ${what}`);
  for (const d of await page.dialogs()) say(`executed ${d}`);
  for (const hit of page.hits?.splice(0) ?? []) say(`executed ${hit.kind}(${hit.detail}) in ${hit.frame || hit.href}`);
  for (const u of page.popups?.splice(0) ?? []) say(`a popup opened: ${u}`);
  for (const u of page.external?.splice(0) ?? []) {
    if (!VIDEO_HOSTS.includes(new URL(u).hostname)) say(`request to a foreign host: ${u}`);
  }
  for (const e of await page.errors()) {
    // Broken images (src=x) are expected noise; uncaught exceptions are not.
    if (!/Failed to load resource/.test(e)) say(`page error: ${e}`);
  }
  try {
    const state = await page.eval(() => ({ path: location.pathname }));
    if (expectedPath !== undefined && state.path.replace(/\/$/, '') !== expectedPath) say(`navigated away to ${state.path}`);
    for (const p of await page.eval(inspectDom, { videoHosts: VIDEO_HOSTS, shell })) say(p);
  } catch (e) {
    say(`the page could not be inspected: ${String(e).split('\n')[0]}`);
    page.broken = true;
  }
  return out;
}

/** A path no route matches: the app shows its not-found view without fetching. */
const NOWHERE = '/__xss-between-articles';

/** Client-side navigation the app's router follows. */
async function go(page, pathname) {
  const push = (p) => {
    history.pushState({}, '', p);
    dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  };
  try {
    await page.eval(push, pathname);
  } catch (error) {
    // WebKit allows 100 history changes per 30 s and document: a fresh
    // document starts a fresh count.
    if (!/SecurityError/.test(String(error))) throw error;
    await startOver(page);
    await page.eval(push, pathname);
  }
}

const titleIs = (t) => Document.prototype.querySelector.call(document, 'article h1')?.textContent === t;

async function startOver(page) {
  await page.goto(server.url('/'));
  await page.waitForSelector('.card');
}

async function visitArticles(channel) {
  const page = await trappedPage();
  await startOver(page);
  const failures = await collect(page, 'list page 1 (initial load)', '');
  let visited = 0;
  for (const post of posts.filter((p) => p.channel === channel)) {
    const label = `vector "${post.id}" on /posts/${post.slug}`;
    const { title } = article(post.slug);
    // Through a view without a body first: going from article to article
    // directly keeps the previous body's nodes (see the last test), which would
    // mix two vectors on one page.
    await go(page, NOWHERE);
    await page.waitForSelector('.status-not-found');
    await go(page, `/posts/${post.slug}`);
    try {
      await page.waitFor(titleIs, title, { timeout: 5000 });
    } catch {
      const seen = await page.eval(() => document.querySelector('article h1, main h1')?.textContent ?? document.body.innerText.slice(0, 200));
      failures.push(`${label}: the article did not render its title as text (saw ${JSON.stringify(seen)})`);
      failures.push(...await collect(page, label, `/posts/${post.slug}`));
      // Start over from a clean load so one broken page does not hide the rest.
      await startOver(page);
      continue;
    }
    // The body renders after the title (the sanitiser and the Markdown module
    // load on first use): wait for its marker, then check it is the only one.
    await page.waitFor(
      () => /VECTOR:/.test(Document.prototype.querySelector.call(document, '.article-body')?.textContent ?? ''),
      null, { timeout: 5000 },
    ).catch(() => {});
    // The body shows this vector and no other: the marker is plain text before it.
    const markers = await page.all('.article-body', (els) => els.map((e) => e.textContent.match(/VECTOR:[a-z0-9-]+/g) ?? []).flat());
    if (markers.join(' ') !== `VECTOR:${post.id}`) failures.push(`${label}: body markers are ${JSON.stringify(markers)}`);
    failures.push(...await collect(page, label, `/posts/${post.slug}`));
    visited++;
    if (page.broken) {
      page.broken = false;
      await startOver(page);
    }
  }
  await page.close();
  return { failures, visited };
}

test('every vector in a Markdown body, banner (feature_text) and title stays inert', async () => {
  const { failures, visited } = await visitArticles('md');
  assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
  assert.equal(visited, vectors.length);
});

test('every vector in an HTML body stays inert', async () => {
  const { failures, visited } = await visitArticles('html');
  assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
  assert.equal(visited, vectors.length);
});

test('list pages show every title and excerpt as text', async () => {
  const page = await trappedPage();
  const { page_size: pageSize } = JSON.parse(fs.readFileSync(path.join(siteDir, 'config.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(siteDir, 'data/manifest.json'), 'utf8'));
  const expected = new Map(posts.map((p) => [p.slug, article(p.slug)]));
  const seen = new Set();
  const failures = [];
  await startOver(page);
  const lists = [];
  for (let n = 1; n <= Math.ceil(manifest.total / pageSize); n++) lists.push(n === 1 ? '/' : `/page/${n}`);
  for (const c of manifest.categories) lists.push(`/category/${c.slug}`);
  for (const listPath of lists) {
    if (listPath !== '/') await go(page, listPath);
    const label = `list ${listPath}`;
    try {
      // Wait until the cards are the ones of this page.
      await page.waitFor((p) => location.pathname === p && document.querySelector('.card') && !document.querySelector('.status'),
        listPath, { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 50));
    } catch {
      failures.push(`${label}: did not render`);
      continue;
    }
    const cards = await page.all('.card', (els) => els.map((el) => ({
      href: el.querySelector('.card-title a')?.getAttribute('href') ?? '',
      title: el.querySelector('.card-title')?.textContent ?? '',
      excerpt: el.querySelector('.card-excerpt')?.textContent ?? '',
    })));
    for (const card of cards) {
      const slug = card.href.replace(/^\/posts\//, '').replace(/\/$/, '');
      const data = expected.get(slug);
      const post = posts.find((p) => p.slug === slug);
      const name = post ? `vector "${post.id}" card on ${label}` : `card ${card.href} on ${label}`;
      if (!data) { failures.push(`${name}: unknown article`); continue; }
      if (!listPath.startsWith('/category/')) seen.add(slug);
      if (card.title !== data.title) failures.push(`${name}: title not shown as text: ${JSON.stringify(card.title)}`);
      // An empty excerpt is left out of the JSON.
      if (card.excerpt !== (data.excerpt ?? '')) failures.push(`${name}: excerpt not shown as text: ${JSON.stringify(card.excerpt)}`);
    }
    failures.push(...await collect(page, label, listPath === '/' ? '' : listPath));
  }
  for (const post of posts) if (!seen.has(post.slug)) failures.push(`vector "${post.id}": /posts/${post.slug} is on no list page`);
  await page.close();
  assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
});

test('going from one article straight to another shows only the new one', async () => {
  // Article-to-article navigation (an in-body link to another post, back and
  // forward between two articles) must not leave the previous body or banner
  // in the page: stale untrusted nodes would show under the wrong article.
  const page = await trappedPage();
  const [first, second] = [posts.find((p) => p.slug === 'video-src-data-html-md'), posts.find((p) => p.slug === 'img-onerror-md')];
  await page.goto(server.url(`/posts/${first.slug}`));
  await page.waitForSelector('article h1');
  await go(page, `/posts/${second.slug}`);
  await page.waitFor(titleIs, article(second.slug).title);
  const html = (selector) => page.eval((s) => document.querySelector(s)?.innerHTML ?? '', selector);
  const body = await html('.article-body');
  const banner = await html('.banner-text');
  await page.back();
  await page.waitFor(titleIs, article(first.slug).title);
  const bodyBack = await html('.article-body');
  await page.close();
  assert.ok(!body.includes(`VECTOR:${first.id}`), `the body of /posts/${first.slug} is still shown on /posts/${second.slug}: ${body}`);
  assert.ok(!banner.includes('<video'), `the banner of /posts/${first.slug} is still shown on /posts/${second.slug}: ${banner}`);
  assert.ok(!bodyBack.includes(`VECTOR:${second.id}`), `after going back, the body of /posts/${second.slug} is still shown: ${bodyBack}`);
});

test('the traps see what a vector would do (so a silent run means nothing ran)', async () => {
  const page = await trappedPage();
  await startOver(page);
  await page.eval(() => {
    // What an injected handler would do, from a page script and a timer.
    const img = document.createElement('img');
    img.setAttribute('onerror', 'alert(1)');
    img.src = 'data:,x';
    document.body.append(img);
    setTimeout(() => { window.__xss = 'timer'; }, 0);
    return true;
  });
  await page.waitFor(() => window.__sinmunTest.dialogs.length >= 2, null, { what: 'the traps to fire' });
  const failures = await collect(page, 'probe', '');
  assert.ok(failures.some((f) => /executed alert\(1\)/.test(f)), failures.join('\n'));
  assert.ok(failures.some((f) => /executed __xss = timer/.test(f)), failures.join('\n'));
  await page.close();
});
