// Watch mode for server.mjs (`cargo xtask serve --watch`): rebuild the site
// when a post, `_config.yml` or `assets/` changes, and tell open pages.
//
//   node server.mjs --root OUT --watch POSTS_DIR --convert BIN --app DIR [--mount /blog/]
//
// Why a module of its own: server.mjs serves every test; this is only for an
// author at work. It watches POSTS_DIR (and `_config.yml` and `assets/` beside
// it), waits for a burst of editor events to end, runs the converter (one run
// at a time; a change during a run makes one more run after it) and sends the
// result to every open page over Server-Sent Events (/__sinmun/live). Pages
// get /__sinmun/live.js (tests/support/live.js) in their <head>: it reloads
// them after a build and shows the build's problems (file, line, message) in
// an overlay. A converter that fails outright leaves the last good site served.
//
// Directories are watched one by one (non-recursive `fs.watch`), not with
// `{ recursive: true }`: Node 20's recursive mode on Linux watches each file's
// inode, so after an editor saves by writing a temporary file and renaming it
// over the post, later saves of that post are not seen.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const LIVE_SCRIPT = '/__sinmun/live.js';
export const LIVE_EVENTS = '/__sinmun/live';
/** Quiet time after the last event of a burst before a rebuild starts. */
const DEBOUNCE_MS = 40;
/** Stderr kept from a failed run, for the overlay. */
const STDERR_KEPT = 16000;

/** Editors' swap, backup and temporary files (vim, emacs, JetBrains, gedit…). */
const IGNORED = [/\.sw[a-px]$/i, /~$/, /^4913$/, /^sed[A-Za-z0-9]{6}$/, /^\.#/, /^#.*#$/, /^\.DS_Store$/, /\.te?mp$/i,
  /^\.goutputstream-/, /___jb_(tmp|old)___$/, /\.crswap$/, /^\.~lock\./];

/** Whether an event about `name` (a file's base name) is an editor's noise. */
export function ignoredName(name) {
  return IGNORED.some((pattern) => pattern.test(name));
}

/** `dir` and every folder under it, each with a non-recursive watcher. */
class TreeWatch {
  constructor(dir, onChange) {
    this.dir = dir;
    this.onChange = onChange;
    this.watchers = new Map();
  }

  /** (Re)start from scratch: the folder may have been replaced or created. */
  reset() {
    this.close();
    this.add(this.dir);
  }

  add(dir) {
    if (this.watchers.has(dir)) return;
    let watcher;
    try {
      watcher = fs.watch(dir, (event, name) => this.event(dir, name));
    } catch {
      return; // not there (yet), or not a folder
    }
    watcher.on('error', () => this.drop(dir));
    this.watchers.set(dir, watcher);
    let entries = [];
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { /* gone again */ }
    for (const entry of entries) {
      if (entry.isDirectory()) this.add(path.join(dir, entry.name));
    }
  }

  event(dir, name) {
    const full = name ? path.join(dir, String(name)) : dir;
    if (name && ignoredName(path.basename(full))) return;
    let isDir = false;
    try { isDir = fs.statSync(full).isDirectory(); } catch { this.drop(full); }
    if (isDir) this.add(full);
    this.onChange(full);
  }

  drop(dir) {
    for (const [watched, watcher] of this.watchers) {
      if (watched === dir || watched.startsWith(dir + path.sep)) {
        watcher.close();
        this.watchers.delete(watched);
      }
    }
  }

  close() {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}

/** Where `file` is for the person at the terminal: relative to the cwd when inside it. */
function shown(file) {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/**
 * The converter's problems: errors and warnings per file, then site warnings;
 * those of the files in `changed` first, marked `fresh` (a big blog may carry
 * many old warnings: what the save just did comes first).
 */
function problemsOf(reportFile, stderr, changed, posts) {
  let files = [];
  try { files = JSON.parse(fs.readFileSync(reportFile, 'utf8')); } catch { /* no report */ }
  const problems = [];
  for (const entry of Array.isArray(files) ? files : []) {
    const fresh = changed.has(path.resolve(entry.file));
    for (const m of entry.messages ?? []) {
      if (m.level !== 'error' && m.level !== 'warning') continue;
      problems.push({ file: shown(entry.file), line: m.line ?? null, level: m.level, message: m.message, fresh });
    }
  }
  // Warnings not tied to a post (`_config.yml`, assets) are only in the summary.
  const besideChanged = [...changed].some((file) => !file.startsWith(posts + path.sep));
  for (const line of stderr.split('\n')) {
    if (line.startsWith('warning: ')) {
      problems.push({ file: null, line: null, level: 'warning', message: line.slice(9), fresh: besideChanged });
    }
  }
  return [...problems.filter((p) => p.fresh), ...problems.filter((p) => !p.fresh)];
}

/**
 * One converter run: its exit code, stderr and wall time. Not `--quiet`: the
 * warnings about `_config.yml` and assets are only in the summary, which
 * `--quiet` leaves out (stderr is a pipe, so there is no progress bar).
 */
function runConverter({ convert, posts, root, app, mount, report }) {
  const args = [posts, root, '--base-path', mount, '--keep-going', '--report', report];
  if (app) args.push('--app-dir', app);
  return new Promise((resolve) => {
    const started = performance.now();
    let stderr = '';
    let child;
    try {
      child = spawn(convert, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      resolve({ code: 2, stderr: `cannot run ${convert}: ${error.message}`, ms: 0 });
      return;
    }
    child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-STDERR_KEPT); });
    child.on('error', (error) => { stderr += `cannot run ${convert}: ${error.message}\n`; });
    child.on('close', (code) => resolve({ code: code ?? 2, stderr, ms: performance.now() - started }));
  });
}

/** "a.md changed", "a.md, b.md changed", "a.md, b.md and 3 more changed" or "first build". */
function describe(changed) {
  const names = [...changed].map(shown);
  if (names.length === 0) return 'first build';
  const head = names.slice(0, 2).join(', ');
  return names.length > 2 ? `${head} and ${names.length - 2} more changed` : `${head} changed`;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** ": 7 files written, 0 removed" from an updating converter's last line, else "". */
function filesWritten(stderr) {
  const counts = /(\d+) files? written, (\d+) removed/.exec(stderr);
  return counts ? `: ${counts[1]} files written, ${counts[2]} removed` : '';
}

/** Problems listed on the terminal after the first build (all are on the page). */
const FIRST_LISTED = 10;

/** The terminal's line(s) for one run: what changed, how long, what came of it. */
function logRun(changed, run, state, { clients, total }) {
  const what = describe(changed);
  if (state.failure) {
    console.log(`sinmun: ${what} → the converter failed (exit ${run.code}) after ${seconds(run.ms)}; still serving the last good site:`);
    console.log(run.stderr.trimEnd().replace(/^/gm, '  '));
    return;
  }
  const count = state.problems.length;
  const fresh = state.problems.filter((p) => p.fresh);
  let problems = count === 0 ? 'no problems' : `${count} problem${count === 1 ? '' : 's'}`;
  let listed = fresh;
  if (changed.size === 0) {
    listed = state.problems.slice(0, FIRST_LISTED);
    if (count > 0) problems += ':';
  } else if (count > 0) {
    problems += fresh.length ? `, ${fresh.length} in what changed:` : ' (none in what changed)';
  }
  const timing = changed.size === 0 ? `in ${seconds(run.ms)}`
    : `→ rebuilt in ${seconds(total)} (converter ${seconds(run.ms)}${filesWritten(run.stderr)}), ${clients} page${clients === 1 ? '' : 's'} told`;
  console.log(`sinmun: ${what} ${timing}, ${problems}`);
  for (const p of listed) {
    const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
    console.log(`  ${where}${p.level}: ${p.message}`);
  }
  if (changed.size === 0 && count > listed.length) console.log(`  … and ${count - listed.length} more (all on the page)`);
}

/**
 * Watch mode for a server that serves `root` under `mount`. Returns
 * `start()` (first build, then watching), `handle(req, res, url)` (the
 * /__sinmun/ routes; true when it answered) and `inject(html)`.
 */
export function createLive({ posts, convert, app, root, mount }) {
  const options = {
    posts: path.resolve(posts),
    convert: convert.includes(path.sep) ? path.resolve(convert) : convert,
    app: app && path.resolve(app),
    root,
    mount,
    report: path.join(os.tmpdir(), `sinmun-watch-${process.pid}.json`),
  };
  // A page read while the converter swaps the new site folder in can fail
  // (ENOENT in server.mjs' async handler): that request is lost, the server lives on.
  process.on('unhandledRejection', (error) => console.log(`sinmun: a request failed: ${error?.message ?? error}`));
  const instance = Date.now().toString(36);
  let builds = 0;
  const state = { build: `${instance}.0`, problems: [], failure: null };
  const clients = new Set();
  const pending = new Set();
  let timer = null;
  let running = false;
  /** When the first event of the changes not yet built came. */
  let firstChange = null;

  function broadcast() {
    const message = `event: state\ndata: ${JSON.stringify(state)}\n\n`;
    for (const res of clients) res.write(message);
  }

  /** Convert once, and tell the pages what came of it. */
  async function rebuild() {
    running = true;
    const changed = new Set(pending);
    const since = firstChange ?? performance.now();
    pending.clear();
    firstChange = null;
    try {
      fs.rmSync(options.report, { force: true });
      const run = await runConverter(options);
      settle(run, changed);
      broadcast();
      logRun(changed, run, state, { clients: clients.size, total: performance.now() - since });
    } catch (error) {
      console.log(`sinmun: rebuild failed: ${error.stack ?? error}`);
    } finally {
      running = false;
    }
    if (pending.size > 0 && !timer) void rebuild();
  }

  /** The state after `run`: a new build, or the last good one with the failure. */
  function settle(run, changed) {
    if (run.code === 0) {
      builds += 1;
      state.build = `${instance}.${builds}`;
      state.problems = problemsOf(options.report, run.stderr, changed, options.posts);
      state.failure = null;
    } else {
      state.failure = { code: run.code, stderr: run.stderr };
    }
    fs.rmSync(options.report, { force: true });
  }

  function noteChange(file) {
    if (pending.size === 0 && firstChange === null) firstChange = performance.now();
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!running) void rebuild();
    }, DEBOUNCE_MS);
  }

  const postsTree = new TreeWatch(options.posts, noteChange);
  const parent = path.dirname(options.posts);
  const assetsTree = new TreeWatch(path.join(parent, 'assets'), noteChange);
  const besidePosts = new Set(['_config.yml', 'assets', path.basename(options.posts)]);

  /** The posts' parent folder: `_config.yml`, and `assets/` or `_posts` replaced. */
  function watchParent() {
    try {
      const watcher = fs.watch(parent, (event, name) => {
        if (!name || !besidePosts.has(String(name))) return;
        if (String(name) === 'assets') assetsTree.reset();
        if (String(name) === path.basename(options.posts)) postsTree.reset();
        noteChange(path.join(parent, String(name)));
      });
      watcher.on('error', (error) => console.log(`sinmun: stopped watching ${parent}: ${error.message}`));
    } catch (error) {
      console.log(`sinmun: cannot watch ${parent} (${error.message}); _config.yml is not watched`);
    }
  }

  async function start() {
    postsTree.reset();
    assetsTree.reset();
    watchParent();
    await rebuild();
    console.log(`sinmun: watching ${shown(options.posts)}, _config.yml and assets/ beside it; open pages reload after each build`);
  }

  function serveEvents(req, res) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(`retry: 1000\nevent: state\ndata: ${JSON.stringify(state)}\n\n`);
    clients.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 15000);
    req.on('close', () => { clearInterval(ping); clients.delete(res); });
  }

  function handle(req, res, url) {
    if (url.pathname === LIVE_EVENTS) {
      serveEvents(req, res);
      return true;
    }
    if (url.pathname === LIVE_SCRIPT) {
      const data = fs.readFileSync(path.join(here, 'live.js'));
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': data.length });
      res.end(req.method === 'HEAD' ? undefined : data);
      return true;
    }
    if (builds === 0 && url.pathname.startsWith(mount) && !fs.existsSync(path.join(root, 'index.html'))) {
      // No site yet (the first build failed): a page that shows why and reloads after a good build.
      const html = inject('<!doctype html><html><head><meta charset="utf-8"><title>sinmun: no site yet</title></head>'
        + '<body><p>No site yet: the first build failed. Fix the posts and save; this page reloads.</p></body></html>');
      res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : html);
      return true;
    }
    return false;
  }

  /** `html` with the live script first in its <head> (same origin: the pages' CSP allows only 'self'). */
  function inject(html) {
    const tag = `<script src="${LIVE_SCRIPT}?build=${encodeURIComponent(state.build)}" defer></script>`;
    return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}${tag}`);
  }

  return { start, handle, inject };
}
