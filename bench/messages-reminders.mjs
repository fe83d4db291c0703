#!/usr/bin/env node
// Reminders for 5,000 volunteers (budget: all delivered to the SMS stand-in within 60 s). A fresh
// local stack (ports base, base+1) and the message stand-ins (base+2 … base+4); 5,000 reminder
// messages are enqueued in one transaction, as a reminders producer would, with a clock inside the
// send window; then the real worker (worker/main.ts, Aliyun SDK, default concurrency) is started
// and the time until the stand-in has received all 5,000 is measured. Prints one JSON line.
// Usage: node bench/messages-reminders.mjs [--count 5000] [--provider aliyun|tencent] [--concurrency 10] [--port-base 56410]
import '../scripts/require-node.mjs';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startStack } from '../supabase/local/stack.mjs';
import { localMessageEnv, startMessageStandIns } from '../supabase/local/messages/index.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const COUNT = Number(arg('count', 5000));
const provider = arg('provider', 'aliyun');
const concurrency = arg('concurrency', '10');
const base = Number(arg('port-base', 56410));
const ports = { viewer: base + 2, smtp: base + 3, sms: base + 4 };

const dir = mkdtempSync(join(tmpdir(), 'xinghuo-bench-messages-'));
chmodSync(dir, 0o755);
const stack = await startStack({ dataDir: join(dir, 'pg'), dbPort: base, apiPort: base + 1, reset: true, seed: false, quiet: true, durable: false });
const standIns = await startMessageStandIns({ ports });
const db = new pg.Client({ connectionString: stack.dbUrl });
await db.connect();
let worker;
try {
  const enqueueStarted = performance.now();
  // A weekday 10:00 in Asia/Shanghai, in the past: inside the send window, so quiet hours hold nothing.
  await db.query(
    `select xinghuo.enqueue_message('sms', '139' || lpad(i::text, 8, '0'), 'reminder',
       jsonb_build_object('event', '守好养老钱市北宣讲', 'time', '12月2日9:30', 'place', '某社区党群服务中心'),
       'bench-reminder:' || i, null, '2026-11-30T10:00:00+08:00')
     from generate_series(1, $1) as i`,
    [COUNT],
  );
  const enqueueMs = performance.now() - enqueueStarted;

  const started = performance.now();
  worker = spawn(process.execPath, [fileURLToPath(new URL('../worker/main.ts', import.meta.url))], {
    stdio: 'ignore',
    env: { ...process.env, ...localMessageEnv({ databaseUrl: stack.dbUrl, ports, provider }), XINGHUO_WORKER_CONCURRENCY: concurrency, XINGHUO_WORKER_INSTANCE: 'bench' },
  });
  const deadline = started + 180_000;
  while (standIns.sms.state.sent.length < COUNT && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const deliveredMs = performance.now() - started;
  // The worker records `sent` just after the provider answers; wait for the outbox to agree.
  const sentCount = async () => (await db.query(`select count(*)::int as n from xinghuo.messages where status = 'sent'`)).rows[0].n;
  while ((await sentCount()) < COUNT && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const recordedMs = performance.now() - started;
  const { rows } = await db.query(`select status, count(*)::int as n from xinghuo.messages group by 1 order by 1`);
  const keys = new Set(standIns.sms.state.sent.map((s) => s.reference));
  console.log(JSON.stringify({
    count: COUNT,
    provider,
    concurrency: Number(concurrency),
    enqueue_ms: Math.round(enqueueMs),
    delivered_to_stand_in: standIns.sms.state.sent.length,
    distinct_keys: keys.size,
    all_delivered_s: Number((deliveredMs / 1000).toFixed(1)),
    all_recorded_sent_s: Number((recordedMs / 1000).toFixed(1)),
    per_second: Math.round(standIns.sms.state.sent.length / (deliveredMs / 1000)),
    outbox: Object.fromEntries(rows.map((r) => [r.status, r.n])),
    budget_s: 60,
    load_average: loadavg().map((l) => Number(l.toFixed(2))),
  }));
} finally {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
  }
  await db.end();
  await standIns.close();
  await stack.stop();
  rmSync(dir, { recursive: true, force: true });
}
