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
  let path = location.pathname;
  try { path = decodeURIComponent(path); } catch {}
  // The route grammar of `sinmun_model::Route`, as far as early requests
  // need it; both are tested against tests/fixtures/routes.json.
  const parts = path.startsWith(base) ? path.slice(base.length).split('/').filter(Boolean) : null;
  const front = parts && (parts.length === 0
    || (parts.length === 2 && parts[0] === 'page' && /^\+?[0-9]+$/.test(parts[1]) && parseInt(parts[1], 10) === 1));
  if (parts && parts.length === 2 && parts[0] === 'posts') {
    start(new URL(`articles/${parts[1]}.json`, data).href);
  } else if (front) {
    start(new URL('index/0.json', data).href);
  }
  window.__sinmunEarly = early;
} catch {
  // Without early requests the app fetches everything itself.
}
