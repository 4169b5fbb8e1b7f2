// Installed by the test server (server.mjs --hook) as the first script of
// every HTML page it serves, so that all three engines report the same way:
// WebKit's WebDriver has no console or error events, and this hook is the
// one mechanism the cross-engine driver (tests/e2e/engines/) reads.
//
// window.__sinmunTest.errors: uncaught errors, unhandled rejections,
// console.error calls and Content-Security-Policy violations, as strings.
// window.__sinmunTest.dialogs: alert/confirm/prompt/print/open calls (answered, not
// shown) and assignments to window.__xss: whatever an XSS vector would do.
(() => {
  if (window.__sinmunTest) return;
  const errors = [];
  const dialogs = [];
  const text = (v) => { try { return String(v); } catch { return '?'; } };
  Object.defineProperty(window, '__sinmunTest', { value: { errors, dialogs }, configurable: false });
  addEventListener('error', (e) => {
    // A resource that failed to load (a broken image) fires a non-ErrorEvent here.
    if (e instanceof ErrorEvent) errors.push(`uncaught: ${e.message} (${e.filename}:${e.lineno})`);
  }, true);
  addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${text(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) => {
    errors.push(`CSP violation: ${e.violatedDirective} ${e.blockedURI} (${e.sourceFile || '?'}:${e.lineNumber}${e.sample ? ` ${e.sample}` : ''})`);
  });
  const consoleError = console.error;
  console.error = function (...args) {
    errors.push(`console.error: ${args.map(text).join(' ')}`);
    return consoleError.apply(this, args);
  };
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    const trap = function (...args) {
      dialogs.push(`${name}(${args.map(text).join(', ')})`);
      return name === 'confirm' ? false : name === 'prompt' || name === 'open' ? null : undefined;
    };
    Object.defineProperty(window, name, { value: trap, writable: false, configurable: false });
  }
  // The XSS corpus's vectors set window.__xss when they run.
  let xss;
  Object.defineProperty(window, '__xss', {
    get() { return xss; },
    set(v) { xss = v; dialogs.push(`__xss = ${text(v)}`); },
    configurable: false,
  });
})();
