// Times public.coord_dashboard, and coord_figures (the answer the .xlsx export and the 简报 are made
// from, every held event's row included), through the HTTP API as the demo coordinator (real sign-in,
// real gateway, real PostgreSQL) on the data bench/dashboard-data.mjs generated, served from the
// snapshot, after a change and with nothing kept. Budget: coord_dashboard p95 ≤ 100 ms served and
// after a change.
//   node bench/dashboard-rpc.mjs [runs=50]
import '../scripts/require-node.mjs';
import pg from 'pg';
import { startStack } from '../supabase/local/stack.mjs';
import { benchDir, benchPorts } from './dashboard-data.mjs';
const RUNS = Number(process.argv[2] ?? 50);
const anonKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// before: run before each call — a real change (a report saved again on an event of this month, as a
// coordinator would after a talk) so every call recomputes the answer from its month parts, or all
// kept figures dropped (the first view after a deploy: every month recomputed).
async function timeRpc(api, token, fn, args, mode = 'served', before = null) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < RUNS + 5; i++) {
    if (before) await before();
    const t = performance.now();
    const res = await fetch(`${api}/rest/v1/rpc/${fn}`, {
      method: 'POST',
      headers: { apikey: anonKey, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const text = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`${fn} → ${res.status} ${text.slice(0, 200)}`);
    bytes = text.length;
    if (i >= 5) times.push(ms); // the first five warm caches and plans
  }
  times.sort((a, b) => a - b);
  return { fn, snapshot: mode, args: JSON.stringify(args), runs: RUNS, p50: pct(times, 50).toFixed(1), p95: pct(times, 95).toFixed(1), max: times.at(-1).toFixed(1), kb: (bytes / 1024).toFixed(0) };
}

const stack = await startStack({
  // Nested folder: the stack chmods the data dir's parent, which must not be /tmp itself.
    dataDir: `${benchDir}/pg`, apiPort: benchPorts.api, dbPort: benchPorts.db,
  reset: false, seed: false, quiet: true, durable: true,
});
try {
  const auth = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'coordinator@xinghuo.local', password: 'xinghuo-demo-2026' }),
  });
  const { access_token: token } = await auth.json();
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  const branch = (await db.query('select id from xinghuo.branches order by sort, id limit 1')).rows[0]?.id ?? null;
  const quarterAgo = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  const calls = [
    [token, 'coord_dashboard', { p_year: null }],
    [token, 'coord_dashboard', { p_year: year }],
    [token, 'coord_dashboard', { p_year: year, p_branch: branch }],
    [anonKey, 'impact_totals', {}],
    // The dashboard screen's call (no rows), then the export's answer: all time (every held event's
    // row), a quarter, a branch, the campaign.
    [token, 'coord_figures', { p_rows: false }],
    [token, 'coord_figures', {}],
    [token, 'coord_figures', { p_from: quarterAgo }],
    [token, 'coord_figures', { p_branch: branch }],
    [token, 'coord_figures', { p_campaign: 'bench-campaign' }],
  ];
  const [{ id: recent }] = (await db.query(`select r.event_id as id from xinghuo.event_reports r join xinghuo.events e on e.id = r.event_id
    where e.starts_at <= now() order by e.starts_at desc limit 1`)).rows;
  const modes = {
    served: null,
    'after a change': () => db.query('update xinghuo.event_reports set questions_answered = questions_answered + 1 where event_id = $1', [recent]),
    'nothing kept': () => db.query('delete from xinghuo.figure_month_parts; delete from xinghuo.dashboard_cache'),
  };
  const rows = [];
  for (const [mode, before] of Object.entries(modes)) {
    for (const [who, fn, args] of calls) {
      // Dropping everything kept is the rare first view after a deploy: timed for the dashboard only.
      if (mode === 'nothing kept' && fn !== 'coord_dashboard') continue;
      rows.push(await timeRpc(stack.apiUrl, who, fn, args, mode, before));
    }
  }
  await db.end();
  console.table(rows);
  const served = Math.max(...rows.filter((r) => r.fn === 'coord_dashboard' && r.snapshot === 'served').map((r) => Number(r.p95)));
  const changed = Math.max(...rows.filter((r) => r.fn === 'coord_dashboard' && r.snapshot === 'after a change').map((r) => Number(r.p95)));
  const ok = served <= 100 && changed <= 100;
  console.log(`${ok ? 'PASS' : 'FAIL'}: coord_dashboard p95 ${served} ms served, ${changed} ms after a change (budget 100 ms)`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await stack.stop();
}
