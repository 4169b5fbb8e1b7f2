// The reader's extras on a page sinmun owns (never in a widget's host page):
// sharing, the font size and theme controls, the reading progress bar,
// relative times for recent dates, the offline notice and the service worker. A classic script, loaded lazily
// once the app is up (`searchBox` in src/browser.js, page instance only), so
// none of it is in the first load; every piece is an enhancement of a page
// that works without it. Its styles are style/reader.css.
(() => {
const root = document.documentElement;
const ko = /^ko/i.test(root.lang);
const say = (korean, english) => (ko ? korean : english);
const base = new URL(document.baseURI).pathname;
const files = globalThis.sinmunFiles || {};
const file = (name) => files[name] && new URL(files[name], document.baseURI).href;
const style = file('sinmun-reader-style');
if (style && !document.querySelector(`link[href="${style}"]`)) {
  document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: style }));
}

// Settings, per site (its base path): font size and theme. early.js applies
// them before the page paints; these controls change them.
const KEY = 'sinmun:' + base + ':reader';
const SIZES = ['87.5%', '100%', '112.5%', '125%', '150%'];
const THEMES = ['auto', 'light', 'dark'];
const load = () => { try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch { return {}; } };
const save = (settings) => { try { localStorage.setItem(KEY, JSON.stringify(settings)); } catch {} };
function apply(settings) {
  root.style.fontSize = SIZES.includes(settings.size) ? settings.size : '';
  if (THEMES.includes(settings.theme) && settings.theme !== 'auto') root.dataset.theme = settings.theme;
  else delete root.dataset.theme;
}
function controls() {
  const group = document.createElement('div');
  group.className = 'reader-controls';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', say('읽기 설정', 'Reading settings'));
  const button = (label, text, step) => {
    const b = group.appendChild(document.createElement('button'));
    b.type = 'button';
    b.className = 'reader-size';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', () => {
      const settings = load();
      const at = SIZES.indexOf(settings.size || '100%');
      settings.size = SIZES[Math.min(SIZES.length - 1, Math.max(0, at + step))];
      save(settings);
      apply(settings);
    });
  };
  button(say('글자 작게', 'Smaller text'), say('가−', 'A−'), -1);
  button(say('글자 크게', 'Larger text'), say('가+', 'A+'), 1);
  const select = group.appendChild(document.createElement('select'));
  select.className = 'reader-theme';
  select.setAttribute('aria-label', say('화면 테마', 'Theme'));
  const names = { auto: say('시스템 설정', 'System'), light: say('밝게', 'Light'), dark: say('어둡게', 'Dark') };
  for (const theme of THEMES) select.append(new Option(names[theme], theme));
  select.value = load().theme || 'auto';
  select.addEventListener('change', () => {
    const settings = load();
    settings.theme = select.value;
    save(settings);
    apply(settings);
  });
  return group;
}

// Sharing: the article's share links are plain links (the converter writes
// them). The first becomes the Web Share API where the browser has it,
// else a copy of the address with a visible, announced confirmation; every
// link gets the address as the reader sees it when the site's URL was not
// known at build time.
const SHARE = '.onward a.share-link';
const articleUrl = (link) => {
  const copy = link.closest('.onward')?.querySelector('[data-share="copy"]');
  const url = new URL(copy?.getAttribute('href') || location.href, document.baseURI);
  url.hash = '';
  return url.href;
};
const articleTitle = () => document.querySelector('.sinmun .article-title')?.textContent.trim() || document.title;
function shareHref(kind, url, title) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return {
    x: `https://x.com/intent/post?text=${t}&url=${u}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${u}`,
    line: `https://social-plugins.line.me/lineit/share?url=${u}`,
    band: `https://band.us/plugin/share?body=${t}%0A${u}&route=${encodeURIComponent(new URL(url).host)}`,
    email: `mailto:?subject=${t}&body=${u}`,
  }[kind];
}
function confirm(link, text) {
  const item = link.parentElement;
  item.querySelector('.share-status')?.remove();
  const status = item.appendChild(document.createElement('span'));
  status.className = 'share-status';
  status.setAttribute('role', 'status');
  status.textContent = text;
  setTimeout(() => status.remove(), 4000);
}
async function copy(link, url) {
  try {
    await navigator.clipboard.writeText(url);
    confirm(link, say('링크를 복사했습니다', 'Link copied'));
  } catch {
    // No clipboard (permission, an old browser): the address, selected, to copy by hand.
    confirm(link, say('복사하려면 선택된 주소를 복사하세요: ', 'Copy the selected address: '));
    const field = link.parentElement.querySelector('.share-status').appendChild(document.createElement('input'));
    field.readOnly = true;
    field.value = url;
    field.setAttribute('aria-label', say('기사 주소', "The article's address"));
    field.select();
  }
}
// Capturing, so it runs before the app's router (which follows same-site links).
document.addEventListener('click', (event) => {
  const link = event.target.closest?.(SHARE);
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = articleUrl(link);
  const kind = link.dataset.share;
  if (kind === 'copy') {
    event.preventDefault();
    if (navigator.share) navigator.share({ title: articleTitle(), url }).catch(() => {});
    else copy(link, url);
  } else if (shareHref(kind, url, articleTitle())) {
    link.href = shareHref(kind, url, articleTitle());
  }
}, true);
function relabel(container) {
  if (!navigator.share) return;
  for (const link of container.querySelectorAll('.onward [data-share="copy"]:not([data-relabelled])')) {
    link.dataset.relabelled = '1';
    link.textContent = say('공유…', 'Share…');
  }
}

// Onward reading in the app's view of an article: the article's own page
// (the converter's) has the section after the body; the view gets a copy,
// rebuilt from the page's elements one by one (these tags and attributes
// only, links to web, mail or site addresses only): nothing of the page's
// markup is inserted as it is. The site's own articles only.
const KEPT = { nav: 1, div: 1, p: 1, ul: 1, li: 1, a: 1, span: 1, time: 1 };
const ATTRIBUTES = ['class', 'href', 'data-share', 'aria-label', 'role', 'aria-level', 'datetime'];
function copyOf(node) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.data);
  const tag = node.localName;
  if (node.nodeType !== Node.ELEMENT_NODE || !KEPT[tag]) return null;
  const copy = document.createElement(tag);
  for (const name of ATTRIBUTES) {
    const value = node.getAttribute(name);
    if (value === null || (name === 'href' && !/^(https?:|mailto:|\/(?!\/))/i.test(value))) continue;
    copy.setAttribute(name, value);
  }
  for (const child of node.childNodes) {
    const inner = copyOf(child);
    if (inner) copy.append(inner);
  }
  return copy;
}
const pagesRead = new Map();
function onwardOf(url) {
  if (!pagesRead.has(url)) {
    pagesRead.set(url, fetch(url)
      .then((response) => (response.ok ? response.text() : ''))
      .then((html) => new DOMParser().parseFromString(html, 'text/html').querySelector('article .onward'))
      .catch(() => null));
  }
  return pagesRead.get(url);
}
function onward(host) {
  const article = host.querySelector('article.article:not(.sinmun-prerendered *):not([data-onward])');
  const path = location.pathname;
  if (!article || !path.startsWith(base) || !/^posts\/[^/]+\/$/.test(path.slice(base.length))) return;
  // Still hidden behind a prerendered page: that page's section moves over
  // when the app is shown (revealApp in browser.js).
  if (article.closest('[hidden]')) return;
  article.dataset.onward = '1';
  // Moved over from the prerendered page already (revealApp in browser.js).
  if (article.querySelector(':scope > .onward')) return;
  onwardOf(new URL('index.html', location.href).href).then((section) => {
    if (!section || !article.isConnected || location.pathname !== path) return;
    const copy = copyOf(section);
    if (copy) {
      article.append(copy);
      relabel(article);
      recentTimes(article);
    }
  });
}

// Reading progress: a bar along the top while an article is longer than
// two screens. For the eyes only (a screen reader says where it is in the
// text itself); its value is in `data-progress` too.
const bar = document.createElement('div');
bar.className = 'reading-progress';
bar.setAttribute('aria-hidden', 'true');
bar.hidden = true;
let pending = false;
function progress() {
  pending = false;
  const article = document.querySelector('.sinmun .article');
  const long = article && article.offsetHeight > 2 * innerHeight;
  bar.hidden = !long;
  if (!long) return;
  const top = article.getBoundingClientRect().top + scrollY;
  const done = Math.min(1, Math.max(0, (scrollY - top) / Math.max(1, article.offsetHeight - innerHeight)));
  bar.style.setProperty('--progress', done.toFixed(3));
  bar.dataset.progress = String(Math.round(done * 100));
}
const soon = () => { if (!pending) { pending = true; requestAnimationFrame(progress); } };
addEventListener('scroll', soon, { passive: true });
addEventListener('resize', soon);

// Offline: a notice while the network is gone (the service worker serves
// what the reader opened before).
const notice = document.createElement('p');
notice.className = 'offline-notice';
notice.setAttribute('role', 'status');
const online = () => {
  notice.hidden = navigator.onLine;
  notice.textContent = navigator.onLine ? '' : say('오프라인입니다. 전에 읽은 기사와 목록을 볼 수 있습니다.', 'You are offline. Articles and lists you opened before are still here.');
};
addEventListener('online', online);
addEventListener('offline', online);

// Recent dates as relative times ("3시간 전" / "3 hours ago") in the page's
// language, the full date kept as the element's title. Older than a week:
// the date as it is.
const WEEK = 7 * 24 * 3600;
const relative = globalThis.Intl?.RelativeTimeFormat && new Intl.RelativeTimeFormat(root.lang || 'ko', { numeric: 'auto' });
function ago(seconds) {
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]]) {
    if (seconds >= size) return relative.format(-Math.floor(seconds / size), unit);
  }
  return relative.format(0, 'minute');
}
function recentTimes(container) {
  if (!relative) return;
  for (const time of container.querySelectorAll('time[datetime]:not([data-relative])')) {
    const seconds = (Date.now() - Date.parse(time.getAttribute('datetime'))) / 1000;
    if (!(seconds >= 0 && seconds < WEEK)) continue;
    time.dataset.relative = '1';
    time.title = time.textContent;
    time.textContent = ago(seconds);
  }
}

// A list's picture that does not load (offline, or its host gone) goes,
// with its column; a body's pictures the app handles (replaceBrokenImages).
function pictureMissing(image) {
  image.style.display = 'none';
  const card = image.closest('.card');
  if (card) card.style.gridTemplateColumns = '1fr';
}
addEventListener('error', (event) => {
  if (event.target?.localName === 'img' && event.target.classList.contains('card-thumb')) pictureMissing(event.target);
}, true);

// The page's own parts, placed again whenever the app draws a new view.
function place() {
  const host = document.querySelector('#sinmun');
  if (!host) return;
  // In the footer: added after the page has painted, they must not move
  // anything a reader sees (the masthead would grow on a phone).
  for (const footer of host.querySelectorAll('.site-footer')) {
    if (!footer.querySelector('.reader-controls')) footer.prepend(controls());
  }
  if (!bar.isConnected) document.body.prepend(bar);
  if (!notice.isConnected) document.body.prepend(notice);
  onward(host);
  for (const image of host.querySelectorAll('img.card-thumb')) {
    if (image.complete && !image.naturalWidth && image.getAttribute('src')) pictureMissing(image);
  }
  relabel(host);
  recentTimes(host);
  soon();
}
let placing = false;
const placeSoon = () => { if (!placing) { placing = true; requestAnimationFrame(() => { placing = false; place(); }); } };
apply(load());
online();
place();
new MutationObserver(placeSoon).observe(document.querySelector('#sinmun') || document.body, { childList: true, subtree: true });

// The service worker (`sw.js`, written by the build from the bundle's
// manifest): offline reading. A new deployment's worker waits until the
// reader takes it from the "new version" notice, which reloads once. Any
// address with `?sinmun-offline=off` unregisters it and clears its caches.
function update(worker) {
  const offer = document.createElement('p');
  offer.className = 'update-notice';
  offer.setAttribute('role', 'status');
  offer.textContent = say('새 버전이 있습니다. ', 'A new version is available. ');
  const button = offer.appendChild(document.createElement('button'));
  button.type = 'button';
  button.textContent = say('새로 고침', 'Reload');
  button.addEventListener('click', () => worker.postMessage('take-over'));
  document.body.prepend(offer);
}
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  // `cargo xtask serve --watch` (its live script): the posts change under
  // the page, so no worker keeps anything there.
  const live = !!document.querySelector('script[src*="/__sinmun/"]');
  const off = live || new URLSearchParams(location.search).get('sinmun-offline') === 'off';
  if (off) {
    // The worker drops its caches and unregisters itself; this page does
    // the same, for a worker not controlling it.
    navigator.serviceWorker.controller?.postMessage('forget');
    navigator.serviceWorker.getRegistrations().then((all) => all.forEach((r) => r.unregister()));
    globalThis.caches?.keys().then((keys) => keys.filter((k) => k.startsWith('sinmun')).forEach((k) => caches.delete(k)));
  } else {
    // Only a worker that replaces another reloads the page (not the first).
    let reloaded = !navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (!reloaded) { reloaded = true; location.reload(); }
    });
    navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: base }).then((registration) => {
      const waiting = () => registration.waiting && navigator.serviceWorker.controller && update(registration.waiting);
      waiting();
      registration.addEventListener('updatefound', () => {
        registration.installing?.addEventListener('statechange', (event) => {
          if (event.target.state === 'installed') waiting();
        });
      });
    }).catch(() => {});
  }
}
})();
