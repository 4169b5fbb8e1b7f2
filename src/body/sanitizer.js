// The body helpers that need DOMPurify, appended to it in its lazy file
// (xtask/src/lazy_files.rs): they load with it, on the first body that
// arrives as data, not with the app (the first load's budget). A classic
// script, as DOMPurify is: it defines `globalThis.sinmunBody`.
(() => {
// src/body/sanitize.rs: DOMPurify's configuration for bodies. Its HTML
// profile (no scripts, SVG or MathML), and on top of its defaults these
// tags and attributes removed; iframes let through for the enhancing step,
// which keeps only video players. ids and names from content are prefixed
// so they cannot clobber the app's globals. The converter's ammonia policy
// (crates/convert/src/output/prerender/policy.rs) keeps the same.
const purify = {
  USE_PROFILES: { html: true },
  RETURN_DOM_FRAGMENT: true,
  ADD_TAGS: ['iframe'],
  ADD_ATTR: ['allowfullscreen', 'loading'],
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'base', 'meta', 'link',
    'object', 'embed', 'frame', 'frameset', 'template', 'dialog', 'portal', 'math', 'svg'],
  FORBID_ATTR: ['srcdoc', 'formaction', 'action', 'ping', 'background'],
  SANITIZE_NAMED_PROPS: true,
};
// A page's body (page below): its ids are the converter's, prefixed already,
// and it has no style attributes (they are data-sinmun-style there).
const purifyPage = { ...purify, SANITIZE_NAMED_PROPS: false, FORBID_ATTR: [...purify.FORBID_ATTR, 'style'] };
function sanitize(html, fromPage) {
  return DOMPurify.sanitize(html, fromPage ? purifyPage : purify);
}

// src/body/page.rs: the view of an article's own page (where its body is
// kept), fetched, parsed inert (nothing in it runs or loads) and sanitised
// again, for adoptBody (src/browser.js) to take the body from: the page may
// be another site's. Ids are the converter's (prefixed already). Iframes
// stay only for the video hosts, sandboxed. Rejections are messages to show.
// An article's banner text and body are both kept in its page: the two
// reads share one download (the last few pages are kept, each reader gets
// its own copy to take its part from; a failed read is not kept).
const pages = new Map();
async function page(base, path, hosts, sandbox, referrer) {
  // A site path, or (a merged source's article) the page's address; by its
  // file name, which every static host serves (not all serve a folder's index).
  const url = new URL((/^https?:/.test(path) ? path : base.replace(/\/+$/, '') + path).replace(/\/?$/, '/index.html'), document.baseURI).href;
  let read = pages.get(url);
  if (!read) {
    read = readPage(url, path, hosts, sandbox, referrer);
    pages.set(url, read);
    read.catch(() => pages.delete(url));
    for (const old of pages.keys()) if (pages.size > 4) pages.delete(old);
  }
  return (await read).cloneNode(true);
}
async function readPage(url, path, hosts, sandbox, referrer) {
  const fail = (why) => { throw url + why; };
  if (!/^(\/(?!\/)|https?:)/.test(path)) fail(' is not a page');
  // The page's download may have started on the reader's intent (early.js).
  const early = window.__sinmunEarly?.get(url);
  window.__sinmunEarly?.delete(url);
  if (early) setTimeout(() => early.controller.abort(), 20000);
  const response = await (early ? early.response : fetch(url, { signal: AbortSignal.timeout(20000) })).catch(() => fail(' did not answer'));
  if (!response.ok) fail(' answered HTTP ' + response.status);
  const view = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('.sinmun-prerendered');
  if (!view) fail(' holds no article');
  const host = document.createElement('div');
  const shell = host.appendChild(document.createElement('div'));
  shell.className = 'sinmun-prerendered';
  shell.append(sanitize(view.innerHTML, true));
  // The article's description is its page's (its JSON does not repeat it).
  host.dataset.description = view.ownerDocument.querySelector('meta[name="description"]')?.content ?? '';
  for (const frame of host.querySelectorAll('iframe')) {
    if (hosts.split(' ').some((start) => frame.src.startsWith(start))) {
      frame.sandbox = sandbox;
      frame.referrerPolicy = referrer;
    } else frame.remove();
  }
  return host;
}

globalThis.sinmunBody = { sanitize, page };
})();
