#!/usr/bin/env node
// What a phone downloads to see /events/ WITH the map drawn: gzip of every JS and CSS file the page
// fetches (including Leaflet, loaded by dynamic import when the map scrolls into view) plus inline
// <style>/<script> in the HTML. Map tiles are images from a third party and are not counted.
// Usage: node bench/events-weight.mjs [distDir]   — exits 1 above the 80 KB budget (DESIGN.md).
import '../scripts/require-node.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumOptions, serveStatic } from './events-serve.mjs';

const BUDGET = 80 * 1024;
const dist = resolve(process.argv[2] ?? 'dist');
if (!existsSync(join(dist, 'events', 'index.html'))) {
  console.error(`No built /events/ page in ${dist}; run \`npm run build\` first.`);
  process.exit(2);
}
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

const server = await serveStatic(dist, Number(process.env.PORT ?? 56398));
const browser = await chromium.launch(chromiumOptions);
try {
  const page = await browser.newPage();
  const files = new Map();
  page.on('response', async (res) => {
    const type = res.request().resourceType();
    if ((type === 'script' || type === 'stylesheet') && res.url().startsWith(server.url)) {
      files.set(new URL(res.url()).pathname, { type, gzip: gz(await res.body()) });
    }
  });
  await page.route((url) => !url.href.startsWith(server.url), (route) => route.abort()); // no tiles offline
  await page.goto(`${server.url}/events/`);
  await page.locator('[data-events-map]').scrollIntoViewIfNeeded();
  await page.locator('[data-events-map][data-ready="true"]').waitFor({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');

  const html = readFileSync(join(dist, 'events', 'index.html'), 'utf8');
  const inline = (tag) => [...html.matchAll(new RegExp(`<${tag}\\b(?![^>]*\\bsrc=)[^>]*>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) => m[1]).join('\n');
  const inlineCss = gz(Buffer.from(inline('style')));
  const inlineJs = gz(Buffer.from(inline('script')));
  const sum = (t) => [...files.values()].filter((f) => f.type === t).reduce((n, f) => n + f.gzip, 0);
  const js = sum('script') + inlineJs;
  const css = sum('stylesheet') + inlineCss;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log('file (gzip -9)');
  for (const [path, f] of [...files].sort((a, b) => b[1].gzip - a[1].gzip)) console.log(`  ${kb(f.gzip).padStart(9)}  ${f.type.padEnd(10)} ${path}`);
  console.log(`  ${kb(inlineJs).padStart(9)}  inline js`);
  console.log(`  ${kb(inlineCss).padStart(9)}  inline css`);
  console.log(`/events/ with map: JS ${kb(js)} + CSS ${kb(css)} = ${kb(js + css)} gzip (budget ${kb(BUDGET)})`);
  process.exitCode = js + css > BUDGET ? 1 : 0;
} finally {
  await browser.close();
  await server.close();
}
