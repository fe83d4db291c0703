#!/usr/bin/env node
// Bytes a reader's phone downloads per page type, measured on the built site (dist/ by default):
// gzip of the HTML, of the stylesheets it links, and of the JavaScript it runs before any interaction
// (<script src>, Astro islands' component/renderer modules, <link rel=modulepreload>, and their static
// imports; dynamic import() on click/search is NOT counted — that is the point of loading on demand).
// Inline <script> is already inside the HTML bytes; its raw size is shown separately.
// Usage: node bench/page-weight.mjs [distDir]   — exits 1 if a budget from DESIGN.md / issue 2 is exceeded.
import '../scripts/require-node.mjs';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = resolve(process.argv[2] ?? 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No built site at ${dist}; run \`npm run build\` first.`);
  process.exit(2);
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const fileFor = (url) => join(dist, decodeURIComponent(url.split(/[?#]/)[0]));
const attr = (tag, name) => new RegExp(`\\s${name}=["']([^"']*)["']`, 'i').exec(tag)?.[1];

/** First page in dist/<dir>/ that is a sub-directory with an index.html (e.g. the first article). */
function firstChildPage(dir, skip = []) {
  const base = join(dist, dir);
  if (!existsSync(base)) return undefined;
  for (const name of readdirSync(base).sort()) {
    if (skip.includes(name)) continue;
    const candidate = join(base, name, 'index.html');
    if (statSync(join(base, name)).isDirectory() && existsSync(candidate)) return `/${dir}/${name}/`;
  }
  return undefined;
}

/** A JS module plus everything it statically imports (what the browser fetches before running it). */
function jsClosure(url, seen) {
  if (seen.has(url)) return;
  const file = fileFor(url);
  if (!existsSync(file)) return;
  seen.add(url);
  const src = readFileSync(file, 'utf8');
  const staticImport = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g;
  for (const m of src.matchAll(staticImport)) {
    const spec = m[1];
    if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
    jsClosure(spec.startsWith('/') ? spec : new URL(spec, `http://x${url}`).pathname, seen);
  }
}

function measure(path) {
  const htmlFile = join(dist, path, 'index.html');
  const html = readFileSync(htmlFile);
  const text = html.toString('utf8');
  const css = new Set();
  const js = new Set();
  for (const [tag] of text.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel') ?? '';
    const href = attr(tag, 'href');
    if (!href || /^https?:/.test(href)) continue;
    if (rel.includes('stylesheet')) css.add(href);
    if (rel.includes('modulepreload')) jsClosure(href, js);
  }
  for (const [tag] of text.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && !/^https?:/.test(src)) jsClosure(src, js);
  }
  for (const [tag] of text.matchAll(/<astro-island\b[^>]*>/gi)) {
    for (const name of ['component-url', 'renderer-url']) {
      const u = attr(tag, name);
      if (u) jsClosure(u, js);
    }
  }
  const inlineJs = [...text.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/type=["']application\/(ld\+)?json/i.test(m[0]))
    .reduce((n, m) => n + Buffer.byteLength(m[1]), 0);
  const sum = (urls) => [...urls].reduce((n, u) => n + gz(readFileSync(fileFor(u))), 0);
  const htmlGz = gz(html);
  const cssGz = sum(css);
  const jsGz = sum(js);
  return { path, htmlGz, cssGz, jsGz, inlineJs, jsFiles: js.size, total: htmlGz + cssGz + jsGz };
}

const KB = 1024;
// Budgets: DESIGN.md (article ≤ 25 KB HTML+CSS, map page JS+CSS ≤ 80 KB) and issue 2 (article JS ≤ 2 KB before interaction).
const types = [
  { name: 'home', path: '/' },
  { name: 'article list', path: '/articles/' },
  { name: 'type filter', path: firstChildPage('articles/type') },
  { name: 'article', path: firstChildPage('articles', ['type', 'audience']),
    budget: (m) => [[m.htmlGz + m.cssGz <= 25 * KB, 'HTML+CSS ≤ 25 KB'], [m.jsGz + m.inlineJs <= 2 * KB, 'JS ≤ 2 KB']] },
  { name: 'article (heaviest)', path: heaviestArticle(),
    budget: (m) => [[m.htmlGz + m.cssGz <= 25 * KB, 'HTML+CSS ≤ 25 KB'], [m.jsGz + m.inlineJs <= 2 * KB, 'JS ≤ 2 KB']] },
  { name: 'print', path: (() => { const a = firstChildPage('articles', ['type', 'audience']); return a && existsSync(join(dist, a, 'print/index.html')) ? `${a}print/` : undefined; })() },
  { name: 'search', path: '/search/' },
  { name: 'events list', path: existsSync(join(dist, 'events/index.html')) ? '/events/' : undefined,
    budget: (m) => [[m.jsGz + m.cssGz <= 80 * KB, 'JS+CSS ≤ 80 KB']] },
  // The event page with the most JavaScript (an upcoming event carries the sign-up island).
  { name: 'event page', path: heaviestChild('events', ['audience', 'district', 'past'], (m) => m.jsGz) },
];

function heaviestChild(dir, skip, score) {
  const base = join(dist, dir);
  if (!existsSync(base)) return undefined;
  let best;
  for (const name of readdirSync(base).sort()) {
    if (skip.includes(name) || !existsSync(join(base, name, 'index.html'))) continue;
    const m = measure(`/${dir}/${name}/`);
    if (!best || score(m) > best.score) best = { score: score(m), path: m.path };
  }
  return best?.path;
}

/** The article whose HTML is largest once gzipped: the one most likely to break the budget. */
function heaviestArticle() {
  const base = join(dist, 'articles');
  let best;
  for (const name of readdirSync(base)) {
    if (name === 'type' || name === 'audience') continue;
    const f = join(base, name, 'index.html');
    if (!existsSync(f)) continue;
    const size = gz(readFileSync(f));
    if (!best || size > best.size) best = { size, path: `/articles/${name}/` };
  }
  return best?.path;
}

const rows = [];
let failed = 0;
for (const t of types) {
  if (!t.path) { rows.push({ type: t.name, path: '(not built)' }); continue; }
  const m = measure(t.path);
  const checks = t.budget ? t.budget(m) : [];
  const verdict = checks.length ? checks.map(([ok, what]) => `${ok ? 'ok' : 'OVER'} ${what}`).join('; ') : '–';
  failed += checks.filter(([ok]) => !ok).length;
  rows.push({ type: t.name, path: m.path, 'HTML gz': m.htmlGz, 'CSS gz': m.cssGz, 'JS gz (files)': `${m.jsGz} (${m.jsFiles})`,
    'inline JS raw': m.inlineJs, 'total gz': m.total, budget: verdict });
}

const cols = ['type', 'path', 'HTML gz', 'CSS gz', 'JS gz (files)', 'inline JS raw', 'total gz', 'budget'];
console.log(`Page weight of ${dist} (bytes; gzip -9)\n`);
console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => ' --- ').join('|')}|`);
for (const r of rows) console.log(`| ${cols.map((c) => r[c] ?? '').join(' | ')} |`);
console.log(failed ? `\n${failed} budget(s) exceeded` : '\nall budgets met');
process.exit(failed ? 1 : 0);
