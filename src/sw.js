// sinmun's service worker: offline reading for a site sinmun owns. The
// build writes it as `sw.js` at the site's root (crates/bundle/src/sw.rs),
// with the bundle's version and its files; src/reader.js registers it on
// the page instance only, never for a widget's host page.
//
// - The app's files (content-hashed names) are served from the cache: the
//   first load's are cached when the worker installs, the lazily loaded
//   ones (the Markdown, search and feed modules, DOMPurify…) when the page
//   first loads them, so installing downloads no more than a visit did.
// - Pages, data and same-site images are fetched from the network first and
//   kept, so every article and list the reader opened reads again offline.
// - Nothing outside the site's own kinds of files is touched: other paths,
//   other origins and non-GET requests go to the network untouched.
// - A new deployment's worker waits until the page asks it to take over
//   (its "new version" notice); the old app's files stay until then, so a
//   reader is never left with half of each.
const VERSION = '__VERSION__';
const APP_FILES = __APP_FILES__;
const FIRST_LOAD = __FIRST_LOAD__;
const APP = 'sinmun-app-' + VERSION;
const READ = 'sinmun-read';
const scope = new URL(self.registration.scope);
const appUrls = new Set(APP_FILES.map((file) => new URL(file, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(APP).then((cache) => cache.addAll(FIRST_LOAD.map((file) => new URL(file, scope).href))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('sinmun-app-') && k !== APP).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

let forgotten = false;
const forgetAll = () => caches.keys()
  .then((keys) => Promise.all(keys.filter((k) => k.startsWith('sinmun')).map((k) => caches.delete(k))));
/** Keep a copy of `response` in cache `name`, unless the reader asked to forget. */
function keep(name, request, response) {
  if (forgotten) return;
  caches.open(name)
    // a cache opened after the forgetting is made again: dropped at once
    .then((cache) => (forgotten ? caches.delete(name) : cache.put(request, response).then(() => name === READ && trim(cache))))
    .catch(() => {});
}

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
  // `?sinmun-offline=off` (src/reader.js): keep nothing more, drop what is
  // kept, and go.
  if (event.data === 'forget') {
    forgotten = true;
    event.waitUntil(forgetAll().then(() => self.registration.unregister()));
  }
});

/** Whether a request is one of the site's own pages, data or images. */
function isSiteFile(url) {
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return false;
  const path = url.pathname.slice(scope.pathname.length);
  return path === '' || path.endsWith('/') || path.endsWith('.html') || path === 'config.json' ||
    path.startsWith('data/') || path.startsWith('assets/') || path.startsWith('search/');
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.status === 200 && response.type === 'basic') keep(READ, request, response.clone());
    return response;
  } catch (error) {
    const match = (what) => caches.match(what, { cacheName: READ, ignoreVary: true });
    const kept = await match(request) ||
      (request.mode === 'navigate' && await match(new URL('index.html', scope).href)) ||
      (request.mode === 'navigate' && await match(scope.href));
    if (kept) return kept;
    throw error;
  }
}

/** The oldest kept files go once there are more than KEPT. */
const KEPT = 2000;
async function trim(cache) {
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - KEPT))) await cache.delete(old);
}

async function appFirst(request) {
  const kept = await caches.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.status === 200) keep(APP, request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (forgotten) return;
  if (appUrls.has(url.href)) event.respondWith(appFirst(request));
  else if (isSiteFile(url)) event.respondWith(networkFirst(request));
});
