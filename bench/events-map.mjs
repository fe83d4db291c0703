#!/usr/bin/env node
// The events map with 2,000 synthetic events, in Chromium: is every event clustered onto the map and
// does any main-thread task exceed 200 ms? Bundles a test page around the SAME module the site uses
// (src/components/events/events-map.ts + its CSS) with Vite in production mode, serves it, loads it,
// and records long tasks ('longtask' PerformanceObserver, tasks ≥ 50 ms) from page start to idle,
// then zooms in twice (re-clustering) and measures again.
// Usage: [PROFILE=desktop|phone] [RUNS=3] node bench/events-map.mjs [count=2000]   — exits 1 if a task exceeds 200 ms or nothing clustered.
import '../scripts/require-node.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { chromium, devices } from 'playwright-core';
import { chromiumOptions, serveStatic } from './events-serve.mjs';

const COUNT = Number(process.argv[2] ?? 2000);
const LIMIT_MS = 200;
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'xinghuo-events-map-'));

// Deterministic pseudo-random points over Qingdao's districts (WGS-84 box ≈ 35.6–37.0 N, 119.6–120.9 E).
const entry = `
import '${root}/node_modules/leaflet/dist/leaflet.css';
import '${root}/node_modules/leaflet.markercluster/dist/MarkerCluster.css';
import '${root}/src/components/events/events-map.css';
import { mountEventsMap } from '${root}/src/components/events/events-map.ts';
let seed = 42;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296);
const points = Array.from({ length: ${COUNT} }, (_, i) => ({
  lat: 35.6 + rnd() * 1.4, lng: 119.6 + rnd() * 1.3,
  title: '合成活动 ' + (i + 1), time: '2026年12月5日星期六 09:30–11:30', url: '/events/synthetic-' + i + '/', cancelled: i % 17 === 0,
}));
const el = document.querySelector('[data-map-canvas]');
const t0 = performance.now();
mountEventsMap(el, points, { tileUrl: '/tiles/{z}/{x}/{y}.png', attribution: 'test', maxZoom: 18, center: [36.3, 120.2], zoom: 9 })
  .then((m) => { window.__mounted = { ms: performance.now() - t0, markers: m.markerCount }; window.__map = m; });
`;
writeFileSync(join(work, 'main.js'), entry);
writeFileSync(
  join(work, 'index.html'),
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>map bench</title>
<script>window.__long = []; window.__at = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) { window.__long.push(e.duration); window.__at.push([Math.round(e.startTime), Math.round(e.duration)]); } }).observe({ type: 'longtask', buffered: true });</script>
<style>:root{--color-line:#ccc;--color-soft:#eee;--color-brand:#b3261e;--color-muted:#4a5260} body{margin:0}</style></head>
<body><div class="xh-map"><div class="xh-map-canvas" data-map-canvas style="height:700px"></div></div><script type="module" src="./main.js"></script></body></html>`,
);

await build({ root: work, logLevel: 'warn', build: { outDir: join(work, 'dist'), emptyOutDir: true }, configFile: false });

const server = await serveStatic(join(work, 'dist'), Number(process.env.PORT ?? 56397));
const browser = await chromium.launch(chromiumOptions);
let failed = false;
const RUNS = Number(process.env.RUNS ?? 3);
// Desktop draws clusters in a band one screen wide around the view (markercluster pads bounds on
// non-mobile browsers); a phone draws only what is on screen. Phones are most readers, desktop is the worst case.
const profiles = { desktop: { viewport: { width: 1000, height: 800 } }, phone: devices['Pixel 5'] };
const PROFILE = process.env.PROFILE ?? 'desktop';
const results = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.newContext(profiles[PROFILE]);
    const page = await context.newPage();
    await page.route('**/tiles/**', (r) => r.abort()); // tiles are not what we measure
    await page.goto(server.url + '/');
    await page.waitForFunction(() => window.__mounted, null, { timeout: 60_000 });
    // chunkedLoading adds markers over several frames: give it time, then count what is drawn.
    await page.waitForTimeout(1500);
    const placed = () =>
      page.evaluate(() => {
        const pins = document.querySelectorAll('.leaflet-marker-pane .xh-pin').length;
        const clusters = [...document.querySelectorAll('.leaflet-marker-pane .xh-cluster')];
        const inClusters = clusters.reduce((n, c) => n + Number.parseInt(c.textContent ?? '0', 10), 0);
        return { pins, clusters: clusters.length, inClusters };
      });
    const first = await placed();
    const mounted = await page.evaluate(() => window.__mounted);
    const initialLong = await page.evaluate(() => window.__long.slice());
    // Zoom in twice (the + control): re-clustering and drawing more markers is the other heavy moment.
    for (let i = 0; i < 2; i++) {
      await page.locator('.leaflet-control-zoom-in').click(); // a tap on phones
      await page.waitForTimeout(800);
    }
    const zoomed = await placed();
    const allLong = await page.evaluate(() => window.__long.slice());
    if (process.env.DEBUG) console.log(await page.evaluate(() => JSON.stringify({ long: window.__at, marks: performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]) })));
    const max = Math.max(0, ...allLong);
    results.push({ first, zoomed, max });
    console.log(
      `run ${run}: mounted in ${mounted.ms.toFixed(0)} ms (${mounted.markers} markers); initial view ${first.clusters} clusters holding ${first.inClusters} + ${first.pins} single pins; ` +
        `zoomed ×2: ${zoomed.clusters} clusters + ${zoomed.pins} pins in view; long tasks ≥50 ms: ${allLong.length} (initial ${initialLong.map((d) => d.toFixed(0)).join('/') || 'none'}), max ${max.toFixed(0)} ms`,
    );
    if (first.clusters === 0) (failed = true), console.error('FAIL: no clustering happened');
    if (first.inClusters + first.pins !== COUNT) (failed = true), console.error(`FAIL: ${first.inClusters + first.pins} of ${COUNT} events drawn in the initial view`);
    await context.close();
  }
  const worst = Math.max(...results.map((r) => r.max));
  const sorted = results.map((r) => r.max).sort((a, b) => a - b);
  console.log(`events: ${COUNT}; profile: ${PROFILE}; runs: ${RUNS}; longest main-thread task: worst ${worst.toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (limit ${LIMIT_MS} ms); load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} CPUs`);
  if (worst > LIMIT_MS) (failed = true), console.error(`FAIL: a main-thread task took ${worst.toFixed(0)} ms`);
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
