// Provider errors through the real worker and Aliyun SDK: retried with graphile-worker's backoff,
// dead-lettered after the last attempt, listed for coordinators (recipient masked) and delivered
// once by a resend. Quiet hours hold a reminder even when its job is run early.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { enqueue, received, startStandIns, startWorker, statusOf, waitFor, workerEnv, type RunningWorker, type StandIns } from './messages-harness';

let standIns: StandIns;
let worker: RunningWorker;
let t: Tokens;

beforeAll(async () => {
  t = await tokens();
  standIns = await startStandIns();
  worker = await startWorker(workerEnv('aliyun'));
});
afterAll(async () => {
  await worker?.stop();
  await standIns?.close();
});

describe('provider errors', () => {
  it('are retried, then dead-lettered, listed for coordinators, and a resend delivers once', async () => {
    // Only this number's sends fail: other queued messages the worker delivers meanwhile must not
    // use the faults up (that made this test time out when it shared the queue).
    standIns.sms.fail('isv.BUSINESS_LIMIT_CONTROL', 3, '13812341234');
    const { id, key } = await enqueue({ recipient: '13812341234', maxAttempts: 3 });
    // graphile-worker's backoff: e^1 s, then e^2 s between the three attempts (≈ 10 s), plus its polling.
    await waitFor(async () => (await statusOf(id)).status === 'dead', 60_000, worker.output);
    expect(await statusOf(id)).toEqual({ status: 'dead', attempts: 3, last_error: 'aliyun:isv.BUSINESS_LIMIT_CONTROL' });
    expect(received(standIns, key)).toBe(0);
    const history = await sql('select from_status, to_status from xinghuo.message_history where message_id = $1 order by id', [id]);
    expect(history.map((h) => `${h.from_status}>${h.to_status}`)).toEqual([
      'queued>sending', 'sending>failed', 'failed>sending', 'sending>failed', 'failed>sending', 'sending>dead',
    ]);
    // The worker's log names the error code, never the number.
    expect(worker.output()).not.toContain('13812341234');

    const dead = await rpc('coord_dead_messages', {}, t.coordinator);
    expect(dead.status).toBe(200);
    const listed = dead.body.find((m: { id: number }) => m.id === id);
    expect(listed).toMatchObject({ channel: 'sms', recipient_masked: '138****1234', kind: 'verification_code', attempts: 3, last_error: 'aliyun:isv.BUSINESS_LIMIT_CONTROL', resends: 0 });
    expect(JSON.stringify(dead.body)).not.toContain('13812341234');

    const resent = await rpc('coord_resend_message', { p_id: id }, t.coordinator);
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ id, status: 'queued' });
    await waitFor(async () => (await statusOf(id)).status === 'sent', 20_000, worker.output);
    expect(received(standIns, key)).toBe(1);
    const [resend] = await sql(`select by_user from xinghuo.message_history where message_id = $1 and to_status = 'queued'`, [id]);
    expect(resend.by_user).toEqual(expect.any(String));
    // Sent, so no longer a dead letter, and a second resend is refused.
    expect((await rpc('coord_dead_messages', {}, t.coordinator)).body.some((m: { id: number }) => m.id === id)).toBe(false);
    const again = await rpc('coord_resend_message', { p_id: id }, t.coordinator);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ message: 'message_not_dead' });
  }, 120_000);

  it('a kind without a registered template dead-letters at once instead of retrying', async () => {
    const env = workerEnv('aliyun', { XINGHUO_WORKER_INSTANCE: 'test-no-template', XINGHUO_SMS_TEMPLATES: '{"reminder":"SMS_9000007"}' });
    await worker.stop();
    const partial = await startWorker(env);
    try {
      const { id } = await enqueue({ maxAttempts: 5 });
      await waitFor(async () => (await statusOf(id)).status === 'dead', 20_000, partial.output);
      expect(await statusOf(id)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'template_not_configured:verification_code' });
    } finally {
      await partial.stop();
      worker = await startWorker(workerEnv('aliyun'));
    }
  });
});

describe('quiet hours', () => {
  // A day in the future, so the held reminder is never due during the test whatever today is.
  const evening = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) + 'T22:30:00+08:00';

  it('hold a reminder until 08:00 Asia/Shanghai even if its job runs early; a code is not held', async () => {
    const reminder = await enqueue({ kind: 'reminder', params: { event: '测试宣讲', time: '明天9:30', place: '社区' }, now: evening });
    const code = await enqueue({ kind: 'verification_code', now: evening });
    const [r] = await sql('select not_before, quiet_hours from xinghuo.messages where id = $1', [reminder.id]);
    const nextMorning = new Date(new Date(evening).getTime() + 86_400_000).toISOString().slice(0, 10) + 'T08:00:00+08:00';
    expect(r.quiet_hours).toBe(true);
    expect(r.not_before.toISOString()).toBe(new Date(nextMorning).toISOString());
    const [c] = await sql('select not_before, quiet_hours from xinghuo.messages where id = $1', [code.id]);
    expect(c).toEqual({ not_before: new Date(evening), quiet_hours: false });
    const [job] = await sql(`select run_at from graphile_worker.jobs where key = $1`, [reminder.key]);
    expect(job.run_at.toISOString()).toBe(new Date(nextMorning).toISOString());

    // Run the reminder's job now, as a clock skew or a manual nudge would: the worker must not send.
    await sql(`update graphile_worker._private_jobs set run_at = now() where key = $1`, [reminder.key]);
    await waitFor(async () => (await sql(`select run_at from graphile_worker.jobs where key = $1 and run_at > now()`, [reminder.key])).length === 1, 20_000, worker.output);
    expect(await statusOf(reminder.id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(received(standIns, reminder.key)).toBe(0);
  });
});
