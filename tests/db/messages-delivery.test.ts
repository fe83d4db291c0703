// The outbox through the real worker (graphile-worker child process), the real Aliyun/Tencent SDKs
// and the local stand-ins: delivered once with the right text, nothing from a rolled-back
// transaction, the idempotency key deduplicates, e-mail through nodemailer into the SMTP sink.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from './harness';
import { enqueue, received, startStandIns, startWorker, statusOf, uniqueKey, waitFor, workerEnv, type RunningWorker, type StandIns } from './messages-harness';

let standIns: StandIns;
let worker: RunningWorker;

beforeAll(async () => {
  standIns = await startStandIns();
  worker = await startWorker(workerEnv('aliyun'));
});
afterAll(async () => {
  await worker?.stop();
  await standIns?.close();
});

describe('delivery through Aliyun SDK → SMS stand-in', () => {
  it('delivers a verification code once, with the rendered text, and records sent', async () => {
    const { id, key } = await enqueue({ params: { code: '135790' } });
    await waitFor(async () => (await statusOf(id)).status === 'sent', 20_000, worker.output);
    expect(received(standIns, key)).toBe(1);
    const sms = standIns.store.all().find((m) => m.MessageID === key)!;
    expect(sms.To[0].Address).toBe('13900001111');
    expect(sms.Text).toBe('【星火志愿服务队】验证码135790，10分钟内有效。工作人员不会向您索要验证码，请勿告诉他人。');
    const [row] = await sql('select * from xinghuo.messages where id = $1', [id]);
    expect(row.provider).toBe('aliyun');
    expect(row.provider_message_id).toMatch(/\^/);
    expect(row.attempts).toBe(1);
  });

  it('a message enqueued in a transaction that rolls back is never sent', async () => {
    const client = new pg.Client({ connectionString: inject('dbUrl') });
    await client.connect();
    const rolledBack = uniqueKey('rolled-back');
    await client.query('begin');
    await client.query(`select xinghuo.enqueue_message('sms', '13900002222', 'verification_code', '{"code":"111111"}', $1)`, [rolledBack]);
    await client.query('rollback');
    await client.end();
    // A message enqueued afterwards is delivered: the worker was running and would have sent both.
    const after = await enqueue({ recipient: '13900002222' });
    await waitFor(() => received(standIns, after.key) === 1, 20_000, worker.output);
    expect(received(standIns, rolledBack)).toBe(0);
    expect(await sql('select 1 from xinghuo.messages where idempotency_key = $1', [rolledBack])).toHaveLength(0);
  });

  it('the same idempotency key twice is one message, sent once', async () => {
    const key = uniqueKey('twice');
    const first = await enqueue({ key });
    const second = await enqueue({ key, params: { code: '999999' } });
    expect(second.id).toBe(first.id);
    await waitFor(async () => (await statusOf(first.id)).status === 'sent', 20_000, worker.output);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(received(standIns, key)).toBe(1);
  });

  it('e-mail goes through nodemailer into the SMTP sink, shown by the Mailpit-shaped API', async () => {
    const { id, key } = await enqueue({ channel: 'email', recipient: 'wang@example.org', kind: 'event_cancelled', params: { event: '测试宣讲', time: '12月2日9:30' }, now: '2026-06-01T10:00:00+08:00' });
    await waitFor(async () => (await statusOf(id)).status === 'sent', 20_000, worker.output);
    expect(received(standIns, key)).toBe(1);
    const list = await (await fetch(`${standIns.viewer.url}/api/v1/messages`)).json();
    expect(list).toMatchObject({ total: expect.any(Number), unread: expect.any(Number), count: expect.any(Number), start: 0 });
    const mail = list.messages.find((m: { To: { Address: string }[] }) => m.To[0]?.Address === 'wang@example.org');
    expect(mail).toMatchObject({ Subject: '星火志愿服务队：活动取消', From: { Address: 'noreply@xinghuo.local' }, Tags: ['email'] });
    const full = await (await fetch(`${standIns.viewer.url}/api/v1/message/${mail.ID}`)).json();
    expect(full.Text.trim()).toBe('抱歉，您报名的测试宣讲（12月2日9:30）已取消，不用前往。谢谢您的支持！');
  });
});

describe('delivery through Tencent SDK → SMS stand-in', () => {
  it('delivers with TemplateParamSet in the declared order and SessionContext = key', async () => {
    const tencent = await startWorker(workerEnv('tencent', { XINGHUO_WORKER_INSTANCE: 'test-tencent' }));
    await worker.stop(); // only the Tencent worker takes the next job
    try {
      const { id, key } = await enqueue({ kind: 'staffing_alert', recipient: '13700003333', params: { event: '测试宣讲', time: '12月2日9:30', role: '民警', missing: '1' }, now: '2026-06-01T10:00:00+08:00' });
      await waitFor(async () => (await statusOf(id)).status === 'sent', 20_000, tencent.output);
      expect(received(standIns, key)).toBe(1);
      const sent = standIns.sms.state.sent.find((s: { reference: string }) => s.reference === key);
      expect(sent).toMatchObject({ provider: 'tencent', phone: '13700003333', params: { 1: '测试宣讲', 2: '12月2日9:30', 3: '民警', 4: '1' } });
      expect(standIns.store.all().find((m) => m.MessageID === key)!.Text).toBe('【星火志愿服务队】测试宣讲（12月2日9:30）民警还缺1人，请协调员尽快安排。');
    } finally {
      await tencent.stop();
      worker = await startWorker(workerEnv('aliyun'));
    }
  });
});
