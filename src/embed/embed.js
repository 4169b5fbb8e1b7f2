// embed.js: the <sinmun-feed> element, served at every sinmun site's root
// under this stable name (README, "Embed on your page"). It is all a host
// page pays until a widget comes within a screen of the viewport; then the
// widget build (`sinmun-widget`, hashed, cached, one download for every
// widget on the page) loads and mounts an instance into the element's shadow
// root (src/embed/api.rs). The bundle (crates/bundle/src/widget.rs) writes the
// hashed file names into FILES and leaves out these comment lines.
//
// Nothing here throws into the host page: every failure becomes a message
// inside that element, beside the fallback the site owner put inside it.
// Without WebAssembly the element shows a plain list of links from the
// site's JSON Feed (or the JSON Feed `src` names).
const FILES = /*sinmun:files*/ {};
const here = import.meta.url;
const abs = (name) => new URL(name, here).href;
const MOUNT_ATTRIBUTES = ['src', 'limit', 'category', 'open', 'lang', 'target'];

let code; // the widget build's exports, once loaded
const loadCode = () => {
  code ||= import(abs(FILES.module)).then(async (module) => {
    await module.default();
    return module;
  });
  code.catch(() => { code = null; }); // a later mount tries again
  return code;
};

const wasmWorks = (() => {
  try {
    return WebAssembly.validate(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0));
  } catch {
    return false;
  }
})();

// "Near": within one screen of the viewport.
const waiting = new Map();
let observer;
const whenNear = (element, then) => {
  if (!('IntersectionObserver' in window)) return then();
  observer ||= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const go = entry.isIntersecting && waiting.get(entry.target);
      if (go) {
        waiting.delete(entry.target);
        observer.unobserve(entry.target);
        go();
      }
    }
  }, { rootMargin: '100% 0px' });
  waiting.set(element, then);
  observer.observe(element);
};
const stopWaiting = (element) => {
  waiting.delete(element);
  observer?.unobserve(element);
};

// `src`: a site's root or its config.json, or a JSON Feed; none: the site
// serving this file.
const configUrl = (src) => {
  const url = new URL(src?.trim() || './', src?.trim() ? document.baseURI : here);
  if (!/^https?:$/.test(url.protocol)) throw new Error(`"${src}" is not an http(s) address`);
  // A folder is a site (its config.json); a file or a query names a document itself.
  if (!/\.[a-z0-9]+$/i.test(url.pathname) && !url.search) {
    url.pathname = url.pathname.replace(/\/?$/, '/config.json');
    url.search = '';
  }
  url.hash = '';
  return url.href;
};

const make = (name, attributes, ...children) => {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes || {})) if (value) element.setAttribute(key, value);
  element.append(...children);
  return element;
};
const styleLink = () => make('link', { rel: 'stylesheet', href: abs(FILES.styles.at(-1)) });

class SinmunFeed extends HTMLElement {
  static get observedAttributes() {
    return MOUNT_ATTRIBUTES;
  }

  #instance = null;
  #started = false;
  #generation = 0;
  #remountQueued = false;

  connectedCallback() {
    const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
    if (!this.#instance) root.replaceChildren(make('slot'));
    whenNear(this, () => this.#mount());
  }

  disconnectedCallback() {
    stopWaiting(this);
    this.#generation += 1;
    this.#started = false;
    this.#unmount();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.#started || this.#remountQueued) return;
    // Several attributes set in a row remount once.
    this.#remountQueued = true;
    queueMicrotask(() => {
      this.#remountQueued = false;
      if (this.isConnected) this.#mount();
    });
  }

  /** Load the widget build if need be and mount (again) with the attributes. */
  async #mount() {
    const generation = ++this.#generation;
    this.#started = true;
    let config;
    try {
      config = configUrl(this.getAttribute('src'));
    } catch (error) {
      return this.#problem(`src: ${error.message}`);
    }
    if (!wasmWorks) return this.#fallback(config, generation);
    let bindings;
    try {
      bindings = await loadCode();
    } catch (error) {
      if (generation !== this.#generation) return;
      return this.#fallback(config, generation, `could not load its code from ${abs(FILES.module)} (${error?.message || error})`);
    }
    if (generation !== this.#generation || !this.isConnected) return;
    this.#unmount();
    const options = {
      config,
      styles: FILES.styles.map(abs),
      files: Object.fromEntries(Object.entries(FILES.files).map(([k, v]) => [k, abs(v)])),
    };
    for (const name of MOUNT_ATTRIBUTES.slice(1)) {
      const value = this.getAttribute(name);
      if (value !== null) options[name] = value;
    }
    try {
      this.#instance = bindings.mountEmbedded(this, options);
    } catch (error) {
      this.#problem(String(error?.message || error));
    }
  }

  #unmount() {
    const instance = this.#instance;
    this.#instance = null;
    try {
      instance?.unmount();
      instance?.free();
    } catch {
      // Already gone with a crashed module: nothing left to free.
    }
  }

  /** A message inside the element, above what the site owner put in it. */
  #problem(message) {
    const root = this.shadowRoot;
    if (!root) return;
    root.replaceChildren(styleLink(), make('p', { class: 'sinmun-problem', role: 'alert', part: 'status' }, `sinmun: ${message}`), make('slot'));
  }

  /** Without the app: the site's JSON Feed as a plain list of links. */
  async #fallback(config, generation, why) {
    // `src` may name a JSON Feed itself; a site's config.json is not one.
    const named = /\/config\.json$/i.test(new URL(config).pathname);
    const feed = named ? new URL('feed.json', config).href : config;
    try {
      const response = await fetch(feed, { credentials: 'omit' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      if (generation !== this.#generation) return;
      const limit = parseInt(this.getAttribute('limit'), 10) || 10;
      const link = (item) => {
        try {
          const url = new URL(String(item?.url), feed);
          return /^https?:$/.test(url.protocol) ? url.href : null;
        } catch {
          return null;
        }
      };
      const items = (Array.isArray(data.items) ? data.items : []).filter(link).slice(0, limit);
      const target = this.getAttribute('open') === 'new-tab' ? '_blank' : this.getAttribute('target') || '';
      const list = make('ul', { class: 'sinmun-fallback', part: 'list' }, ...items.map((item) =>
        make('li', { part: 'item' }, make('a', { href: link(item), target, rel: target === '_blank' ? 'noopener' : '' }, String(item.title || link(item))))));
      this.shadowRoot?.replaceChildren(styleLink(), list);
      if (why) list.before(make('p', { class: 'sinmun-problem', part: 'status' }, `sinmun: ${why}; a plain list is shown.`));
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#problem(`${why || 'WebAssembly is not available here'}, and the plain list could not be read from ${feed} (${error?.message || error}).`);
    }
  }
}

if (!customElements.get('sinmun-feed')) customElements.define('sinmun-feed', SinmunFeed);
export default SinmunFeed;
