// The page side of watch mode (`cargo xtask serve --watch`; tests/support/watch.mjs
// serves it as /__sinmun/live.js and puts it in every page's <head>): reload the
// page after each new build of the site, and show the build's problems on top of it.
//
// Why it is built this way: the pages' CSP allows scripts from 'self' only (so
// this is a file, not inline) and no inline style attributes (so styles are set
// through CSSOM); problems quote post text, so the overlay is made with DOM
// methods and textContent only, never HTML; it lives in a shadow root outside
// the app's #sinmun, so neither the app's CSS nor its takeover of a prerendered
// page touches it. The build the page came from is in this script's URL
// (?build=…); the server sends the current state on connecting and after each
// run, so a build that finished between the page's load and the connection is
// not missed, and a restarted server (a new build id) reloads the page too.
(() => {
  if (window.__sinmunLive) return;
  /** What tests (and the curious) can read: how many states came from the server. */
  const live = { states: 0 };
  window.__sinmunLive = live;
  const script = document.currentScript;
  const build = script ? new URL(script.src).searchParams.get('build') : null;
  const SCROLL_KEY = 'sinmun-live-scroll';
  const OVERLAY_ID = 'sinmun-live-overlay';
  const DISMISSED_KEY = 'sinmun-live-dismissed';
  let dismissed = null;

  /** The problems closed by the reader: kept across the live reloads (a big blog's old warnings stay closed). */
  const wasDismissed = (key) => {
    try { return sessionStorage.getItem(DISMISSED_KEY) === key; } catch { return dismissed === key; }
  };
  const dismiss = (key) => {
    dismissed = key;
    try { sessionStorage.setItem(DISMISSED_KEY, key); } catch { /* kept for this page only */ }
  };

  /** A short stand-in for what the overlay shows (djb2 and the length). */
  function keyOf(state) {
    const what = JSON.stringify([state.failure, (state.problems || []).map((p) => [p.file, p.line, p.level, p.message])]);
    let h = 5381;
    for (let i = 0; i < what.length; i++) h = (h * 33 + what.charCodeAt(i)) | 0;
    return `${h >>> 0}:${what.length}`;
  }

  const here = () => location.pathname + location.search;

  /** Reload, keeping where the reader is (the app restores scroll itself only on back/forward). */
  // The place a restore is still bringing the page back to (a save that
  // comes before the restore got there keeps it, not the top of the page).
  let restoring = null;
  function reload() {
    try {
      const at = restoring ?? { x: scrollX, y: scrollY };
      sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ path: here(), x: at.x, y: at.y }));
    } catch { /* no storage: reload at the top */ }
    location.reload();
  }

  /** After a live reload: back to the saved place, again while the app takes the page over and
   * for a second after (a prerendered page's start script waits up to 3 s for its images, and a
   * busy machine compiles the app slowly: a fixed 2 s, then 5 s, were sometimes too short), until
   * the reader's own input, at most 15 s. */
  function restoreScroll() {
    let saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(SCROLL_KEY) || 'null');
      sessionStorage.removeItem(SCROLL_KEY);
    } catch { return; }
    if (!saved || saved.path !== here() || (!saved.x && !saved.y)) return;
    const latest = Date.now() + 15000;
    let until = latest;
    const inputs = ['wheel', 'touchstart', 'keydown', 'pointerdown'];
    restoring = saved;
    const stop = () => {
      restoring = null;
      clearInterval(timer);
      for (const name of inputs) removeEventListener(name, stop, true);
    };
    const timer = setInterval(() => {
      if (Date.now() > until) return stop();
      // Taken over: one more second, for the app's first paint.
      if (until === latest && !document.querySelector('.sinmun-prerendered')) until = Math.min(latest, Date.now() + 1000);
      if (Math.abs(scrollY - saved.y) > 1 || Math.abs(scrollX - saved.x) > 1) scrollTo(saved.x, saved.y);
    }, 50);
    for (const name of inputs) addEventListener(name, stop, { capture: true, passive: true });
  }

  /** An element with `text` (never parsed as HTML) and CSSOM styles. */
  function el(tag, style = {}, text = '') {
    const node = document.createElement(tag);
    Object.assign(node.style, style);
    if (text) node.textContent = text;
    return node;
  }

  function problemItem(problem) {
    const item = el('li', { margin: '0 0 8px', opacity: problem.fresh ? '1' : '0.8' });
    const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}` : 'site';
    item.append(
      el('span', { color: '#ffd479', fontWeight: 'bold' }, where),
      el('span', { color: problem.level === 'error' ? '#ff8080' : '#ffb86c' }, ` ${problem.level}: `),
      el('span', {}, problem.message),
    );
    return item;
  }

  /** The overlay's content for `state`: its problems, or the failed run's stderr. */
  function overlayBody(state) {
    const body = el('div', { padding: '8px 16px 12px', overflow: 'auto', maxHeight: '45vh' });
    if (state.failure) {
      body.append(
        el('p', { margin: '0 0 8px' }, 'The server still serves the last good site. The converter said:'),
        el('pre', { margin: '0', whiteSpace: 'pre-wrap', font: 'inherit' }, state.failure.stderr || '(nothing)'),
      );
      return body;
    }
    const list = el('ul', { margin: '0', padding: '0', listStyle: 'none' });
    list.append(...state.problems.map(problemItem));
    body.append(list);
    return body;
  }

  function heading(state) {
    if (state.failure) return `sinmun: the converter failed (exit ${state.failure.code})`;
    const n = state.problems.length;
    const fresh = state.problems.filter((p) => p.fresh).length;
    const saved = fresh ? `, ${fresh} in what you saved (first)` : '';
    return `sinmun: ${n} problem${n === 1 ? '' : 's'} in the last build${saved}`;
  }

  function buildOverlay(state, key) {
    const host = el('div', { position: 'fixed', top: '0', left: '0', right: '0', zIndex: '2147483647' });
    host.id = OVERLAY_ID;
    const root = host.attachShadow({ mode: 'open' });
    const box = el('section', {
      margin: '8px', background: '#1e1e24', color: '#f4f4f5', borderTop: '4px solid #e5484d',
      borderRadius: '6px', boxShadow: '0 6px 24px rgba(0,0,0,.45)', font: '13px/1.5 ui-monospace, monospace',
      textAlign: 'left', direction: 'ltr',
    });
    box.setAttribute('role', 'alert');
    const bar = el('div', { display: 'flex', alignItems: 'center', padding: '8px 8px 0 16px' });
    const close = el('button', {
      marginLeft: 'auto', background: 'transparent', color: 'inherit', border: '0', font: '20px/1 sans-serif',
      cursor: 'pointer', padding: '4px 8px',
    }, '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => { dismiss(key); host.remove(); });
    bar.append(el('strong', {}, heading(state)), close);
    box.append(bar, overlayBody(state));
    root.append(box);
    return host;
  }

  /** Show the state's problems, or nothing; a closed overlay stays closed until they change. */
  function show(state) {
    document.getElementById(OVERLAY_ID)?.remove();
    if (!state.failure && !(state.problems || []).length) return;
    const key = keyOf(state);
    if (wasDismissed(key)) return;
    document.documentElement.append(buildOverlay(state, key));
  }

  function onState(event) {
    let state;
    try { state = JSON.parse(event.data); } catch { return; }
    live.states += 1;
    if (build && state.build !== build) return reload();
    show(state);
  }

  /** Listen; a server that went away is retried quietly (EventSource retries network errors itself). */
  function connect() {
    const source = new EventSource('/__sinmun/live');
    source.addEventListener('state', onState);
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      setTimeout(connect, 2000);
    });
  }

  restoreScroll();
  connect();
})();
