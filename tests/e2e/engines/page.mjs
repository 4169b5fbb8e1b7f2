// One page in any engine: the small API every cross-engine test is written in.
// Each engine's file (chromium.mjs, firefox.mjs, webkit.mjs) supplies a backend
// of six primitives; everything a test uses is built here once over them, so a
// test reads the same whichever engine runs it.
//
// Selectors are CSS; `host >>> inner` looks inside `host`'s (open) shadow root.
// Errors and dialogs come from the page hook the test server injects
// (tests/support/page-hook.js), the one mechanism all three engines share.

/** In the page: the first element matching a `>>>`-piercing selector. */
export const FIND = `(selector) => {
  let scope = document;
  const parts = selector.split(' >>> ');
  for (let i = 0; i < parts.length; i++) {
    const el = scope.querySelector(parts[i]);
    if (!el || i === parts.length - 1) return el;
    scope = el.shadowRoot;
    if (!scope) return null;
  }
  return null;
}`;

const FIND_ALL = `(selector) => {
  const parts = selector.split(' >>> ');
  const last = parts.pop();
  const scope = parts.length ? (${FIND})(parts.join(' >>> '))?.shadowRoot : document;
  return scope ? [...scope.querySelectorAll(last)] : [];
}`;

export class Page {
  /**
   * @param {string} engine   'chromium' | 'firefox' | 'webkit'
   * @param {object} backend  { goto(url), reload(), url(), run(expression),
   *   click(expression), press(key), screenshot(file), close() } where `expression`
   *   is JavaScript evaluated in the page (a value or a promise; `click`'s
   *   evaluates to an element).
   */
  constructor(engine, backend) {
    this.engine = engine;
    this.backend = backend;
    /** The engine client's own page where a Chromium-only check needs it (else null). */
    this.native = backend.native ?? null;
    this.seenErrors = [];
    this.seenDialogs = [];
  }

  /** Run `fn(arg)` in the page; its result must be JSON. */
  eval(fn, arg) {
    return this.backend.run(`(${fn})(${JSON.stringify(arg ?? null)})`);
  }

  /** Load `url`; on a prerendered page, until the app has taken it over
   * (its static elements are replaced), unless `{ static: true }`. */
  async goto(url, { static: asStatic = false } = {}) {
    await this.harvest();
    await this.backend.goto(url);
    if (!asStatic) await this.takenOver();
  }

  async reload({ static: asStatic = false } = {}) {
    await this.harvest();
    await this.backend.reload();
    if (!asStatic) await this.takenOver();
  }

  /** Until no prerendered shell is left, or the app's error shows above it
   * (at once on other pages). */
  takenOver() {
    return this.waitFor(() => !document.querySelector('.sinmun-prerendered')
      || !!document.querySelector('.sinmun-prerendered .status-error'), null,
      { timeout: 15000, what: 'the app taking the prerendered page over' });
  }

  url() {
    return this.backend.url();
  }

  async path() {
    return this.eval(() => location.pathname);
  }

  title() {
    return this.eval(() => document.title);
  }

  /** Poll `fn(arg)` in the page until it returns something truthy, and return it. */
  async waitFor(fn, arg, { timeout = 15000, what } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.eval(fn, arg);
        if (last) return last;
      } catch (e) {
        // A navigation in progress destroys the context: try again.
        last = `error: ${String(e).split('\n')[0]}`;
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.engine}: waited ${timeout} ms for ${what ?? fn.toString().slice(0, 160)}; last saw ${JSON.stringify(last)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Wait until an element matching `selector` is laid out. */
  waitForSelector(selector, options = {}) {
    const laidOut = `(s) => { const e = (${FIND})(s); return !!e && e.getClientRects().length > 0; }`;
    return this.waitFor(laidOut, selector, { what: selector, ...options });
  }

  /** innerText of the first match (waits for it). */
  async text(selector) {
    await this.waitForSelector(selector);
    return this.eval(`(s) => (${FIND})(s).innerText`, selector);
  }

  texts(selector) {
    return this.eval(`(s) => (${FIND_ALL})(s).map((e) => e.innerText)`, selector);
  }

  count(selector) {
    return this.eval(`(s) => (${FIND_ALL})(s).length`, selector);
  }

  attr(selector, name) {
    return this.eval(`([s, n]) => (${FIND})(s)?.getAttribute(n) ?? null`, [selector, name]);
  }

  /** `fn(elements)` over every match, in the page. */
  all(selector, fn) {
    return this.eval(`([s]) => (${fn})((${FIND_ALL})(s))`, [selector]);
  }

  /** A real click (the engine's input events) on the first match of `selector`. */
  async click(selector) {
    await this.waitForSelector(selector);
    await this.backend.click(`(${FIND})(${JSON.stringify(selector)})`);
  }

  /** A real key press to the focused element: 'Tab', 'Enter', 'Shift+Tab'. */
  press(key) {
    return this.backend.press(key);
  }

  /** Back and forward through the History API (WebKit's WebDriver Back skips pushState entries). */
  back() {
    return this.eval(() => { history.back(); return true; });
  }

  forward() {
    return this.eval(() => { history.forward(); return true; });
  }

  /** A screenshot once two frames have painted. */
  async screenshot(file) {
    await this.eval(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
    await this.backend.screenshot(file);
  }

  /** Take the page's errors and dialogs into this object's lists. */
  async harvest() {
    try {
      const found = await this.backend.run(`(() => {
        const t = window.__sinmunTest;
        if (!t) return null;
        return { errors: t.errors.splice(0), dialogs: t.dialogs.splice(0) };
      })()`);
      if (found) {
        this.seenErrors.push(...found.errors);
        this.seenDialogs.push(...found.dialogs);
      }
    } catch {
      // No document yet (a new page): nothing to take.
    }
  }

  /** Everything the page reported as an error so far (then cleared). */
  async errors() {
    await this.harvest();
    return this.seenErrors.splice(0);
  }

  /** Every alert/confirm/prompt/print and __xss assignment so far (then cleared). */
  async dialogs() {
    await this.harvest();
    return this.seenDialogs.splice(0);
  }

  close() {
    return this.backend.close();
  }
}
