// A static file server for `cargo xtask serve` and the end-to-end tests.
//
//   node server.mjs --root DIR [--port 8080] [--mode pages|spa] [--mount /blog/]
//                   [--hook FILE] [--no-csp]
//                   [--watch POSTS_DIR --convert BIN --app DIR]
//
// mode "pages" behaves like GitHub Pages: unknown paths get 404.html with status 404.
// mode "spa" behaves like a Netlify rewrite: unknown paths get index.html with status 200.
// Files are served from DIR under the path --mount (default "/"); a precompressed
// FILE.br or FILE.gz is served when the client accepts brotli or gzip.
//
// --hook FILE (tests): every HTML page gets <script src="/__sinmun-test/hook.js">
// (FILE) as the first script in its <head>, the same way in every engine.
// --no-csp (the XSS suite): the pages' Content-Security-Policy <meta> is taken
// out, so that a sanitiser bypass is seen rather than hidden by the CSP.
// --compress (the Lighthouse bench): text without a precompressed copy (pages,
// JSON) is gzipped on the fly, as GitHub Pages, Netlify and CDNs do.
// --watch POSTS_DIR (`cargo xtask serve --watch`): the site in DIR is rebuilt with the
// converter BIN when a post changes, and open pages reload (watch.mjs, live.js).
//
// Tests can inject faults: POST /__faults with a JSON array of rules
//   { "path": "data/manifest.json" (substring), "status": 500, "delayMs": 2000,
//     "hang": true, "reset": true (a network error), "times": 1 }
// and DELETE /__faults to clear them. Requests are logged for GET /__requests.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createLive } from './watch.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const root = path.resolve(option('--root', '.'));
const port = Number(option('--port', '8080'));
const mode = option('--mode', 'pages');
let mount = option('--mount', '/');
if (!mount.endsWith('/')) mount += '/';
const hookFile = option('--hook', null);
const noCsp = args.includes('--no-csp');
const compress = args.includes('--compress');
const HOOK_PATH = '/__sinmun-test/hook.js';
const watchDir = option('--watch', null);
const live = watchDir
  ? createLive({ posts: watchDir, convert: option('--convert', 'sinmun-convert'), app: option('--app', null), root, mount })
  : null;

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
};

let faults = [];
const requests = [];

function readBody(req) {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => resolve(body));
  });
}

function fileFor(urlPath) {
  if (!urlPath.startsWith(mount)) return null;
  let rel;
  try { rel = decodeURIComponent(urlPath.slice(mount.length)); } catch { return null; }
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      const index = path.join(full, 'index.html');
      return fs.existsSync(index) ? index : null;
    }
    return full;
  } catch { return null; }
}

function send(req, res, file, status) {
  const type = types[path.extname(file).toLowerCase()] || 'application/octet-stream';
  // Cross-origin reads allowed, as GitHub Pages does: widgets on other
  // origins read a site's data (tests/e2e/instances.test.mjs).
  const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' };
  if (type.startsWith('text/html') && (hookFile || noCsp || live)) {
    return sendHtml(req, res, file, status, headers);
  }
  let serve = file;
  const accepts = req.headers['accept-encoding'] || '';
  if (/\bbr\b/.test(accepts) && fs.existsSync(file + '.br')) {
    serve = file + '.br';
    headers['Content-Encoding'] = 'br';
    headers['Vary'] = 'Accept-Encoding';
  } else if (/\bgzip\b/.test(accepts) && fs.existsSync(file + '.gz')) {
    serve = file + '.gz';
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  }
  let data = fs.readFileSync(serve);
  const text = /^(text\/|application\/(json|xml|javascript))/.test(type);
  if (compress && serve === file && text && /\bgzip\b/.test(accepts)) {
    data = zlib.gzipSync(data);
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  }
  headers['Content-Length'] = data.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : data);
}

/** An HTML page with the test hook in front, the live script, and/or its CSP taken out. */
function sendHtml(req, res, file, status, headers) {
  let html = fs.readFileSync(file, 'utf8');
  if (noCsp) html = html.replace(/<meta[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/gi, '');
  if (live) html = live.inject(html);
  if (hookFile) html = html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}<script src="${HOOK_PATH}"></script>`);
  const data = Buffer.from(html);
  res.writeHead(status, { ...headers, 'Content-Length': data.length });
  res.end(req.method === 'HEAD' ? undefined : data);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/__faults') {
    if (req.method === 'POST') faults = JSON.parse((await readBody(req)) || '[]');
    if (req.method === 'DELETE') faults = [];
    res.writeHead(204); res.end(); return;
  }
  if (url.pathname === '/__requests') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(requests)); return;
  }
  if (live && live.handle(req, res, url)) return;
  if (hookFile && url.pathname === HOOK_PATH) return send(req, res, path.resolve(hookFile), 200);
  requests.push(url.pathname);
  if (requests.length > 5000) requests.splice(0, 1000);
  const fault = faults.find((f) => url.pathname.includes(f.path) && (f.times === undefined || f.times > 0));
  if (fault) {
    if (fault.times !== undefined) fault.times -= 1;
    if (fault.hang) return; // never answer
    if (fault.reset) { req.socket.destroy(); return; }
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.status) {
      res.writeHead(fault.status, { 'Content-Type': 'text/plain' });
      res.end(fault.body ?? `injected ${fault.status}`); return;
    }
    if (fault.body !== undefined) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(fault.body); return;
    }
  }
  const file = fileFor(url.pathname);
  if (file) return send(req, res, file, 200);
  const fallback = mode === 'spa' ? 'index.html' : '404.html';
  const page = path.join(root, fallback);
  if (url.pathname.startsWith(mount) && fs.existsSync(page)) {
    return send(req, res, page, mode === 'spa' ? 200 : 404);
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
});

// A port something else holds: exit 3, and the caller tries another.
server.on('error', (error) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`sinmun: port ${port} is in use`);
  process.exit(3);
});
if (live) await live.start();
server.listen(port, '127.0.0.1', () => {
  console.log(`sinmun: serving ${root} at http://127.0.0.1:${port}${mount} (${mode} mode)`);
});
