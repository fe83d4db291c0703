// Phone verification (issue 11): a sign-up holds its place as `pending` until the SMS code is
// entered; wrong codes are counted and end the hold; an ended hold passes the place on in arrival
// order; a number that already holds a place gets the same "code sent" answer as a new one.
import { describe, expect, it } from 'vitest';
import { createEvent, sql } from './harness';
import { api, codeFor, randomPhone, signupArgs, signUp, statusCounts, verify } from './signup-fixtures';

async function pending(slug: string, over: Record<string, unknown> = {}) {
  const args = signupArgs(slug, over);
  const res = await api('sign_up', args);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { requestId: String(args.p_request_id), args, body: res.body };
}

/** Moves a pending sign-up's hold into the past, as ten minutes passing would. */
async function expireHold(requestId: string) {
  await sql(`update xinghuo.signups set hold_expires_at = now() - interval '1 second'
             where request_id_hash = xinghuo.signup_hmac('request-id', $1::uuid)`, [requestId]);
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('sign_up holds, verify_signup confirms', () => {
  it('answers pending without token or check-in code, sends one code, and a retry sends no second', async () => {
    const ev = await createEvent({ slots: { volunteer: 2 } });
    const p = await pending(ev.slug);
    expect(Object.keys(p.body).sort()).toEqual(['expires_at', 'status']);
    expect(p.body.status).toBe('pending');
    const minutes = (Date.parse(p.body.expires_at) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
    const again = await api('sign_up', p.args);
    expect(again.body).toEqual(p.body);
    const [{ n }] = await sql(`select count(*)::int as n from xinghuo.messages where kind = 'verification_code' and recipient = $1`, [p.args.p_phone]);
    expect(n).toBe(1);
    expect(await codeFor(p.requestId)).toMatch(/^\d{6}$/);
    expect(await statusCounts(ev.id)).toEqual({ pending: 1 });
  });

  it('the right code confirms and gives the token; its answer (with the link) is queued; a retry answers the same', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const p = await pending(ev.slug);
    const ok = await verify(p.requestId);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verified: true, status: 'confirmed', waitlist_position: null });
    expect(ok.body.cancel_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [msg] = await sql(`select kind, params from xinghuo.messages where recipient = $1 and kind = 'signup_confirmed'`, [p.args.p_phone]);
    expect(msg.params.link).toBe(`http://127.0.0.1:4321/signup/manage/#t=${ok.body.cancel_token}`);
    expect((await verify(p.requestId)).body).toEqual(ok.body);
    expect((await api('signup_status', { p_token: ok.body.cancel_token })).body.status).toBe('confirmed');
  });

  it('pending holds count against places; a later arrival is waitlisted behind them once verified', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const first = await pending(ev.slug);
    const second = await pending(ev.slug);
    // The second verifies first: the place is the first arrival's while its hold lasts.
    expect((await verify(second.requestId)).body).toMatchObject({ verified: true, status: 'waitlisted', waitlist_position: 1 });
    expect((await verify(first.requestId)).body).toMatchObject({ verified: true, status: 'confirmed' });
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 1, waitlisted: 1 });
  });

  it('wrong codes are counted (not rolled back); the fifth ends the hold and promotes the next person, who is told', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const holder = await pending(ev.slug);
    const next = await signUp(ev.slug);
    expect(next.status).toBe('waitlisted');
    const code = await codeFor(holder.requestId);
    for (let left = 4; left >= 1; left--) {
      expect((await verify(holder.requestId, wrongCode(code))).body).toEqual({ verified: false, reason: 'code_wrong', attempts_left: left });
    }
    expect((await verify(holder.requestId, wrongCode(code))).body).toEqual({ verified: false, reason: 'code_attempts_exceeded' });
    // The right code is too late now.
    expect((await verify(holder.requestId, code)).body).toEqual({ verified: false, reason: 'code_attempts_exceeded' });
    expect((await api('signup_status', { p_token: next.cancel_token })).body.status).toBe('confirmed');
    const [{ n }] = await sql(`select count(*)::int as n from xinghuo.messages where kind = 'promoted' and idempotency_key like 'promoted:%'
                               and params ->> 'event' = (select title from xinghuo.events where id = $1)`, [ev.id]);
    expect(n).toBe(1);
  });

  it('an expired hold never blocks a real volunteer: the next sign-up takes the place', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const phone = randomPhone();
    const squatter = await pending(ev.slug, { p_phone: phone });
    await expireHold(squatter.requestId);
    // The owner of the number signs up after the squatter's hold is due: a real place, confirmed.
    const owner = await signUp(ev.slug, { p_phone: phone });
    expect(owner.status).toBe('confirmed');
    expect((await verify(squatter.requestId)).body).toEqual({ verified: false, reason: 'code_expired' });
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 1, cancelled: 1 });
  });

  it('expire_signup_holds (the crontab) frees due places and hands them to the next pending arrival', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const a = await pending(ev.slug);
    const b = await pending(ev.slug);
    await expireHold(a.requestId);
    await sql(`select public.expire_signup_holds()`);
    expect((await verify(b.requestId)).body).toMatchObject({ verified: true, status: 'confirmed' });
  });

  it('a number that already holds a place gets the same answer, its owner an SMS, and the caller nothing else', async () => {
    const ev = await createEvent({ slots: { volunteer: 2 } });
    const phone = randomPhone();
    const owner = await signUp(ev.slug, { p_phone: phone });
    const before = await statusCounts(ev.id);
    const other = await pending(ev.slug, { p_phone: phone, p_name: '冒名者' });
    expect(Object.keys(other.body).sort()).toEqual(['expires_at', 'status']);
    expect(other.body.status).toBe('pending');
    expect(await statusCounts(ev.id)).toEqual(before);
    const [msg] = await sql(`select params from xinghuo.messages where recipient = $1 and kind = 'already_signed_up'`, [phone]);
    expect(msg.params.event).toContain('测试活动');
    // Guessing codes behaves as for a real pending sign-up whose code the caller does not have.
    expect((await verify(other.requestId, '000000')).body).toEqual({ verified: false, reason: 'code_wrong', attempts_left: 4 });
    expect((await api('sign_up', other.args)).body).toEqual(other.body);
    expect((await api('signup_status', { p_token: owner.cancel_token })).body.status).toBe('confirmed');
  });

  it('bad input: a malformed code or request id is refused and counts nothing', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const p = await pending(ev.slug);
    for (const code of ['12345', '1234567', 'abcdef', '', null]) {
      const res = await api('verify_signup', { p_request_id: p.requestId, p_code: code });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('code_invalid');
    }
    expect((await api('verify_signup', { p_request_id: 'nope', p_code: '123456' })).body.message).toBe('request_id_invalid');
    expect((await api('verify_signup', { p_request_id: crypto.randomUUID(), p_code: '123456' })).body.message).toBe('signup_not_found');
    // Full-width digits are the same code.
    const code = await codeFor(p.requestId);
    const wide = [...code].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect((await verify(p.requestId, wide)).body).toMatchObject({ verified: true, status: 'confirmed' });
  });
});
