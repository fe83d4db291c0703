#!/usr/bin/env node
// Sign-up under load, through the real HTTP API of a fresh local stack (ports 56400 DB / 56401 API):
// 500 simultaneous sign-ups (500 different phones and client addresses) for 30 places, each holding
// a place as pending, then all 500 SMS codes (read from the outbox) entered at once, repeated --runs
// times; prints p50/p95/max latency of the holds and of the codes, and confirmed/waitlisted/errors
// after the codes. Then the same burst
// against a copy of sign_up WITHOUT the event-row lock (the control: it should overbook), and the
// gzip size of the sign-up islands as a built page loads them (before interaction, and on demand).
// The load generator is a worker thread (node:http, keep-alive), not the gateway's own thread.
// Usage: npm exec -- node bench/signup-load.mjs [--runs 5] [--steady 100] [--dist dist] [--size-only]
import '../scripts/require-node.mjs';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import pg from 'pg';
import { startStack } from '../supabase/local/stack.mjs';
import { anonKey } from '../supabase/local/keys.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 5));
const STEADY_PER_SECOND = Number(arg('steady', 100));
const PEOPLE = 500;
const SLOTS = 30;
const dist = resolve(arg('dist', 'dist'));

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// One sign-up call from `localAddress` (a 127.x.y.z loopback address): the gateway takes the client
// address from the socket, as a proxy would, so distinct source addresses are distinct volunteers for
// the per-client rate limit.
const post = (agent, apiUrl, fn, args, localAddress) => new Promise((resolveResult) => {
  const body = JSON.stringify(args);
  const req = http.request(`${apiUrl}/rest/v1/rpc/${fn}`, {
    method: 'POST', agent, localAddress,
    headers: { apikey: anonKey, Authorization: `Bearer ${anonKey}`, 'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body) },
  }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      let parsed = null;
      try { parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* counted as an error below */ }
      resolveResult({ status: res.statusCode, body: parsed });
    });
  });
  req.on('error', (e) => resolveResult({ status: 0, body: { message: e.message } }));
  req.end(body);
});

// The load generator runs in a worker thread with plain node:http and a keep-alive agent: every
// client-side JSON parse and socket callback in the main thread would delay the stack's own work,
// and fetch() costs several times more CPU per request. Real volunteers' phones are not on the
// server's cores; here the generator at least gets its own thread.
function loadWorker() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: PEOPLE });
  // Each request timed; the same shape for both phases. All at once, or paced at `perSecond`.
  async function timed(calls, perSecond = Infinity) {
    const latencies = [];
    const t0 = performance.now();
    const send = async ({ apiUrl, fn, args, ip }) => {
      const start = performance.now();
      const r = await post(agent, apiUrl, fn, args, ip);
      latencies.push(performance.now() - start);
      return r;
    };
    const paced = (call, i) => new Promise((done) => setTimeout(() => done(send(call)), (i * 1000) / perSecond));
    const results = await Promise.all(calls.map(Number.isFinite(perSecond) ? paced : send));
    return { latencies, wall: performance.now() - t0, results };
  }
  parentPort.on('message', async (job) => {
    if (job.kind === 'hold') {
      const { apiUrl, fn, slug, run, count = PEOPLE, perSecond } = job;
      const people = Array.from({ length: count }, (_, i) => ({ requestId: randomUUID(), ip: `127.${run}.${i >> 8}.${i & 255}`,
        phone: `13${run % 7 + 3}${String(run * 1000 + i).padStart(8, '0')}` }));
      const { latencies, wall, results } = await timed(people.map((p) => ({ apiUrl, fn, ip: p.ip, args: {
        p_request_id: p.requestId, p_event_slug: slug, p_role: 'volunteer', p_name: '压测志愿者', p_phone: p.phone,
        p_organisation: '', p_consent: true, p_consent_version: '2026-11', p_website: '' } })), perSecond);
      parentPort.postMessage({ latencies, wall, people, errors: results.filter((r) => r.status !== 200 || r.body?.status !== 'pending').length });
    } else {
      const { latencies, wall, results } = await timed(job.people.map((p) => ({ apiUrl: job.apiUrl, fn: 'verify_signup', ip: p.ip,
        args: { p_request_id: p.requestId, p_code: p.code } })), job.perSecond);
      const count = (f) => results.filter(f).length;
      parentPort.postMessage({
        latencies, wall,
        confirmed: count((r) => r.status === 200 && r.body?.status === 'confirmed'),
        waitlisted: count((r) => r.status === 200 && r.body?.status === 'waitlisted'),
        errors: count((r) => r.status !== 200 || r.body?.verified !== true),
      });
    }
  });
}

let worker;
function ask(job) {
  worker ??= new Worker(new URL(import.meta.url), { argv: process.argv.slice(2) });
  const answer = new Promise((resolveAnswer, reject) => {
    worker.once('message', resolveAnswer);
    worker.once('error', reject);
  });
  worker.postMessage(job);
  return answer.finally(() => worker.removeAllListeners('error'));
}

const summary = (latencies) => {
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: latencies.at(-1) };
};

/**
 * 500 holds at once, then their 500 codes at once (each code as its SMS carries it, from the outbox);
 * or `count` holds paced at `perSecond`, then their codes at the same pace.
 */
async function burst(db, apiUrl, fn, slug, run, { count = PEOPLE, perSecond = Infinity } = {}) {
  const hold = await ask({ kind: 'hold', apiUrl, fn, slug, run, count, perSecond });
  const { rows } = await db.query(
    `select x.rid, m.params ->> 'code' as code from unnest($1::uuid[]) as x(rid)
     join xinghuo.signups s on s.request_id_hash = xinghuo.signup_hmac('request-id', x.rid)
     join xinghuo.messages m on m.idempotency_key = 'code:' || s.id`, [hold.people.map((p) => p.requestId)]);
  const codes = new Map(rows.map((r) => [r.rid, r.code]));
  const verify = await ask({ kind: 'verify', apiUrl, perSecond, people: hold.people.map((p) => ({ ...p, code: codes.get(p.requestId) ?? '000000' })) });
  const h = summary(hold.latencies);
  const v = summary(verify.latencies);
  return { confirmed: verify.confirmed, waitlisted: verify.waitlisted, errors: hold.errors + verify.errors,
    p50: h.p50, p95: h.p95, max: h.max, wall: hold.wall, verifyP50: v.p50, verifyP95: v.p95, verifyWall: verify.wall };
}

/** A module plus its static imports, as the browser fetches them before the island runs. */
function jsClosure(file, seen = new Set()) {
  if (seen.has(file) || !existsSync(file)) return seen;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    jsClosure(resolve(file, '..', m[1]), seen);
  }
  return seen;
}

const gzipSize = (buf) => gzipSync(buf, { level: 9 }).length;

/** Chunks an island fetches later by dynamic import (on mount, on focus, on submit). */
function lazyClosure(files) {
  const lazy = new Set();
  for (const f of files) {
    // Vite 8 (rolldown) writes import(`./x.js`) where Vite 7 wrote import("./x.js").
    for (const m of readFileSync(f, 'utf8').matchAll(/import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)) {
      for (const g of jsClosure(resolve(f, '..', m[1]))) if (!files.has(g)) lazy.add(g);
    }
  }
  return lazy;
}

function sizeOf(files, inline = []) {
  const parts = [...inline.map((t) => Buffer.from(t)), ...[...files].map((f) => readFileSync(f))];
  const all = Buffer.concat(parts);
  return { files: files.size + inline.length, raw: all.length, gzEach: parts.reduce((n, b) => n + gzipSize(b), 0), gzAll: gzipSize(all) };
}

/**
 * What a built page runs for one island before anyone touches it: Astro's inline island loader
 * scripts, the renderer (client.svelte + the Svelte runtime) and the component with its static
 * imports; then what its dynamic imports add. Sizes are gzip -9 of each file summed, and of all
 * of them concatenated (closer to one compressed transfer).
 */
function islandOnPage(pageFile, name) {
  if (!existsSync(pageFile)) return undefined;
  const html = readFileSync(pageFile, 'utf8');
  const island = [...html.matchAll(/<astro-island\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`&quot;name&quot;:&quot;${name}&quot;`));
  if (!island) return undefined;
  const url = (attr) => join(dist, new RegExp(`${attr}="([^"]+)"`).exec(island)[1]);
  const files = jsClosure(url('renderer-url'));
  jsClosure(url('component-url'), files);
  const inline = [...html.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]).filter((t) => /Astro|astro-island/.test(t));
  return { upFront: sizeOf(files, inline), later: sizeOf(lazyClosure(files)), runtime: sizeOf(new Set([...files].filter((f) => !/\/(SignupForm|ManageSignup)\./.test(f))), inline) };
}

/**
 * What an event page runs before anyone touches it now that the sign-up form and the places box are
 * plain module scripts (no framework, no island loader): each <script type="module" src> (or only
 * those whose URL matches `only`) with its static imports, plus the page's inline scripts; then what
 * their dynamic imports add (the form's submit path).
 */
function moduleScriptsOnPage(pageFile, only) {
  const html = readFileSync(pageFile, 'utf8');
  const srcs = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]).filter((u) => !only || only.test(u));
  const files = new Set();
  for (const u of srcs) jsClosure(join(dist, u), files);
  const inline = only ? [] : [...html.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]);
  return { upFront: sizeOf(files, inline), later: sizeOf(lazyClosure(files)) };
}

/** The first built event page that carries the sign-up form. */
function eventPageWithForm() {
  const eventsDir = join(dist, 'events');
  if (!existsSync(eventsDir)) return undefined;
  for (const slug of readdirSync(eventsDir)) {
    const page = join(eventsDir, slug, 'index.html');
    if (existsSync(page) && readFileSync(page, 'utf8').includes('data-signup-form')) return page;
  }
  return undefined;
}

const sizeOnly = process.argv.includes('--size-only');
if (!isMainThread) {
  loadWorker();
} else {
  const dir = sizeOnly ? '' : mkdtempSync(join(tmpdir(), 'signup-bench-'));
  if (!sizeOnly) await runLoad(dir);
  reportSizes();
}

async function runLoad(dir) {
chmodSync(dir, 0o755);
const stack = await startStack({ dataDir: join(dir, 'pg'), dbPort: 56400, apiPort: 56401, reset: true, seed: false, quiet: true, durable: false });
const db = new pg.Client({ connectionString: stack.dbUrl });
await db.connect();
try {
  // Published events inserted directly: the bench measures sign-ups, not the workspace.
  for (const run of [...Array.from({ length: RUNS }, (_, i) => i), 'warm', 'control', 'steady']) {
    const start = new Date(Date.now() + 48 * 3_600_000);
    await db.query(
      `with e as (insert into xinghuo.events (slug, title, summary, starts_at, ends_at, district, publication, published_at)
         values ($1, $2, '压测用的活动，不对外发布。', $3, $4, 'shinan', 'published', now()) returning id)
       insert into xinghuo.event_slots (event_id, role, slots) select e.id, 'volunteer', $5 from e`,
      [`bench-${run}`, `压测活动 ${run}`, start, new Date(start.getTime() + 7_200_000), SLOTS]);
  }

  // Warm-up (connections, plans) on a throw-away event, not counted.
  await burst(db, stack.apiUrl, 'sign_up', 'bench-warm', 60);

  const rows = [];
  for (let run = 0; run < RUNS; run++) {
    const r = await burst(db, stack.apiUrl, 'sign_up', `bench-${run}`, run + 1);
    rows.push(r);
    console.log(`run ${run + 1}: confirmed ${r.confirmed}, waitlisted ${r.waitlisted}, errors ${r.errors}; hold p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms, wall ${r.wall.toFixed(0)} ms; code p50 ${r.verifyP50.toFixed(0)} ms, p95 ${r.verifyP95.toFixed(0)} ms, wall ${r.verifyWall.toFixed(0)} ms`);
  }
  const med = (k) => [...rows.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  console.log(`median of ${RUNS} runs: hold p50 ${med('p50').toFixed(0)} ms, p95 ${med('p95').toFixed(0)} ms, max ${med('max').toFixed(0)} ms, wall ${med('wall').toFixed(0)} ms; code p50 ${med('verifyP50').toFixed(0)} ms, p95 ${med('verifyP95').toFixed(0)} ms`);
  console.log(`all runs exact (30/470/0): ${rows.every((r) => r.confirmed === 30 && r.waitlisted === 470 && r.errors === 0)}`);

  // One volunteer at a time: the latency of a sign-up when nobody else is signing up.
  const single = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    const r = await post(undefined, stack.apiUrl, 'sign_up', { p_request_id: randomUUID(), p_event_slug: 'bench-warm', p_role: 'volunteer', p_name: '压测志愿者',
      p_phone: `139${String(77_000_000 + i)}`, p_organisation: '', p_consent: true, p_consent_version: '2026-11', p_website: '' },
      `127.250.0.${i}`);
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    single.push(performance.now() - t);
  }
  single.sort((a, b) => a - b);
  console.log(`sequential (1 at a time, 100 holds): p50 ${quantile(single, 0.5).toFixed(1)} ms, p95 ${quantile(single, 0.95).toFixed(1)} ms`);

  // A steady 100 sign-ups a second for 10 s on one event (1,000 people for 30 places), then their
  // codes at the same pace: latency when volunteers arrive over time rather than all at once.
  const steady = await burst(db, stack.apiUrl, 'sign_up', 'bench-steady', 70, { count: 1000, perSecond: STEADY_PER_SECOND });
  console.log(`steady ${STEADY_PER_SECOND}/s × 1000: hold p50 ${steady.p50.toFixed(1)} ms, p95 ${steady.p95.toFixed(1)} ms, max ${steady.max.toFixed(0)} ms; code p50 ${steady.verifyP50.toFixed(1)} ms, p95 ${steady.verifyP95.toFixed(1)} ms; confirmed ${steady.confirmed}, waitlisted ${steady.waitlisted}, errors ${steady.errors}`);

  // Control: the same function without FOR UPDATE.
  const { rows: [{ def }] } = await db.query(`select pg_get_functiondef('public.sign_up(text,text,text,text,text,text,boolean,text,text)'::regprocedure) as def`);
  await db.query(def.replace('public.sign_up(', 'public.sign_up_unlocked_control(').replace(/\s+for update;/, ';'));
  await db.query('grant execute on function public.sign_up_unlocked_control(text,text,text,text,text,text,boolean,text,text) to anon');
  const control = await burst(db, stack.apiUrl, 'sign_up_unlocked_control', 'bench-control', 61);
  const { rows: [{ n }] } = await db.query(`select count(*)::int as n from xinghuo.signups s join xinghuo.events e on e.id = s.event_id where e.slug = $1 and s.status = 'confirmed'`, ['bench-control']);
  console.log(`control without the lock: ${control.confirmed} confirmed (${n} in the table) for ${SLOTS} places, ${control.errors} errors, p50 ${control.p50.toFixed(0)} ms, p95 ${control.p95.toFixed(0)} ms, wall ${control.wall.toFixed(0)} ms`);
} finally {
  await worker?.terminate();
  await db.end();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
}

function reportSizes() {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const line = (label, x) => `${label}: ${x.files} files, ${kb(x.raw)} raw, gzip ${kb(x.gzAll)} together / ${kb(x.gzEach)} file by file`;
  const eventPage = eventPageWithForm();
  if (!eventPage) console.log(`event page with the sign-up form: not found in ${dist} (build the site first)`);
  else {
    const page = moduleScriptsOnPage(eventPage);
    const form = moduleScriptsOnPage(eventPage, /\/SignupForm\./);
    console.log(line('event page before interaction (every module + inline script: places box, sign-up form, text-size switch)', page.upFront));
    console.log(`${line('sign-up form before interaction (its script + the shared PostgREST/availability chunks)', form.upFront)} (budget 15 KB)`);
    console.log(line('sign-up form, fetched on first focus or submit (checks, error texts, submit + result view)', form.later));
  }
  const s = islandOnPage(join(dist, 'signup', 'manage', 'index.html'), 'ManageSignup');
  if (!s) console.log(`ManageSignup island: not found in ${dist} (build the site first)`);
  else {
    const { upFront: u, later: l, runtime: r } = s;
    console.log(`ManageSignup island before interaction: ${u.files} scripts, ${kb(u.raw)} raw, gzip ${kb(u.gzAll)} together / ${kb(u.gzEach)} file by file (budget 15 KB); all but the component's own chunk (loaders, Svelte runtime, shared chunks) ${kb(r.gzAll)} together / ${kb(r.gzEach)}`);
    console.log(`ManageSignup island, fetched later by dynamic import (on mount, focus or submit): ${l.files} files, ${kb(l.raw)} raw, gzip ${kb(l.gzAll)} together / ${kb(l.gzEach)} file by file`);
  }
}
