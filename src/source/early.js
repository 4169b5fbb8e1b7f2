// Early requests: the data a page needs starts downloading while the app's
// wasm is still being fetched and compiled. `cargo xtask` puts this file in
// front of the app's start script; `early.rs` is the app's side of it.
//
// Each request is made at most once and handed over at most once: the app
// takes it with its AbortController, so its own time limit and its "abort
// when the view is left" apply as to any other request, and a retry always
// makes a new request (a hung early request is never waited for twice).
// The URLs assume the default data folder (config.json's `source` being
// data/manifest.json); when the site says otherwise the app simply does not
// find them here and fetches what it needs.
// A prerendered page is whole without the app: the app and these requests
// wait until the page has loaded and painted its images on screen (at most
// 3 s), so they never compete with its images and styles, and its largest
// paint is the page's own, as static HTML's is. The start script awaits
// `sinmunReady` too.
// The reader's font size and theme (src/reader.js saves them per site),
// before the page paints.
try {
  const reader = JSON.parse(localStorage.getItem('sinmun:' + new URL(document.baseURI).pathname + ':reader'));
  if (/^\d+(\.\d+)?%$/.test(reader?.size)) document.documentElement.style.fontSize = reader.size;
  if (/^(light|dark)$/.test(reader?.theme)) document.documentElement.dataset.theme = reader.theme;
} catch {}
const prerendered = !!document.querySelector('.sinmun-prerendered');
const sinmunReady = prerendered && document.readyState !== 'complete'
  ? new Promise((resolve) => {
    setTimeout(resolve, 3000);
    addEventListener('load', () => Promise.all([...document.images]
      .filter((image) => image.getBoundingClientRect().top < innerHeight)
      .map((image) => image.decode().catch(() => {})))
      .then(() => requestAnimationFrame(() => requestAnimationFrame(resolve))), { once: true });
  })
  : Promise.resolve();
sinmunReady.then(() => {
try {
  const early = new Map();
  const start = (url) => {
    const controller = new AbortController();
    const response = fetch(url, { signal: controller.signal });
    response.catch(() => {}); // an unused early request must not log an error
    early.set(url, { response, controller });
  };
  // The page instance's host (the one `start()` mounts; widgets mount later
  // through the API and make their own requests).
  const host = document.querySelector('#sinmun, [data-sinmun]');
  if (!host) throw new Error('no page instance');
  const config = new URL(host.dataset.config || 'config.json', document.baseURI);
  start(config.href);
  const data = new URL('data/', config);
  start(new URL('manifest.json', data).href);
  const base = (host.dataset.basePath || new URL(document.baseURI).pathname).replace(/\/*$/, '/');
  // The route grammar of `sinmun_model::Route`, as far as early requests
  // need it; both are tested against tests/fixtures/routes.json.
  const route = (pathname) => {
    let path = pathname;
    try { path = decodeURIComponent(path); } catch {}
    return path.startsWith(base) ? path.slice(base.length).split('/').filter(Boolean) : null;
  };
  const article = (parts) => parts && parts.length === 2 && parts[0] === 'posts'
    && new URL(`articles/${parts[1]}.json`, data).href;
  const parts = route(location.pathname);
  const front = parts && (parts.length === 0
    || (parts.length === 2 && parts[0] === 'page' && /^\+?[0-9]+$/.test(parts[1]) && parseInt(parts[1], 10) === 1));
  if (article(parts)) {
    start(article(parts));
  } else if (front) {
    start(new URL('index/0.json', data).href);
  }
  // The reader's intent (the pointer on a link to an article, focus on it,
  // a touch) starts that article's download; the app takes it over on the
  // click like any early request. A link never touched costs nothing, and
  // each article is asked for once.
  // On a site of prerendered pages the article's page starts too: its
  // JSON names the page for the body (`src/body/page.rs` takes it over),
  // asked for by its file name, which every static host serves.
  const asked = new Set();
  const intent = (event) => {
    const link = event.target.closest && event.target.closest('a[href]');
    const url = link && link.origin === location.origin && article(route(link.pathname));
    if (url && !asked.has(url)) {
      asked.add(url);
      start(url);
      if (prerendered) start(new URL(link.pathname.replace(/\/?$/, '/index.html'), location.origin).href);
    }
  };
  for (const type of ['pointerover', 'focusin', 'touchstart']) host.addEventListener(type, intent, { passive: true });
  window.__sinmunEarly = early;
} catch {
  // Without early requests the app fetches everything itself.
}
});
