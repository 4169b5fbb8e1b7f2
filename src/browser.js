// The app's few JavaScript helpers, in one file (one request in the first
// load; comments and indentation are taken out by the build). Each is used
// by the Rust module named above it.

// src/body/lazy.rs: loading the lazily loaded files once per page.
const loads = new Map();
const styleLoads = new WeakMap();
function once(cache, url, start) {
  let load = cache.get(url);
  if (!load) {
    // A file that never arrives must not hold a body back for ever; the
    // limit's timer ends with the load, so none outlives its instance.
    let timer;
    const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('timed out: ' + url)), 20000); });
    load = Promise.race([start(), limit])
      .finally(() => clearTimeout(timer))
      .catch((error) => { cache.delete(url); throw error; });
    cache.set(url, load);
  }
  return load;
}
function element(tag, parent, url, set) {
  return new Promise((resolve, reject) => {
    const node = document.createElement(tag);
    set(node);
    node.onload = () => resolve();
    node.onerror = () => { node.remove(); reject(new Error('could not load ' + url)); };
    parent.append(node);
  });
}
export function loadScript(url) {
  return once(loads, url, () => element('script', document.head, url, (s) => { s.src = url; }));
}
export function loadStyle(url, root) {
  let cache = styleLoads.get(root);
  if (!cache) { cache = new Map(); styleLoads.set(root, cache); }
  return once(cache, url, () => element('link', root, url, (l) => { l.rel = 'stylesheet'; l.href = url; }));
}
export function importWasmModule(url) {
  return once(loads, url, () => import(url).then((module) => module.default().then(() => module)));
}

// Search (src/views/search.rs, src/components/site_header.rs): the search
// module (crates/search) is imported on the first focus of the box or the
// first search view, never with the page. It draws results with text nodes.
// A lazy file as the start script names it (src/body/lazy.rs); the site's
// base path is the page's <base href> (the converter sets it).
const lazyFile = (name) => new URL(globalThis.sinmunFiles?.[name], document.baseURI).href;
const basePath = () => new URL(document.baseURI).pathname;
export function searchShow(container, lang, feedIndex) {
  importWasmModule(lazyFile('sinmun-search')).then((m) => m.show(container, lang, feedIndex), (why) => {
    container.textContent = String(why);
  });
}
// The box (page only), built into the masthead's slot as the converter
// writes it into prerendered pages: `/` focuses it; its first focus loads
// the module, which then follows the typing and the submit
// (`attachInput`). Before that a submit is the form's own: a page load of
// `search/?q=`.
export function searchBox(slot, label) {
  const base = basePath();
  const action = `${base}search/`;
  const form = document.createElement('form');
  const input = document.createElement('input');
  Object.assign(form, { role: 'search', action });
  Object.assign(input, { type: 'search', name: 'q', placeholder: label, ariaLabel: label, autocomplete: 'off' });
  // a box made after the search view showed its query
  if (location.pathname === action) input.value = new URLSearchParams(location.search).get('q');
  form.append(input);
  slot.replaceChildren(form);
  addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.defaultPrevented || e.ctrlKey || e.metaKey
      || e.target.closest?.('input, textarea, select, [contenteditable]')) return;
    e.preventDefault();
    input.focus();
  });
  input.addEventListener('focus', () => importWasmModule(lazyFile('sinmun-search')).then((module) => {
    input.sinmunSearch ??= module.attachInput(input, base);
  }, () => {}));
  // The reader's extras (src/reader.js: sharing, reading settings, offline),
  // for the page sinmun owns only, after the page has settled.
  setTimeout(() => loadScript(lazyFile('sinmun-reader')).catch(() => {}), 500);
}

// src/body/adopt.rs: taking over a prerendered body (moved out of the
// page's shell into a fragment, with its kept colours applied and the
// page's table of contents read back as [id, text, level]).
export function adoptBody(host, from, tocSelector, anchorClass) {
  const source = host.querySelector(from);
  if (!source || source.dataset.adopted) return null;
  source.dataset.adopted = '1';
  const to = document.createDocumentFragment();
  to.append(...source.childNodes);
  // An image that failed in the page in view fires no error in the app (a
  // fetched page's images start loading only now).
  if (host.isConnected) {
    for (const image of to.querySelectorAll('img')) {
      if (image.complete && !image.naturalWidth && image.getAttribute('src')) imageMissing(image);
    }
  }
  if (anchorClass) linkHeadings(to, anchorClass);
  return [keptStyles(to), tocOf(host, tocSelector)];
}
// Each heading with an id (the converter's) becomes a link to itself, as
// `crates/enhance` makes it for a body rendered here: its text names the
// link; a heading holding a link already is left alone (links do not nest).
function linkHeadings(root, anchorClass) {
  for (const heading of root.querySelectorAll(':is(h1, h2, h3, h4, h5, h6)[id]')) {
    if (heading.querySelector('a')) continue;
    const anchor = document.createElement('a');
    anchor.href = '#' + heading.id;
    anchor.className = anchorClass;
    anchor.append(...heading.childNodes);
    heading.append(anchor);
  }
}
function keptStyles(root) {
  for (const node of root.querySelectorAll('[data-sinmun-style]')) {
    for (const declaration of node.dataset.sinmunStyle.split(';')) {
      const [name, value] = declaration.split(':');
      if (name === 'color' || name === 'background-color' || name === 'text-align') node.style.setProperty(name, value);
    }
    delete node.dataset.sinmunStyle;
  }
  return root;
}
function tocOf(root, selector) {
  return Array.from(root.querySelectorAll(selector), (a) =>
    [a.getAttribute('href').slice(1), a.textContent, +a.parentNode.className.slice(-1)]);
}
// src/body/page.rs: an article's own page, read and sanitised by the
// sanitiser's file (src/body/sanitizer.js), loaded first.
export function pageBody(sanitizer, ...page) {
  return loadScript(sanitizer).then(() => sinmunBody.page(...page));
}

// src/body/mod.rs: plain text as paragraphs of text nodes (runs of lines
// between blank lines, trimmed): nothing in it is interpreted.
export function textParagraphs(text) {
  return text.split(/\n(?:[^\S\n]*\n)+/).map((run) => run.trim()).filter(Boolean);
}
export function textBody(text) {
  const to = document.createDocumentFragment();
  for (const paragraph of textParagraphs(text)) to.appendChild(document.createElement('p')).textContent = paragraph;
  return to;
}

// src/components/body_view.rs: a broken image (hosts in old posts
// disappear) becomes its alt text, or nothing. `error` does not bubble, so
// the listener is in the capture phase; it is on the body's container and
// goes with it.
function imageMissing(image) {
  if (image.alt.trim()) {
    const note = document.createElement('span');
    note.className = 'image-missing';
    note.textContent = image.alt;
    image.replaceWith(note);
  } else image.remove();
}
const watched = new WeakSet();
export function replaceBrokenImages(container) {
  if (watched.has(container)) return;
  watched.add(container);
  container.addEventListener('error', (event) => {
    if (event.target.localName === 'img') imageMissing(event.target);
  }, true);
}

// src/prerendered.rs: taking over from a prerendered page. The app mounts
// into a hidden element beside the page's shell and shows itself once its
// view is complete, bodies included (a body's `data-sinmun-render` ticket
// equals its `data-sinmun-rendered` one, `components/body_view.rs`).
export function mountTarget(host) {
  if (!host.querySelector('.sinmun-prerendered')) {
    host.textContent = '';
    return host;
  }
  const target = document.createElement('div');
  target.className = 'sinmun-app';
  target.hidden = true;
  host.append(target);
  return target;
}
// 0: still waiting for a body, 1: shown (nothing prerendered), 2: shown in
// the shell's place just now.
export function revealApp(host) {
  const shell = host.querySelector('.sinmun-prerendered');
  if (shell) {
    const pending = [...host.querySelectorAll('.sinmun-app [data-sinmun-render]')]
      .some((body) => body.dataset.sinmunRender !== body.dataset.sinmunRendered);
    if (pending) return 0;
    // The article's end (share and onward links) moves into the app's view,
    // where it stands in the page: nothing moves (src/reader.js copies it
    // into the views after this one).
    const end = shell.querySelector('article > .onward');
    const article = host.querySelector('.sinmun-app article');
    if (end && article && !article.querySelector(':scope > .onward')) article.append(end);
    shell.remove();
  }
  const app = host.querySelector('.sinmun-app[hidden]');
  if (app) app.hidden = false;
  return shell ? 2 : 1;
}
// An error of the hidden app on a prerendered page: a copy of its panel
// shows above the page's content (the panel itself stays where the app's
// view keeps it), its retry button pressing the app's.
export function showError(host) {
  const main = host.querySelector('.sinmun-prerendered main');
  const panel = host.querySelector('.sinmun-app .status-error');
  if (!main) return false;
  main.querySelector('.status-error')?.remove();
  if (panel) {
    const copy = panel.cloneNode(true);
    copy.querySelector('.retry')?.addEventListener('click', () => panel.querySelector('.retry')?.click());
    main.prepend(copy);
  }
  return true;
}
export function showsArticle(host, slug) {
  const article = host.querySelector('.sinmun-prerendered [data-sinmun-slug]');
  return !!article && article.dataset.sinmunSlug === slug;
}
