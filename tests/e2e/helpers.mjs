// Shared set-up for the end-to-end tests: a local server per site folder and
// Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const e2eDir = process.env.SINMUN_E2E_DIR || path.resolve(here, '../../target/e2e');
export const screenshotDir = path.join(e2eDir, 'screenshots');
fs.mkdirSync(screenshotDir, { recursive: true });

let nextPort = 18100 + Math.floor(Math.random() * 500);

/**
 * Serve `root` like GitHub Pages ("pages") or Netlify ("spa"), under `mount`.
 * `hook`: put the cross-engine page hook in front of every HTML page
 * (tests/support/page-hook.js); `csp: false`: take the pages' CSP out.
 */
export async function startServer({ root, mode = 'pages', mount = '/', hook = false, csp = true, compress = false }) {
  const extra = [
    ...(hook ? ['--hook', path.resolve(here, '../support/page-hook.js')] : []),
    ...(csp ? [] : ['--no-csp']),
    ...(compress ? ['--compress'] : []),
  ];
  // Ports are picked from a random start; one another program holds (the
  // server exits with 3) is skipped for the next.
  let port;
  let child;
  for (let tries = 0; !child; tries++) {
    port = nextPort++;
    const candidate = spawn(process.execPath, [
      path.resolve(here, '../support/server.mjs'),
      '--root', root, '--port', String(port), '--mode', mode, '--mount', mount, ...extra,
    ], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise((resolve, reject) => {
      candidate.stdout.on('data', (chunk) => { if (String(chunk).includes('serving')) resolve(true); });
      candidate.on('exit', (code) => (code === 3 && tries < 20 ? resolve(false) : reject(new Error(`server exited with ${code}`))));
    });
    if (started) child = candidate;
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p = '') => `${origin}${mount}${p.replace(/^\//, '')}`,
    async faults(rules) {
      await fetch(`${origin}/__faults`, { method: 'POST', body: JSON.stringify(rules) });
    },
    async clearFaults() { await fetch(`${origin}/__faults`, { method: 'DELETE' }); },
    async requests() { return (await fetch(`${origin}/__requests`)).json(); },
    close() { child.kill(); },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      // Tests talk to 127.0.0.1 only; without this Chromium looks up Google's update host.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** A page that fails the test on any uncaught error or dialog. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.dialogs = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // A GitHub Pages-like host answers deep links with 404.html and status 404:
  // the browser logs that, and it is expected.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 404/.test(m.text())) page.errors.push(m.text());
  });
  page.on('dialog', async (d) => { page.dialogs.push(d.message()); await d.dismiss(); });
  // On a prerendered page, `goto` and `reload` return once the app has taken
  // it over (its static elements are replaced), unless `{ static: true }`.
  const javaScript = options.javaScriptEnabled !== false;
  for (const name of ['goto', 'reload']) {
    const original = page[name].bind(page);
    page[name] = async (...args) => {
      const options = (name === 'goto' ? args[1] : args[0]) || {};
      const response = await original(...args);
      if (!options.static && javaScript) {
        await page.waitForFunction(() => !document.querySelector('.sinmun-prerendered')
          || document.querySelector('.sinmun-prerendered .status-error'), null, { timeout: 15000 });
      }
      return response;
    };
  }
  return page;
}

export const SEED = {
  slug: 'china-tech-regulation',
  title: '중소기업, 중견기업을 위한 중국 기술규제 대응 방안 안내!',
  banner: 'rentn 실시간 뉴스 속보입니다.',
  h2s: [
    '한국 중소·중견기업의 중국 수출 경쟁력 강화를 위한 중국 규제대응 전략 설명회',
    '중국 규제대응 전략 설명회 내용',
    '기업 지원 계획',
    '최종 강조',
  ],
};

/** Wait until the article body's render is in place (the sanitiser, styles
 * and Markdown module load on first use, so it comes after the title). */
export async function bodyRendered(page, { timeout = 15000 } = {}) {
  await page.waitForFunction(() => {
    // The body, and the banner text when there is one (each is a body).
    const body = document.querySelector('article .article-body');
    const all = document.querySelectorAll('article [data-sinmun-render]');
    return !!body?.dataset.sinmunRendered
      && [...all].every((b) => b.dataset.sinmunRendered === b.dataset.sinmunRender);
  }, null, { timeout });
}

/** The elements named `name` in a page's HTML as the converter writes it
 * (minified: attributes quoted only when they must be, in any order): each
 * with its attributes (values as written, not decoded) and its HTML up to
 * its end tag. A reading of sinmun's own pages, not a general parser. */
export function tagsIn(html, name) {
  const found = [];
  for (const tag of html.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, 'gi'))) {
    const attrs = {};
    for (const a of (tag[1] ?? '').matchAll(/([^\s=]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attrs[a[1]] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    const rest = html.slice(tag.index + tag[0].length);
    const end = rest.search(new RegExp(`</${name}>`, 'i'));
    found.push({ attrs, inner: end < 0 ? '' : rest.slice(0, end) });
  }
  return found;
}
