// At most once, and here exactly once: the worker (a child process) is SIGKILLed while it is
// sending a batch, restarted under the same instance name, and every message reaches the SMS
// stand-in exactly once. Messages the killed run had handed to the provider stay `sending`; the
// restart asks the provider (QuerySendDetails by OutId) instead of sending them again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from './harness';
import { enqueue, received, startStandIns, startWorker, waitFor, workerEnv, type StandIns } from './messages-harness';

let standIns: StandIns;
beforeAll(async () => {
  // Each answer is held back 300 ms after the SMS is accepted, so a kill lands mid-send.
  standIns = await startStandIns(300);
});
afterAll(async () => {
  await standIns?.close();
});

const N = 40;

describe('worker killed mid-batch', () => {
  it('delivers every message exactly once after a restart', async () => {
    const env = workerEnv('aliyun', { XINGHUO_WORKER_INSTANCE: 'test-kill', XINGHUO_WORKER_CONCURRENCY: '5' });
    const keys: string[] = [];
    for (let i = 0; i < N; i += 1) {
      const phone = `1360000${String(i).padStart(4, '0')}`;
      keys.push((await enqueue({ recipient: phone, params: { code: String(100000 + i) } })).key);
    }
    const first = await startWorker(env);
    await waitFor(() => standIns.sms.state.sent.length >= 10, 30_000, first.output);
    await first.kill();

    const inFlight = await sql<{ n: number }>(`select count(*)::int as n from xinghuo.messages where status = 'sending' and idempotency_key = any($1)`, [keys]);
    // The kill must have interrupted sends, or this test would prove nothing.
    expect(inFlight[0]!.n).toBeGreaterThan(0);
    const acceptedBeforeRestart = standIns.sms.state.sent.length;
    expect(acceptedBeforeRestart).toBeLessThan(N);

    const second = await startWorker(env);
    try {
      await waitFor(
        async () => (await sql<{ n: number }>(`select count(*)::int as n from xinghuo.messages where status = 'sent' and idempotency_key = any($1)`, [keys]))[0]!.n === N,
        60_000,
        async () => JSON.stringify(await sql(`select status, count(*)::int from xinghuo.messages where idempotency_key = any($1) group by 1`, [keys]))
          + JSON.stringify(await sql(`select locked_by, count(*)::int from graphile_worker.jobs group by 1`)) + JSON.stringify(await sql('select * from xinghuo.worker_instances')) + second.output(),
      );
      await new Promise((r) => setTimeout(r, 1_000)); // anything sent twice would have arrived by now
      expect(keys.map((k) => received(standIns, k))).toEqual(keys.map(() => 1));
      expect(standIns.sms.state.sent.length).toBe(N);
      const reconciled = await sql(`select count(*)::int as n from xinghuo.message_history h join xinghuo.messages m on m.id = h.message_id
        where m.idempotency_key = any($1) and h.note like 'reconciled%'`, [keys]);
      expect(reconciled[0].n).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
