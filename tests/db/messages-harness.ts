// What the message suites need: the real local stand-ins (SMTP sink, SMS provider, viewer) in this
// process, the real worker (worker/main.ts, graphile-worker + the providers' SDKs) as a child
// process that a test may SIGKILL, and a way to wait for what the stand-ins received.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { localMessageEnv, startMessageStandIns } from '../../supabase/local/messages/index.mjs';
import { sql } from './harness';

const dbUrl: string = inject('dbUrl');
const base = Number(process.env.XINGHUO_MESSAGES_TEST_PORT_BASE ?? 54344);
export const messagePorts = { viewer: base, smtp: base + 1, sms: base + 2 };
/** A free port for a test's own helper server (the tampering proxy). */
export const sparePort = base + 3;

export type StandIns = Awaited<ReturnType<typeof startMessageStandIns>>;
/**
 * The stand-ins, for a suite that starts from an empty queue: the sign-up suites queue thousands of
 * codes that no worker delivers there, and a suite's worker must not spend its time on them.
 */
export async function startStandIns(delayMs = 0): Promise<StandIns> {
  await sql(`select graphile_worker.remove_job(m.idempotency_key) from xinghuo.messages m where m.status = 'queued'`);
  return startMessageStandIns({ ports: messagePorts, delayMs });
}

export function workerEnv(provider: 'aliyun' | 'tencent' = 'aliyun', extra: Record<string, string> = {}): Record<string, string> {
  return { ...localMessageEnv({ databaseUrl: dbUrl, ports: messagePorts, provider }), ...extra };
}

export interface RunningWorker {
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no cleanup, jobs stay locked, as a crashed host leaves them. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const workerMain = fileURLToPath(new URL('../../worker/main.ts', import.meta.url));

export async function startWorker(env: Record<string, string>): Promise<RunningWorker> {
  const child = spawn(process.execPath, [workerMain], {
    env: { ...process.env, ...env, XINGHUO_WORKER_INSTANCE: env.XINGHUO_WORKER_INSTANCE ?? 'test-worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitFor(() => out.includes('[worker]') || child.exitCode !== null, 30_000, () => out);
  if (child.exitCode !== null) throw new Error(`worker exited at start:\n${out}`);
  return {
    child,
    output: () => out,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms = 20_000, why: () => string | Promise<string> = () => ''): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms ${await why()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** How many copies of the message with this idempotency key the stand-ins received. */
export function received(standIns: StandIns, key: string): number {
  return standIns.store.all().filter((m) => m.MessageID === key || m.MessageID === `${key.replace(/[^\w.-]/g, '_')}@xinghuo.messages`).length;
}

export const uniqueKey = (what: string): string => `${what}:${randomUUID()}`;

export async function enqueue(args: {
  channel?: 'sms' | 'email';
  recipient?: string;
  kind?: string;
  params?: Record<string, unknown>;
  key?: string;
  now?: string | null;
  maxAttempts?: number;
}): Promise<{ id: number; key: string }> {
  const key = args.key ?? uniqueKey('test');
  const [row] = await sql<{ id: string }>(
    `select xinghuo.enqueue_message($1, $2, $3, $4::jsonb, $5, null, $6::timestamptz, $7) as id`,
    [
      args.channel ?? 'sms',
      args.recipient ?? '13900001111',
      args.kind ?? 'verification_code',
      JSON.stringify(args.params ?? { code: '246810' }),
      key,
      args.now ?? null,
      args.maxAttempts ?? 5,
    ],
  );
  return { id: Number(row!.id), key };
}

export async function statusOf(id: number): Promise<{ status: string; attempts: number; last_error: string | null }> {
  const [row] = await sql('select status, attempts, last_error from xinghuo.messages where id = $1', [id]);
  return row;
}
