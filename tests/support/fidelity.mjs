// Body fidelity: does every word of an article's source text appear in the
// article as the app renders it?
//
//   node tests/support/fidelity.mjs --site <site-dir> [--every N] [--limit M]
//        [--offset K] [--json out.json] [--verbose]
//        [--dump-rendered texts.json | --from-rendered texts.json]
// (`--dump-rendered` saves each rendered text; `--from-rendered` recomputes the
// figures from such a file without a browser, to iterate on the extraction.)
//
// For each `data/articles/<slug>.json` of a converted site (sorted by slug;
// `--every N` keeps every Nth, starting at index `--offset`), the expected text
// is extracted from `body.source` (see `sourceText`), the article is rendered by
// the real app in Chromium (router navigation, no page reloads), and the text of
// `.article-body` is collected (see `RENDERED_TEXT`).
//
// WORD: a maximal run of Unicode letters, combining marks and digits
// (`[\p{L}\p{M}\p{N}]+`) after NFC normalisation; everything else separates words
// and is ignored (punctuation, symbols, whitespace). Case is kept.
//
// FOUND: the expected words are compared with the rendered text as an ordered
// sequence, not as a bag. Both sides are reduced to the stream of their word
// characters (separators dropped, so `**정책**은` and `<b>정책</b>은` compare
// equal however the tags split words) and aligned with a longest common
// subsequence (Myers' diff). An expected word is found when all its characters
// are matched, in order, by the rendered stream. A word left out of the
// alignment that occurs in the rendered text the alignment did not use was
// moved by the browser's parser (text inside <table> outside cells goes before
// the table): it is on screen, so it counts as found, and is reported as
// `moved`. Extra rendered text (alt text of broken images) never hurts. Every
// occurrence counts (a word used five times is expected five times).
//
// The figures: posts, words expected, words found, fidelity = found / expected,
// posts with every word found, posts with misses, and the worst posts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------
// Expected text

/** Elements whose content is not shown as text by a browser (as on the original site). */
const HIDDEN_CONTENT = ['script', 'style', 'title', 'template', 'noscript', 'iframe', 'noembed', 'noframes'];

/** Tags that do not separate words (`<b>정책</b>은` is one word on screen). */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font',
  'i', 'ins', 'kbd', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong',
  'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

/** Every HTML element name, current and obsolete (WHATWG), lower case. */
const HTML_ELEMENTS = new Set(`a abbr acronym address applet area article aside audio b base basefont bdi bdo
  bgsound big blink blockquote body br button canvas caption center cite code col colgroup data datalist dd
  del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset
  h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend
  li link listing main map mark marquee math menu menuitem meta meter multicol nav nextid nobr noembed
  noframes noscript object ol optgroup option output p param picture plaintext portal pre progress q rb rp
  rt rtc ruby s samp script search section select slot small source spacer span strike strong style sub
  summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr
  xmp`.split(/\s+/));

// What is markup: a browser's tokenizer takes `<` + ASCII letter up to the next
// `>` as a tag, whatever is inside. Of those, the source's words are taken to be
// markup when the tag names an HTML element (`<a href="x"target="y">`,
// `</h3\n<p …>`, `<h2 data=ke-size="x">` are typos in markup), or when it is a
// well-formed tag by CommonMark's grammar with an ASCII name (`<bold>`,
// `<unordered-list>`: invented elements). Anything else starting with `<` is
// text the author wrote (`<K-공감>`, `<AFP (24.5.30.)`): it stays expected, and
// if the browser swallows it as a tag, that is reported as a miss. A known
// element name glued to text (`</b는 언급을`, a closing tag without `>`) drops
// the tag name and keeps the text.
const BROWSER_TAG = /<(\/?)([A-Za-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>/y;
const ATTRIBUTE = String.raw`\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;
const COMMONMARK_TAG = new RegExp(String.raw`^(?:<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*\s*/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)$`);

const COMMONMARK_TAG_LINE = new RegExp(String.raw`^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*\s*/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$`);

/** Replace markup by '' (inline elements) or ' ' (others); keep text. */
function stripTags(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) { out += text.slice(i); break; }
    out += text.slice(i, lt);
    BROWSER_TAG.lastIndex = lt;
    const m = BROWSER_TAG.exec(text);
    const name = m ? m[2].toLowerCase() : '';
    if (m && (HTML_ELEMENTS.has(name) || (COMMONMARK_TAG.test(m[0]) && /^[a-z][a-z0-9-]*$/.test(name)))) {
      out += INLINE_TAGS.has(name) ? '' : ' ';
      i = lt + m[0].length;
      continue;
    }
    const glued = text.slice(lt).match(/^<\/?([A-Za-z][A-Za-z0-9]*)(?=[^\sA-Za-z0-9/>])/);
    if (glued && HTML_ELEMENTS.has(glued[1].toLowerCase())) {
      out += INLINE_TAGS.has(glued[1].toLowerCase()) ? '' : ' ';
      i = lt + glued[0].length;
      continue;
    }
    out += '<';
    i = lt + 1;
  }
  return out;
}

const NAMED_ENTITIES = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", middot: '·', hellip: '…',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', times: '×',
  rarr: '→', larr: '←', copy: '©', reg: '®', trade: '™', deg: '°', sup1: '¹', sup2: '²',
  sup3: '³', frac12: '½', frac14: '¼', frac34: '¾', eacute: 'é', uuml: 'ü', ouml: 'ö', auml: 'ä',
};

export function decodeEntities(text) {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]*));/g, (all, dec, hex, name) => {
    if (dec || hex) {
      const code = dec ? Number(dec) : parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED_ENTITIES[name] ?? all; // unknown names are shown as written
  });
}

/**
 * The text a reader should see of a body source. `format` is `markdown`,
 * `html` or `text` (the `body.format` of the article JSON).
 *
 * Markdown (CommonMark + raw HTML, as Jekyll posts are written):
 * - fenced code blocks: fence lines dropped, content kept verbatim; inline code
 *   spans: content kept verbatim (tags and entities in code are visible text);
 * - HTML comments, `<!DOCTYPE>`, `<?…?>`, CDATA dropped; the content of
 *   script/style/title/template/noscript/iframe/noembed/noframes dropped;
 * - images `![alt](url)` / `![alt][ref]` dropped (alt text is only shown when
 *   the image is broken); links `[text](url "title")` / `[text][ref]` keep their
 *   text only; reference definitions `[ref]: url` dropped; autolinks `<https://…>`
 *   keep the URL (it is the visible text); task-list markers `[ ]`/`[x]` dropped;
 * - tags matching CommonMark's raw-HTML grammar dropped (attributes, including
 *   `alt`, `title` and URLs, go with them); inline tags join, others separate;
 * - entities decoded after tags are dropped (`&lt;b&gt;` is visible text);
 * - emphasis markers and backslash escapes need no handling: they are not word
 *   characters.
 */
export function sourceText(source, format = 'markdown') {
  const text = String(source ?? '').replace(/\r\n?/g, '\n').normalize('NFC');
  if (format === 'text') return text;
  if (format === 'html') return markupText(text);
  // Block structure, as CommonMark sees it: fenced code (verbatim), raw HTML
  // blocks (no Markdown inside: backticks, brackets and fences are literal),
  // and Markdown paragraphs.
  const out = [];
  let fence = null;
  let html = null; // the end condition of the open HTML block
  let prose = [];
  let raw = [];
  const flushProse = () => { if (prose.length) out.push(markdownText(prose.join('\n'))); prose = []; };
  const flushRaw = () => { if (raw.length) out.push(markupText(raw.join('\n'))); raw = []; };
  for (const line of text.split('\n')) {
    if (fence) {
      const close = line.match(/^ {0,3}(`{3,}|~{3,})\s*$/);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) { fence = null; continue; }
      out.push(line);
      continue;
    }
    if (html) {
      raw.push(line);
      if (html === 'blank' ? /^\s*$/.test(line) : html.test(line)) { html = null; flushRaw(); }
      continue;
    }
    const open = line.match(/^ {0,3}(`{3,}|~{3,})/);
    if (open && !(open[1][0] === '`' && line.slice(line.indexOf(open[1]) + open[1].length).includes('`'))) {
      flushProse();
      fence = open[1];
      continue;
    }
    const inParagraph = prose.length > 0 && !/^\s*$/.test(prose[prose.length - 1]);
    const start = htmlBlockStart(line, inParagraph);
    if (start) {
      flushProse();
      raw.push(line);
      if (start === 'blank' ? false : start.test(line.slice(line.indexOf('<') + 1))) flushRaw();
      else html = start;
      continue;
    }
    prose.push(line);
  }
  flushProse();
  flushRaw();
  return out.join('\n');
}

// CommonMark 4.6: the start conditions of HTML blocks, and how each ends.
const HTML_BLOCK_TAGS = new Set(`address article aside base basefont blockquote body caption center col
  colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3
  h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p
  param search section summary table tbody td tfoot th thead title tr track ul`.split(/\s+/));

function htmlBlockStart(line, inParagraph) {
  const m = line.match(/^ {0,3}<(.*)$/);
  if (!m) return null;
  const rest = m[1];
  if (/^(script|pre|style|textarea)(\s|>|$)/i.test(rest)) return /<\/(script|pre|style|textarea)>/i;
  if (rest.startsWith('!--')) return /-->/;
  if (rest.startsWith('?')) return /\?>/;
  if (/^![A-Za-z]/.test(rest)) return />/;
  if (rest.startsWith('![CDATA[')) return /\]\]>/;
  const tag = rest.match(/^\/?([A-Za-z][A-Za-z0-9-]*)(\s|\/?>|$)/);
  if (tag && HTML_BLOCK_TAGS.has(tag[1].toLowerCase())) return 'blank';
  if (!inParagraph && COMMONMARK_TAG_LINE.test(line)) return 'blank';
  return null;
}

function markdownText(text) {
  // Inline code spans are verbatim; protect them from the markup passes.
  const code = [];
  let t = text.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_, ticks, content) => {
    code.push(content);
    return `\u0000${code.length - 1}\u0000`;
  });
  t = t
    // images, inline and by reference (before links: `[![alt](img)](url)`)
    .replace(/!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g, ' ')
    .replace(/!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\[[^\]]*\]/g, ' ')
    // links: keep the text
    .replace(/\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g, '$1')
    .replace(/\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\[[^\]]*\]/g, '$1')
    // reference definitions (not footnotes)
    .replace(/^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+.*$/gm, '')
    // ordered-list numbers (the browser draws them; they are not text)
    .replace(/^((?:[ \t]*>)*[ \t]*(?:[-*+][ \t]+)*)\d{1,9}[.)](?=[ \t]|$)/gm, '$1')
    // task-list markers
    .replace(/^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s/gm, '$1')
    // autolinks: the URL is the link text
    .replace(/<((?:https?|ftp|mailto):[^<>\s]*)>/gi, ' $1 ')
    .replace(/<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+)>/g, ' $1 ');
  t = markupText(t);
  return t.replace(/\u0000(\d+)\u0000/g, (_, i) => code[Number(i)]);
}

function markupText(text) {
  let t = text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<![A-Za-z][^>]*>/g, ' ')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ' ')
    .replace(/<\?[\s\S]*?\?>/g, ' ');
  for (const name of HIDDEN_CONTENT) {
    t = t.replace(new RegExp(String.raw`<${name}\b[^>]*>[\s\S]*?<\/${name}\s*>`, 'gi'), ' ');
  }
  return decodeEntities(stripTags(t));
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The words of a text: maximal runs of letters, marks and digits (NFC). */
export function words(text) {
  return String(text).normalize('NFC').match(WORD) ?? [];
}

// ---------------------------------------------------------------------------
// Matching

/** Marks, for each element of `a`, whether a longest common subsequence with `b` uses it. */
function lcsMask(a, b, maxD) {
  const n = a.length;
  const m = b.length;
  const matched = new Uint8Array(n);
  const matchedB = new Uint8Array(m);
  let start = 0;
  while (start < n && start < m && a[start] === b[start]) matched[start] = matchedB[start] = 1, start++;
  let endA = n;
  let endB = m;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) matched[--endA] = matchedB[--endB] = 1;
  const A = a.slice(start, endA);
  const B = b.slice(start, endB);
  const N = A.length;
  const M = B.length;
  if (N === 0 || M === 0) return { matched, matchedB, exact: true };
  const max = Math.min(N + M, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace = [];
  let final = -1;
  for (let d = 0; d <= max && final < 0; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
        ? v[offset + k + 1]
        : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < N && y < M && A[x] === B[y]) x++, y++;
      v[offset + k] = x;
      if (x >= N && y >= M) { final = d; break; }
    }
  }
  if (final < 0) return { matched: null, exact: false };
  let x = N;
  let y = M;
  for (let d = final; d > 0; d--) {
    const prev = trace[d]; // V after step d-1, indices -d..d
    const at = (k) => prev[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; matched[start + x] = matchedB[start + y] = 1; }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) { x--; y--; matched[start + x] = matchedB[start + y] = 1; }
  return { matched, matchedB, exact: true };
}

/**
 * Compare expected words with rendered text. Returns counts and the missing
 * words (`moved`: out of order but on screen; counted as found).
 */
export function compareWords(expectedWords, renderedText, { maxD = 6000 } = {}) {
  const renderedWords = words(renderedText);
  const a = [];
  const owner = [];
  expectedWords.forEach((w, i) => { for (const c of w) { a.push(c); owner.push(i); } });
  const b = [];
  for (const w of renderedWords) for (const c of w) b.push(c);
  const { matched, matchedB, exact } = lcsMask(a, b, maxD);
  const found = new Uint8Array(expectedWords.length).fill(1);
  if (matched) {
    for (let j = 0; j < a.length; j++) if (!matched[j]) found[owner[j]] = 0;
  } else {
    // Too different for the diff budget: fall back to a bag of words.
    const bag = new Map();
    for (const w of renderedWords) bag.set(w, (bag.get(w) ?? 0) + 1);
    expectedWords.forEach((w, i) => {
      const left = bag.get(w) ?? 0;
      if (left > 0) bag.set(w, left - 1); else found[i] = 0;
    });
  }
  // Rendered text the alignment did not use: a missing word found there was
  // moved by the browser (e.g. text inside <table> but outside cells is put
  // before the table). It is on screen, so it counts as found, and is reported.
  let residue = matchedB ? b.map((c, j) => (matchedB[j] ? '\u0001' : c)).join('') : '';
  const missing = [];
  let moved = 0;
  expectedWords.forEach((w, i) => {
    if (found[i]) return;
    const at = residue.indexOf(w);
    if (at >= 0) {
      residue = residue.slice(0, at) + '\u0001'.repeat(w.length) + residue.slice(at + w.length);
      moved++;
    }
    missing.push({ index: i, word: w, moved: at >= 0 });
  });
  const lost = missing.filter((m) => !m.moved).length;
  return { expected: expectedWords.length, found: expectedWords.length - lost, moved, missing, exact };
}

// ---------------------------------------------------------------------------
// Rendering

/**
 * Runs in the page: the text of `.article-body`;
 * block elements and `<br>` separate words, inline elements do not. Broken
 * images are `<span class="image-missing">alt</span>` and count as text. The
 * content of a closed `<details>` counts (a reader can open it).
 */
const RENDERED_TEXT = (inline) => {
  const body = document.querySelector('article .article-body');
  if (!body) return null;
  const inlineTags = new Set(inline);
  let out = '';
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) out += child.data;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.localName;
        if (tag === 'script' || tag === 'style' || tag === 'template') continue;
        const block = !inlineTags.has(tag);
        if (block) out += ' ';
        walk(child);
        if (block) out += ' ';
      }
    }
  };
  walk(body);
  return out;
};

// Router navigation (no reload): `history.pushState` + `popstate`.
const PAGE_NAVIGATE = (url) => {
  const old = document.querySelector('article .article-body');
  if (old) old.dataset.fidelityOld = '1';
  history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
};

const PAGE_LEFT_ARTICLE = () => !document.querySelector('article .article-body');

const PAGE_READY = ({ title }) => {
  const squash = (s) => String(s).replace(/\s+/g, ' ').trim();
  const body = document.querySelector('article .article-body');
  if (!body || body.dataset.fidelityOld) {
    // a "not found" or error panel is also an answer
    const panel = document.querySelector('main .status-error, main .status-not-found');
    return panel && !document.querySelector('article .article-body:not([data-fidelity-old])') ? 'panel' : false;
  }
  const h1 = document.querySelector('article h1');
  // The body renders after the title (its sanitiser and styles load on first
  // use); the container marks a finished render with its ticket.
  const done = body.dataset.sinmunRendered && body.dataset.sinmunRendered === body.dataset.sinmunRender;
  return h1 && done && squash(h1.textContent) === squash(title) ? 'article' : false;
};

function listArticles(site) {
  const dir = path.join(site, 'data', 'articles');
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function basePathOf(site) {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(site, 'config.json'), 'utf8'));
    return config.base_path || '/';
  } catch {
    return '/';
  }
}

/**
 * Check the articles of a converted site. `browser` is a Playwright browser;
 * `startServer` is tests/e2e/helpers.mjs's. Returns the figures and per-post results.
 */
export async function checkSite({
  site, browser, startServer, every = 1, offset = 0, limit = Infinity, timeoutMs = 15000,
  onProgress = () => {}, rendered: renderedCache = null,
}) {
  const slugs = listArticles(site).filter((_, i) => i >= offset && (i - offset) % every === 0).slice(0, limit);
  const mount = basePathOf(site);
  if (renderedCache?.replay) return replay({ site, slugs, renderedCache, every, offset, limit });
  const server = await startServer({ root: site, mode: 'pages', mount });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const origin = new URL(server.url('/')).origin;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.origin === origin ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const started = Date.now();
  const posts = [];
  try {
    await page.goto(server.url('/'));
    await page.locator('main').waitFor();
    for (const [n, slug] of slugs.entries()) {
      const article = JSON.parse(fs.readFileSync(path.join(site, 'data', 'articles', `${slug}.json`), 'utf8'));
      const expectedText = sourceText(article.body.source, article.body.format);
      const expected = words(expectedText);
      const url = `${mount.replace(/\/$/, '')}/posts/${encodeURIComponent(slug)}`;
      let rendered = null;
      let problem = null;
      try {
        // Leave the article view first, so that every article gets a freshly
        // mounted view (builds before b18e0a1 kept the previous body when going
        // straight from one article to another).
        await page.evaluate(PAGE_NAVIGATE, `${mount}__fidelity__/`);
        await page.waitForFunction(PAGE_LEFT_ARTICLE, null, { timeout: timeoutMs, polling: 'raf' });
        await page.evaluate(PAGE_NAVIGATE, url);
        const state = await (await page.waitForFunction(PAGE_READY, { title: article.title }, { timeout: timeoutMs, polling: 'raf' })).jsonValue();
        if (state === 'article') {
          if (await page.locator('article .body-warning').count()) problem = 'text-only fallback (sanitiser failed)';
          rendered = await page.evaluate(RENDERED_TEXT, [...INLINE_TAGS]);
        } else {
          problem = 'article did not render (error or not-found panel)';
        }
      } catch (e) {
        problem = `timeout: ${String(e.message).split('\n')[0]}`;
      }
      if (renderedCache) renderedCache.texts[slug] = { rendered, problem };
      const result = compareWords(expected, rendered ?? '');
      posts.push({
        slug, title: article.title, format: article.body.format, problem,
        expected: result.expected, found: result.found, moved: result.moved, exact: result.exact,
        missing: result.missing,
      });
      onProgress(n + 1, slugs.length, posts[posts.length - 1]);
    }
  } finally {
    await context.close();
    server.close();
  }
  return summarize(posts, { site, every, offset, limit, seconds: (Date.now() - started) / 1000, pageErrors: errors });
}

/** Recompute the figures from saved rendered texts (`--from-rendered`): no browser. */
function replay({ site, slugs, renderedCache, every, offset, limit }) {
  const started = Date.now();
  const posts = [];
  for (const slug of slugs) {
    const saved = renderedCache.texts[slug];
    if (!saved) continue;
    const article = JSON.parse(fs.readFileSync(path.join(site, 'data', 'articles', `${slug}.json`), 'utf8'));
    const expected = words(sourceText(article.body.source, article.body.format));
    const result = compareWords(expected, saved.rendered ?? '');
    posts.push({
      slug, title: article.title, format: article.body.format, problem: saved.problem,
      expected: result.expected, found: result.found, moved: result.moved, exact: result.exact,
      missing: result.missing,
    });
  }
  return summarize(posts, { site, every, offset, limit, seconds: (Date.now() - started) / 1000, replayed: true });
}

export function summarize(posts, meta = {}) {
  const expected = posts.reduce((s, p) => s + p.expected, 0);
  const found = posts.reduce((s, p) => s + p.found, 0);
  const withMisses = posts.filter((p) => p.found < p.expected || p.problem);
  const worst = [...withMisses].sort((x, y) => (y.expected - y.found) - (x.expected - x.found) || (x.slug < y.slug ? -1 : 1));
  const moved = posts.reduce((s, p) => s + (p.moved ?? 0), 0);
  const lostWords = (p) => p.missing.filter((m) => !m.moved).map((m) => m.word);
  return {
    ...meta,
    posts: posts.length,
    wordsExpected: expected,
    wordsFound: found,
    fidelity: expected ? found / expected : 1,
    postsComplete: posts.length - withMisses.length,
    postsWithMisses: withMisses.length,
    wordsMoved: moved,
    problems: posts.filter((p) => p.problem).map((p) => ({ slug: p.slug, problem: p.problem })),
    // Per post only where something is missing (the JSON stays small).
    results: withMisses.map((p) => ({ ...p, missing: lostWords(p) })),
    worst: worst.slice(0, 10).map((p) => ({
      slug: p.slug, title: p.title, expected: p.expected, found: p.found, problem: p.problem,
      missing: lostWords(p).slice(0, 12),
    })),
  };
}

export function formatSummary(s) {
  const pct = (x) => `${(100 * x).toFixed(4)}%`;
  const lines = [
    `body fidelity: ${s.posts} posts, ${s.wordsFound}/${s.wordsExpected} words found = ${pct(s.fidelity)}`,
    `  posts complete: ${s.postsComplete}, posts with misses: ${s.postsWithMisses}` +
      (s.wordsMoved ? `, words found out of order (moved by the parser): ${s.wordsMoved}` : '') +
      (s.seconds != null ? `, ${s.seconds.toFixed(1)} s` : ''),
  ];
  if (s.problems.length) lines.push(`  render problems: ${s.problems.length} (${s.problems.slice(0, 5).map((p) => `${p.slug}: ${p.problem}`).join('; ')})`);
  if (s.worst.length) lines.push('  worst posts:');
  for (const w of s.worst) {
    lines.push(`    ${w.slug}: ${w.found}/${w.expected}${w.problem ? ` [${w.problem}]` : ''} missing: ${w.missing.join(' ')}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// CLI

async function main(argv) {
  const option = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
  };
  const site = option('--site');
  if (!site) {
    console.error('usage: node tests/support/fidelity.mjs --site <site-dir> [--every N] [--offset K] [--limit M] [--json out.json]');
    process.exit(2);
  }
  const { launch, startServer } = await import('../e2e/helpers.mjs');
  const browser = argv.includes('--from-rendered') ? { close: async () => {} } : await launch();
  const verbose = argv.includes('--verbose');
  let lastReport = 0;
  const fromRendered = option('--from-rendered');
  const dumpRendered = option('--dump-rendered');
  const rendered = fromRendered
    ? { replay: true, texts: JSON.parse(fs.readFileSync(fromRendered, 'utf8')) }
    : dumpRendered ? { texts: {} } : null;
  try {
    const summary = await checkSite({
      rendered,
      site: path.resolve(site),
      browser,
      startServer,
      every: Number(option('--every', '1')),
      offset: Number(option('--offset', '0')),
      limit: Number(option('--limit', 'Infinity')),
      onProgress: (n, total, post) => {
        if (verbose && post.found < post.expected) {
          console.error(`${post.slug}: ${post.found}/${post.expected} missing: ${post.missing.filter((m) => !m.moved).map((m) => m.word).join(' ')}`);
        }
        if (Date.now() - lastReport > 10000 || n === total) {
          lastReport = Date.now();
          console.error(`  ${n}/${total}`);
        }
      },
    });
    console.log(formatSummary(summary));
    if (dumpRendered && !fromRendered) fs.writeFileSync(dumpRendered, JSON.stringify(rendered.texts));
    const out = option('--json');
    if (out) {
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, JSON.stringify(summary, null, 1));
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => { console.error(e); process.exit(1); });
}
