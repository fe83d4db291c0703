// The outbox in SQL alone: the kinds vocabulary equals src/lib/message-kinds.ts, bad input to
// enqueue_message gets a specific code and stores nothing, quiet hours are computed from the
// producer's clock, and the retention purge deletes delivered and dead messages only when old.
import { describe, expect, it } from 'vitest';
import { messageKinds } from '../../src/lib/message-kinds';
import { rpc, sql, tokens } from './harness';
import { enqueue, uniqueKey } from './messages-harness';

async function failure(p: Promise<unknown>): Promise<{ code?: string; message?: string; hint?: string } | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e as { code?: string; message?: string; hint?: string };
  }
}

describe('vocabulary', () => {
  it('xinghuo.message_kinds is exactly the TypeScript module, quiet-hours flags included', async () => {
    const rows = await sql<{ id: string; quiet_hours: boolean }>('select id, quiet_hours from xinghuo.message_kinds order by id');
    const ts = Object.entries(messageKinds).map(([id, k]) => ({ id, quiet_hours: k.quietHours })).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows).toEqual(ts);
  });
});

describe('enqueue_message bad input', () => {
  const cases: [string, Parameters<typeof enqueue>[0], string, string][] = [
    ['unknown channel', { channel: 'fax' as 'sms' }, 'message_channel_invalid', 'p_channel'],
    ['short phone', { recipient: '1390000111' }, 'message_recipient_invalid', 'p_recipient'],
    ['phone with text', { recipient: '1390000111x' }, 'message_recipient_invalid', 'p_recipient'],
    ['e-mail without @', { channel: 'email', recipient: 'wang.example.org', kind: 'reminder' }, 'message_recipient_invalid', 'p_recipient'],
    ['unknown kind', { kind: 'newsletter' }, 'message_kind_invalid', 'p_kind'],
    ['params not an object', { params: ['1'] as unknown as Record<string, unknown> }, 'message_params_invalid', 'p_params'],
    ['empty key', { key: '' }, 'message_key_invalid', 'p_idempotency_key'],
    ['too many attempts', { maxAttempts: 26 }, 'message_attempts_invalid', 'p_max_attempts'],
  ];
  for (const [what, args, code, field] of cases) {
    it(`${what} → ${code}, nothing stored`, async () => {
      const key = args.key ?? uniqueKey('bad');
      const before = await sql<{ n: number }>('select count(*)::int as n from xinghuo.messages');
      const e = await failure(enqueue({ ...args, key }));
      expect(e).toMatchObject({ code: 'P0001', message: code, hint: field });
      expect(await sql<{ n: number }>('select count(*)::int as n from xinghuo.messages')).toEqual(before);
      expect(await sql('select 1 from graphile_worker.jobs where key = $1', [key])).toHaveLength(0);
    });
  }

  it('is not callable through the API by anyone', async () => {
    const t = await tokens();
    for (const token of [t.anon, t.user, t.coordinator, t.service]) {
      const r = await rpc('enqueue_message', { p_channel: 'sms', p_recipient: '13900001111', p_kind: 'reminder', p_params: {}, p_idempotency_key: uniqueKey('api') }, token);
      expect(r.status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('quiet hours from a given clock (Asia/Shanghai)', () => {
  const cases: [string, string][] = [
    ['2026-12-01T07:59:59+08:00', '2026-12-01T08:00:00+08:00'],
    ['2026-12-01T08:00:00+08:00', '2026-12-01T08:00:00+08:00'],
    ['2026-12-01T20:59:59+08:00', '2026-12-01T20:59:59+08:00'],
    ['2026-12-01T21:00:00+08:00', '2026-12-02T08:00:00+08:00'],
    ['2026-12-31T23:30:00+08:00', '2027-01-01T08:00:00+08:00'],
    ['2026-12-01T00:30:00+08:00', '2026-12-01T08:00:00+08:00'],
  ];
  for (const [now, expected] of cases) {
    it(`a reminder enqueued at ${now} waits until ${expected}; a code goes at once`, async () => {
      const reminder = await enqueue({ kind: 'reminder', now });
      const code = await enqueue({ kind: 'verification_code', now });
      const rows = await sql<{ id: string; not_before: Date }>('select id, not_before from xinghuo.messages where id = any($1) order by id', [[reminder.id, code.id]]);
      expect(rows.map((r) => r.not_before.toISOString())).toEqual([new Date(expected).toISOString(), new Date(now).toISOString()]);
      const [job] = await sql('select run_at from graphile_worker.jobs where key = $1', [reminder.key]);
      expect(job.run_at.toISOString()).toBe(new Date(expected).toISOString());
    });
  }
});

describe('retention', () => {
  it('deletes sent and dead messages (and their history) after the period, keeps newer and pending ones', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => enqueue({ now: '2026-01-01T10:00:00+08:00' }).then((m) => m.id)));
    const [oldSent, oldDead, newSent, oldQueued, oldFailed] = ids as [number, number, number, number, number];
    await sql(`update xinghuo.messages set status = case id when $1 then 'sent' when $2 then 'dead' when $3 then 'sent' when $4 then 'queued' else 'failed' end::xinghuo.message_status,
      updated_at = case id when $3 then now() - interval '89 days' else now() - interval '91 days' end where id = any($5)`, [oldSent, oldDead, newSent, oldQueued, ids]);
    await sql(`insert into xinghuo.message_history (message_id, from_status, to_status) values ($1, 'sending', 'sent')`, [oldSent]);
    const t = await tokens();
    for (const token of [t.anon, t.user, t.coordinator]) {
      expect((await rpc('purge_expired_messages', { p_retention_days: 90 }, token)).status).toBeGreaterThanOrEqual(401);
    }
    const r = await rpc('purge_expired_messages', { p_retention_days: 90 }, t.service);
    expect(r.status).toBe(200);
    expect(r.body).toBeGreaterThanOrEqual(2);
    const left = await sql<{ id: string }>('select id from xinghuo.messages where id = any($1) order by id', [ids]);
    expect(left.map((x) => Number(x.id))).toEqual([newSent, oldQueued, oldFailed].sort((a, b) => a - b));
    expect(await sql('select 1 from xinghuo.message_history where message_id = $1', [oldSent])).toHaveLength(0);
    const bad = await rpc('purge_expired_messages', { p_retention_days: -1 }, t.service);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('retention_days_invalid');
  });
});
