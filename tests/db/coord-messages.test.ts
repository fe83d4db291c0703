// Dead letters for coordinators: coord_dead_messages and coord_resend_message refused to anon,
// a signed-in non-coordinator, an inactive coordinator and the service role; allowed to a
// coordinator, with the recipient masked and every resend kept in the history.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { inactiveCoordinatorToken } from './coord-fixtures';
import { enqueue } from './messages-harness';

let t: Tokens;
let inactive: string;

async function deadMessage(recipient = '13955556666', channel: 'sms' | 'email' = 'sms'): Promise<number> {
  const { id } = await enqueue({ recipient, channel, kind: 'reminder', now: '2026-01-01T10:00:00+08:00' });
  await sql(`update xinghuo.messages set status = 'dead', attempts = 5, last_error = 'aliyun:isv.BUSINESS_LIMIT_CONTROL' where id = $1`, [id]);
  return id;
}

beforeAll(async () => {
  t = await tokens();
  inactive = await inactiveCoordinatorToken();
});

describe('coordinator message RPCs are denied to everyone but active coordinators', () => {
  const calls: [string, () => Promise<Record<string, unknown>>][] = [
    ['coord_dead_messages', async () => ({})],
    ['coord_resend_message', async () => ({ p_id: await deadMessage() })],
  ];
  for (const [fn, args] of calls) {
    it(`${fn}: anon 401, user/inactive/service 403, coordinator 200`, async () => {
      const a = await args();
      const anon = await rpc(fn, a, t.anon);
      expect(anon.status).toBe(401);
      for (const token of [t.user, inactive, t.service]) {
        const denied = await rpc(fn, a, token);
        expect(denied.status).toBe(403);
        expect(denied.body.code).toBe('42501');
      }
      if (fn === 'coord_resend_message') {
        // Denied callers changed nothing.
        expect((await sql('select status from xinghuo.messages where id = $1', [a.p_id]))[0].status).toBe('dead');
      }
      const ok = await rpc(fn, a, t.coordinator);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    });
  }
});

describe('coord_dead_messages / coord_resend_message', () => {
  it('lists dead letters with masked recipients, newest first', async () => {
    const sms = await deadMessage('13712345678');
    const mail = await deadMessage('wang.laoshi@example.org', 'email');
    const r = await rpc('coord_dead_messages', {}, t.coordinator);
    const mine = r.body.filter((m: { id: number }) => m.id === sms || m.id === mail);
    expect(mine).toEqual([
      expect.objectContaining({ id: mail, channel: 'email', recipient_masked: 'w***@example.org', kind: 'reminder', attempts: 5 }),
      expect.objectContaining({ id: sms, channel: 'sms', recipient_masked: '137****5678', last_error: 'aliyun:isv.BUSINESS_LIMIT_CONTROL' }),
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/13712345678|wang\.laoshi/);
  });

  it('a resend re-queues once, keeps who and when in the history, and adds the delivery job', async () => {
    const id = await deadMessage();
    const r = await rpc('coord_resend_message', { p_id: id }, t.coordinator);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, status: 'queued' });
    const [h] = await sql(`select by_user, from_status, to_status from xinghuo.message_history where message_id = $1`, [id]);
    expect(h).toMatchObject({ from_status: 'dead', to_status: 'queued', by_user: expect.any(String) });
    const [m] = await sql('select idempotency_key, attempts from xinghuo.messages where id = $1', [id]);
    expect(m.attempts).toBe(5); // earlier attempts stay counted
    expect(await sql('select 1 from graphile_worker.jobs where key = $1', [m.idempotency_key])).toHaveLength(1);
    const again = await rpc('coord_resend_message', { p_id: id }, t.coordinator);
    expect(again).toMatchObject({ status: 400, body: { message: 'message_not_dead' } });
    const missing = await rpc('coord_resend_message', { p_id: 999999999 }, t.coordinator);
    expect(missing).toMatchObject({ status: 400, body: { message: 'message_not_found' } });
  });
});
