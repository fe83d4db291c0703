// A sign-up whose answer is lost after commit must stay reachable: the browser sends a request id
// it generated for the submission, and a retry with that id returns the original result with the
// same working manage token. Only hashes of the token and of the request id are stored.
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEvent, sql } from './harness';
import { api, randomPhone, signUp, signupArgs, statusCounts, storedRows, verify, withLimit } from './signup-fixtures';

describe('sign_up retried with the same request id', () => {
  it('returns the original status, position, code and a token that works; one row only', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    await signUp(ev.slug);
    const args = signupArgs(ev.slug);
    const first = await api('sign_up', args);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.status).toBe('pending');
    // The first answer never reached the browser; it sends the same submission again: no second code.
    expect(await api('sign_up', args)).toEqual(first);
    const requestId = String(args.p_request_id);
    const verified = await verify(requestId);
    expect(verified.body).toMatchObject({ verified: true, status: 'waitlisted', waitlist_position: 1 });

    // Once verified, a retry (lost answer, reload) returns the sign-up with the same token.
    const retry = await api('sign_up', args);
    expect(retry.body).toMatchObject({ status: 'waitlisted', waitlist_position: 1, cancel_token: verified.body.cancel_token });
    expect(await api('sign_up', args)).toEqual(retry);
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 1, waitlisted: 1 });
    const [{ n }] = await sql(`select count(*)::int as n from xinghuo.messages where idempotency_key like 'code:%' and recipient = $1`, [args.p_phone]);
    expect(n).toBe(1);

    const token = retry.body.cancel_token;
    expect((await api('signup_status', { p_token: token })).body).toMatchObject({ status: 'waitlisted', waitlist_position: 1 });
    expect((await api('cancel_signup', { p_token: token })).body).toEqual({ status: 'cancelled', already: false });
  });

  it('is answered even when the client has used up its limit meanwhile (a retry is not a new sign-up)', async () => {
    const ev = await createEvent({ slots: { volunteer: 5 } });
    const ip = '198.51.100.77';
    await withLimit('client', 1, async () => {
      const args = signupArgs(ev.slug);
      const first = await api('sign_up', args, { ip });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect((await api('sign_up', signupArgs(ev.slug), { ip })).body.message).toBe('rate_limited_client');
      expect(await api('sign_up', args, { ip })).toEqual(first);
    });
  });

  it('two simultaneous sends of one submission (double tap + retry) make one sign-up with one answer', async () => {
    const ev = await createEvent({ slots: { volunteer: 3 } });
    const args = signupArgs(ev.slug);
    const answers = await Promise.all(Array.from({ length: 6 }, () => api('sign_up', args)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(await statusCounts(ev.id)).toEqual({ pending: 1 });
  });

  it('stores neither the token nor the request id, only their hashes', async () => {
    const ev = await createEvent();
    const requestId = randomUUID();
    const r = await signUp(ev.slug, { p_request_id: requestId });
    const [row] = await sql(`select * from xinghuo.signups where event_id = $1`, [ev.id]);
    expect(Buffer.from(row.cancel_token_hash).equals(createHash('sha256').update(r.cancel_token).digest())).toBe(true);
    expect(row.request_id_hash).toBeInstanceOf(Buffer);
    expect(row.request_id_hash).toHaveLength(32);
    const everything = JSON.stringify(row) + Buffer.from(row.request_id_hash).toString('hex');
    for (const secret of [r.cancel_token, requestId, requestId.replaceAll('-', '')]) expect(everything).not.toContain(secret);
    // The token is not a plain hash of the request id either: it needs the server's secret.
    expect(r.cancel_token).not.toBe(createHash('sha256').update(requestId).digest('base64url'));
  });

  it('different request ids for the same submission still meet the one-place-per-phone rule', async () => {
    const ev = await createEvent();
    const phone = randomPhone();
    await signUp(ev.slug, { p_phone: phone });
    expect((await api('sign_up', signupArgs(ev.slug, { p_phone: phone }))).body.status).toBe('pending');
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 1 });
  });

  it('refuses a request id reused for another phone or event, storing nothing', async () => {
    const ev = await createEvent();
    const other = await createEvent();
    const requestId = randomUUID();
    await signUp(ev.slug, { p_request_id: requestId });
    for (const over of [{ p_phone: randomPhone() }, { p_event_slug: other.slug }]) {
      const before = await storedRows();
      const res = await api('sign_up', signupArgs(ev.slug, { p_request_id: requestId, ...over }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'P0001', message: 'request_id_reused', hint: 'request_id' });
      expect(await storedRows()).toEqual(before);
    }
  });
});
