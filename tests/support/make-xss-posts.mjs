// Turns the XSS corpus into a Jekyll source folder for the converter.
//
//   node tests/support/make-xss-posts.mjs <vectors.json> <out-dir>
//
// Writes <out-dir>/_config.yml and <out-dir>/_posts/, two posts per vector:
//   2024-01-01-<id>-md.md     Markdown body; the vector is also the title, the
//                             front-matter excerpt and the feature_text (banner)
//   2024-01-01-<id>-html.html HTML body
// so every vector reaches the app through a Markdown body, an HTML body, the
// banner, the title and the excerpt. Slugs are `<id>-md` and `<id>-html`
// (ids are lowercase kebab-case, which slugify leaves as they are). Dates are
// 2024-01-01 plus i minutes (front-matter `date`), so the order is fixed.
// Front-matter values are written as JSON strings (JSON is YAML), with every
// non-ASCII character escaped so no YAML line-break rules apply.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A double-quoted YAML scalar holding exactly `text`. */
export function yamlString(text) {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The posts for `vectors`: [{ file, slug, id, channel, text }]. */
export function xssPosts(vectors) {
  const posts = [];
  vectors.forEach(({ id, vector }, i) => {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`vector id ${JSON.stringify(id)} is not kebab-case`);
    const minutes = i * 2;
    const date = (m) => `2024-01-01 ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
    posts.push({
      id, channel: 'md', slug: `${id}-md`, file: `2024-01-01-${id}-md.md`,
      text: [
        '---',
        `title: ${yamlString(vector)}`,
        `date: ${yamlString(date(minutes))}`,
        `excerpt: ${yamlString(vector)}`,
        `feature_text: ${yamlString(vector)}`,
        `categories: ["xss-md"]`,
        '---',
        `VECTOR:${id}`,
        '',
        vector,
        '',
      ].join('\n'),
    });
    posts.push({
      id, channel: 'html', slug: `${id}-html`, file: `2024-01-01-${id}-html.html`,
      text: [
        '---',
        `title: ${yamlString(`VECTOR:${id} (HTML body)`)}`,
        `date: ${yamlString(date(minutes + 1))}`,
        `categories: ["xss-html"]`,
        '---',
        `<p>VECTOR:${id}</p>`,
        vector,
        '',
      ].join('\n'),
    });
  });
  return posts;
}

export function writeXssSource(vectorsFile, outDir) {
  const vectors = JSON.parse(fs.readFileSync(vectorsFile, 'utf8'));
  const postsDir = path.join(outDir, '_posts');
  fs.rmSync(postsDir, { recursive: true, force: true });
  fs.mkdirSync(postsDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, '_config.yml'),
    'title: "XSS"\ndescription: "XSS test corpus"\nlang: en\npaginate: 50\ntimezone: UTC\npermalink: pretty\n');
  const posts = xssPosts(vectors);
  for (const post of posts) fs.writeFileSync(path.join(postsDir, post.file), post.text);
  return posts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [vectorsFile, outDir] = process.argv.slice(2);
  if (!vectorsFile || !outDir) {
    console.error('usage: node make-xss-posts.mjs <vectors.json> <out-dir>');
    process.exit(2);
  }
  const posts = writeXssSource(vectorsFile, outDir);
  console.log(`wrote ${posts.length} posts to ${path.join(outDir, '_posts')}`);
}
