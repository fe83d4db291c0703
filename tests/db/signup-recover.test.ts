// "找回我的报名": phone + SMS code lists that number's active sign-ups with new working links; asking
// reveals nothing about the number; codes are limited like the sign-up's; callers allowed per role.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, sql, tokens, type Tokens } from './harness';
import { api, randomPhone, signUp } from './signup-fixtures';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

async function recoveryCode(phone: string): Promise<string | undefined> {
  const [row] = await sql(`select params ->> 'code' as code from xinghuo.messages
                           where recipient = $1 and idempotency_key like 'recovery:%' order by id desc limit 1`, [phone]);
  return row?.code;
}

describe('request_recovery and recover_signups', () => {
  it('the code lists the active sign-ups with new links; the lost link stops working', async () => {
    const [a, b] = [await createEvent(), await createEvent({ startsInHours: 72 })];
    const phone = randomPhone();
    const first = await signUp(a.slug, { p_phone: phone });
    await signUp(b.slug, { p_phone: phone });
    const cancelled = await signUp((await createEvent()).slug, { p_phone: phone });
    await api('cancel_signup', { p_token: cancelled.cancel_token });

    const requestId = randomUUID();
    const asked = await api('request_recovery', { p_request_id: requestId, p_phone: phone });
    expect(asked.body.status).toBe('code_sent');
    // A retry of the same request sends no second code.
    expect((await api('request_recovery', { p_request_id: requestId, p_phone: phone })).body).toEqual(asked.body);
    const [{ n }] = await sql(`select count(*)::int as n from xinghuo.messages where recipient = $1 and idempotency_key like 'recovery:%'`, [phone]);
    expect(n).toBe(1);
    const code = (await recoveryCode(phone))!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await api('recover_signups', { p_request_id: requestId, p_code: wrong })).body).toEqual({ verified: false, reason: 'code_wrong', attempts_left: 4 });
    const ok = await api('recover_signups', { p_request_id: requestId, p_code: code });
    expect(ok.body.verified).toBe(true);
    expect(ok.body.signups.map((s: { event_slug: string }) => s.event_slug)).toEqual([a.slug, b.slug]);
    for (const s of ok.body.signups) {
      expect((await api('signup_status', { p_token: s.manage_token })).body.status).toBe('confirmed');
    }
    expect((await api('signup_status', { p_token: first.cancel_token })).body.message).toBe('token_not_found');
    // One use only.
    expect((await api('recover_signups', { p_request_id: requestId, p_code: code })).body).toEqual({ verified: false, reason: 'code_expired' });
  });

  it('the volunteer\'s pages name the role as the catalogue does now, a renamed role by its new name', async () => {
    const role = `recover_role_${randomUUID().slice(0, 8)}`;
    await sql('insert into xinghuo.volunteer_roles (id, label, sort_order) values ($1, $2, 900)', [role, `找回测试岗位${role.slice(-8)}`]);
    const ev = await createEvent({ slots: { [role]: 2 } });
    const phone = randomPhone();
    const signed = await signUp(ev.slug, { p_phone: phone, p_role: role });
    await sql('update xinghuo.volunteer_roles set label = $2 where id = $1', [role, `改名的岗位${role.slice(-8)}`]);
    expect((await api('signup_status', { p_token: signed.cancel_token })).body).toMatchObject({ role, role_label: `改名的岗位${role.slice(-8)}` });
    const requestId = randomUUID();
    await api('request_recovery', { p_request_id: requestId, p_phone: phone });
    const ok = await api('recover_signups', { p_request_id: requestId, p_code: (await recoveryCode(phone))! });
    expect(ok.body.signups).toEqual([expect.objectContaining({ event_slug: ev.slug, role, role_label: `改名的岗位${role.slice(-8)}` })]);
  });

  it('a number without sign-ups gets the same answer and no SMS', async () => {
    const phone = randomPhone();
    const res = await api('request_recovery', { p_request_id: randomUUID(), p_phone: phone });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['expires_at', 'status']);
    expect(res.body.status).toBe('code_sent');
    expect(await recoveryCode(phone)).toBeUndefined();
  });

  it('five wrong codes end the request; three requests an hour per number; bad input refused', async () => {
    const phone = randomPhone();
    await signUp((await createEvent()).slug, { p_phone: phone });
    const requestId = randomUUID();
    await api('request_recovery', { p_request_id: requestId, p_phone: phone });
    const code = (await recoveryCode(phone))!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i++) expect((await api('recover_signups', { p_request_id: requestId, p_code: wrong })).body.reason).toBe('code_wrong');
    expect((await api('recover_signups', { p_request_id: requestId, p_code: wrong })).body.reason).toBe('code_attempts_exceeded');
    expect((await api('recover_signups', { p_request_id: requestId, p_code: code })).body.verified).toBe(false);
    await api('request_recovery', { p_request_id: randomUUID(), p_phone: phone });
    await api('request_recovery', { p_request_id: randomUUID(), p_phone: phone });
    expect((await api('request_recovery', { p_request_id: randomUUID(), p_phone: phone })).body.message).toBe('recovery_rate_limited');
    expect((await api('request_recovery', { p_request_id: randomUUID(), p_phone: '12345' })).body.message).toBe('phone_invalid');
    expect((await api('request_recovery', { p_request_id: 'x', p_phone: phone })).body.message).toBe('request_id_invalid');
    expect((await api('recover_signups', { p_request_id: randomUUID(), p_code: 'abc' })).body.message).toBe('code_invalid');
  });

  it('allowed for anon, a signed-in non-coordinator and a coordinator; not the service role', async () => {
    for (const caller of ['anon', 'user', 'coordinator'] as const) {
      const asked = await api('request_recovery', { p_request_id: randomUUID(), p_phone: randomPhone() }, { token: t[caller] });
      expect(asked.status, caller).toBe(200);
      expect((await api('recover_signups', { p_request_id: randomUUID(), p_code: '123456' }, { token: t[caller] })).status).toBe(200);
    }
    expect((await api('request_recovery', { p_request_id: randomUUID(), p_phone: randomPhone() }, { token: t.service })).status).toBe(403);
    expect((await api('recover_signups', { p_request_id: randomUUID(), p_code: '123456' }, { token: t.service })).status).toBe(403);
  });
});
