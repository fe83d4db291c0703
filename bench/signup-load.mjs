#!/usr/bin/env node
// Sign-up under load, through the real HTTP API of a fresh local stack (ports 56400 DB / 56401 API):
// 500 simultaneous sign-ups (500 different phones and client addresses) for 30 places, repeated
// --runs times; prints p50/p95/max latency and confirmed/waitlisted/errors. Then the same burst
// against a copy of sign_up WITHOUT the event-row lock (the control: it should overbook), and the
// gzip size of the sign-up island (SignupForm + everything it imports) from the built site.
// Usage: node bench/signup-load.mjs [--runs 5] [--dist dist] [--size-only]
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { startStack } from '../supabase/local/stack.mjs';
import { anonKey, serviceRoleKey as serviceKey } from '../supabase/local/keys.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 5));
const PEOPLE = 500;
const SLOTS = 30;
const dist = resolve(arg('dist', 'dist'));

async function rpc(apiUrl, fn, args, key = anonKey, headers = {}) {
  const res = await fetch(`${apiUrl}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: anonKey, Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function burst(apiUrl, fn, slug, run) {
  const latencies = [];
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: PEOPLE }, async (_, i) => {
      const start = performance.now();
      const r = await rpc(apiUrl, fn, {
        p_event_slug: slug, p_role: 'volunteer', p_name: '压测志愿者',
        p_phone: `13${run % 7 + 3}${String(run * 1000 + i).padStart(8, '0')}`,
        p_organisation: '', p_consent: true, p_consent_version: '2026-11', p_website: '',
      }, anonKey, { 'x-forwarded-for': `10.${run}.${i >> 8}.${i & 255}` });
      latencies.push(performance.now() - start);
      return r;
    }),
  );
  latencies.sort((a, b) => a - b);
  const count = (f) => results.filter(f).length;
  return {
    confirmed: count((r) => r.status === 200 && r.body.status === 'confirmed'),
    waitlisted: count((r) => r.status === 200 && r.body.status === 'waitlisted'),
    errors: count((r) => r.status !== 200),
    p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: latencies.at(-1),
    wall: performance.now() - t0,
  };
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

function islandFiles(name) {
  const dir = join(dist, '_astro');
  if (!existsSync(dir)) return undefined;
  const entry = readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith('.js'));
  const renderer = readdirSync(dir).find((f) => f.startsWith('client.svelte') && f.endsWith('.js'));
  if (!entry) return undefined;
  const files = jsClosure(join(dir, entry));
  if (renderer) jsClosure(join(dir, renderer), files);
  return files;
}

function sizeOf(files) {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return { files: files.size, raw, gz };
}

/** Whole closure of an island, and what it adds on top of another island on the same page. */
function islandSize(name, alongside) {
  const files = islandFiles(name);
  if (!files) return undefined;
  const other = alongside ? islandFiles(alongside) : undefined;
  const extra = new Set([...files].filter((f) => !other?.has(f)));
  return { ...sizeOf(files), extraGz: other ? sizeOf(extra).gz : undefined };
}

const sizeOnly = process.argv.includes('--size-only');
const dir = sizeOnly ? '' : mkdtempSync(join(tmpdir(), 'signup-bench-'));
if (!sizeOnly) await runLoad();

async function runLoad() {
chmodSync(dir, 0o755);
const stack = await startStack({ dataDir: join(dir, 'pg'), dbPort: 56400, apiPort: 56401, reset: true, seed: false, syncEvents: false, quiet: true, durable: false });
const db = new pg.Client({ connectionString: stack.dbUrl });
await db.connect();
try {
  const events = [];
  for (const run of [...Array.from({ length: RUNS }, (_, i) => i), 'warm', 'control']) {
    const start = new Date(Date.now() + 48 * 3_600_000);
    events.push({ slug: `bench-${run}`, title: `压测活动 ${run}`, starts_at: start.toISOString(),
      ends_at: new Date(start.getTime() + 7_200_000).toISOString(), district: 'shinan', slots: { volunteer: SLOTS } });
  }
  const sync = await rpc(stack.apiUrl, 'sync_events', { p_events: events }, serviceKey);
  if (sync.status !== 200) throw new Error(`sync_events: ${JSON.stringify(sync.body)}`);

  // Warm-up (connections, plans) on a throw-away event, not counted.
  await burst(stack.apiUrl, 'sign_up', 'bench-warm', 60);

  const rows = [];
  for (let run = 0; run < RUNS; run++) {
    const r = await burst(stack.apiUrl, 'sign_up', `bench-${run}`, run + 1);
    rows.push(r);
    console.log(`run ${run + 1}: confirmed ${r.confirmed}, waitlisted ${r.waitlisted}, errors ${r.errors}, p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms, wall ${r.wall.toFixed(0)} ms`);
  }
  const med = (k) => [...rows.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  console.log(`median of ${RUNS} runs: p50 ${med('p50').toFixed(0)} ms, p95 ${med('p95').toFixed(0)} ms, max ${med('max').toFixed(0)} ms, wall ${med('wall').toFixed(0)} ms`);
  console.log(`all runs exact (30/470/0): ${rows.every((r) => r.confirmed === 30 && r.waitlisted === 470 && r.errors === 0)}`);

  // One volunteer at a time: the latency of a sign-up when nobody else is signing up.
  const single = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    const r = await rpc(stack.apiUrl, 'sign_up', { p_event_slug: 'bench-warm', p_role: 'volunteer', p_name: '压测志愿者',
      p_phone: `139${String(77_000_000 + i)}`, p_organisation: '', p_consent: true, p_consent_version: '2026-11', p_website: '' },
      anonKey, { 'x-forwarded-for': `10.250.0.${i}` });
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    single.push(performance.now() - t);
  }
  single.sort((a, b) => a - b);
  console.log(`sequential (1 at a time, 100 sign-ups): p50 ${quantile(single, 0.5).toFixed(1)} ms, p95 ${quantile(single, 0.95).toFixed(1)} ms`);

  // Control: the same function without FOR UPDATE.
  const { rows: [{ def }] } = await db.query(`select pg_get_functiondef('public.sign_up(text,text,text,text,text,boolean,text,text)'::regprocedure) as def`);
  await db.query(def.replace('public.sign_up(', 'public.sign_up_unlocked_control(').replace(/\s+for update;/, ';'));
  await db.query('grant execute on function public.sign_up_unlocked_control(text,text,text,text,text,boolean,text,text) to anon');
  const control = await burst(stack.apiUrl, 'sign_up_unlocked_control', 'bench-control', 61);
  const { rows: [{ n }] } = await db.query(`select count(*)::int as n from xinghuo.signups s join xinghuo.events e on e.id = s.event_id where e.slug = $1 and s.status = 'confirmed'`, ['bench-control']);
  console.log(`control without the lock: ${control.confirmed} confirmed (${n} in the table) for ${SLOTS} places, ${control.errors} errors, p50 ${control.p50.toFixed(0)} ms, p95 ${control.p95.toFixed(0)} ms, wall ${control.wall.toFixed(0)} ms`);
} finally {
  await db.end();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// The event page also runs the events helper's Availability island (same Svelte runtime and PostgREST client).
for (const [name, alongside] of [['SignupForm', 'Availability'], ['ManageSignup', undefined]]) {
  const s = islandSize(name, alongside);
  if (!s) {
    console.log(`${name} island: not found in ${dist}/_astro (build the site first)`);
    continue;
  }
  const extra = s.extraGz === undefined ? '' : `; beyond the ${alongside} island already on the page: ${kb(s.extraGz)} gzip`;
  console.log(`${name} island: ${s.files} files, ${kb(s.raw)} raw, ${kb(s.gz)} gzip (budget 15 KB)${extra}`);
}
