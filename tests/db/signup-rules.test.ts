// The sign-up rules end to end through the API: confirm then waitlist in arrival order, one active
// place per phone, tokens stored only as hashes, cancel with promotion, withdraw, status, availability.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEvent, sql } from './harness';
import { api, randomPhone, signUp, signupArgs, statusCounts } from './signup-fixtures';

describe('sign_up', () => {
  it('confirms while the role has slots, then waitlists in arrival order', async () => {
    const ev = await createEvent({ slots: { volunteer: 2, lawyer: 1 } });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await signUp(ev.slug));
    expect(results.map((r) => [r.status, r.waitlist_position])).toEqual([
      ['confirmed', null], ['confirmed', null], ['waitlisted', 1], ['waitlisted', 2], ['waitlisted', 3],
    ]);
    // Another role keeps its own count.
    expect((await signUp(ev.slug, { p_role: 'lawyer' })).status).toBe('confirmed');
    const avail = await api('event_availability', { p_event_slug: ev.slug });
    expect(avail.body.roles.map(({ id, slots, confirmed, waitlisted }: Record<string, unknown>) => ({ id, slots, confirmed, waitlisted }))).toEqual([
      { id: 'lawyer', slots: 1, confirmed: 1, waitlisted: 0 },
      { id: 'volunteer', slots: 2, confirmed: 2, waitlisted: 3 },
    ]);
  });

  it('promotes the waitlist in arrival order when the programme raises the places', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await signUp(ev.slug));
    expect(results.map((r) => r.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);

    const places = (n: number) => sql(`update xinghuo.event_slots set slots = $2 where event_id = $1 and role = 'volunteer'`, [ev.id, n]);
    await places(3);
    const rows = await sql<{ status: string; promoted: boolean }>(
      `select status, promoted_at is not null as promoted from xinghuo.signups where event_id = $1 order by arrival`,
      [ev.id],
    );
    expect(rows).toEqual([
      { status: 'confirmed', promoted: false },
      { status: 'confirmed', promoted: true },
      { status: 'confirmed', promoted: true },
      { status: 'waitlisted', promoted: false },
    ]);
    // Fewer places never demotes anyone already confirmed.
    await places(1);
    expect(await statusCounts(ev.id)).toMatchObject({ confirmed: 3, waitlisted: 1 });
  });

  it('stores normalised data, the notice version and only a hash of the token', async () => {
    const ev = await createEvent();
    const r = await signUp(ev.slug, { p_name: '  王 五 ', p_phone: '+86 137-0000 1111', p_organisation: '　中国银行（市南支行） ' });
    expect(r.cancel_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.checkin_code).toMatch(/^[0-9]{6}$/);
    const [row] = await sql(`select * from xinghuo.signups where event_id = $1`, [ev.id]);
    expect(row).toMatchObject({ name: '王 五', phone: '13700001111', organisation: '中国银行（市南支行）',
      consent_version: '2026-11', status: 'confirmed', checkin_code: r.checkin_code });
    expect(row.consented_at).toBeInstanceOf(Date);
    expect(Buffer.from(row.cancel_token_hash).equals(createHash('sha256').update(r.cancel_token).digest())).toBe(true);
    expect(JSON.stringify(row)).not.toContain(r.cancel_token);
  });

  it('holds one place per phone while its place is active (a second try stores nothing), again after cancelling', async () => {
    const ev = await createEvent();
    const phone = randomPhone();
    const first = await signUp(ev.slug, { p_phone: phone });
    const again = await api('sign_up', signupArgs(ev.slug, { p_phone: phone, p_role: 'volunteer' }));
    expect(again.body.status).toBe('pending'); // the same answer as for a free number (signup-verify)
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 1 });
    expect((await api('cancel_signup', { p_token: first.cancel_token })).status).toBe(200);
    expect((await signUp(ev.slug, { p_phone: phone })).status).toBe('confirmed');
  });

  it('gives every sign-up of an event a different check-in code', async () => {
    const ev = await createEvent({ slots: { volunteer: 40 } });
    const codes = new Set<string>();
    for (let i = 0; i < 40; i++) codes.add((await signUp(ev.slug)).checkin_code);
    expect(codes.size).toBe(40);
  });
});

describe('rate limits (configurable in xinghuo.signup_limits)', () => {
  it('refuses a phone past its limit across events, storing nothing', async () => {
    const [limit] = await sql(`select max_signups from xinghuo.signup_limits where scope = 'phone'`);
    const phone = randomPhone();
    for (let i = 0; i < limit.max_signups; i++) await signUp((await createEvent()).slug, { p_phone: phone });
    const ev = await createEvent();
    const res = await api('sign_up', signupArgs(ev.slug, { p_phone: phone }));
    expect(res.body).toMatchObject({ message: 'rate_limited_phone', hint: 'phone' });
    expect(await statusCounts(ev.id)).toEqual({});
  });

  it('refuses one client address past its limit; other addresses still get through', async () => {
    const ev = await createEvent({ slots: { volunteer: 10 } });
    const [{ max_signups: original }] = await sql(`select max_signups from xinghuo.signup_limits where scope = 'client'`);
    await sql(`update xinghuo.signup_limits set max_signups = 3 where scope = 'client'`);
    try {
      const ip = '203.0.113.7';
      for (let i = 0; i < 3; i++) expect((await api('sign_up', signupArgs(ev.slug), { ip })).status).toBe(200);
      // The client is the socket's address: headers claiming another one change nothing.
      const refused = await api('sign_up', signupArgs(ev.slug), { ip, headers: { 'x-forwarded-for': '198.51.100.9' } });
      expect(refused.body).toMatchObject({ message: 'rate_limited_client' });
      const viaRealIp = await api('sign_up', signupArgs(ev.slug), { ip, headers: { 'x-real-ip': '198.51.100.10' } });
      expect(viaRealIp.body).toMatchObject({ message: 'rate_limited_client' });
      expect((await api('sign_up', signupArgs(ev.slug), { ip: '198.51.100.1' })).status).toBe(200);
      expect(await statusCounts(ev.id)).toEqual({ pending: 4 });
    } finally {
      await sql(`update xinghuo.signup_limits set max_signups = $1 where scope = 'client'`, [original]);
    }
  });

  it('keeps no phone number or address in clear in the rate-limit log', async () => {
    const phone = randomPhone();
    await signUp((await createEvent()).slug, { p_phone: phone });
    const rows = await sql(`select count(*)::int as n from xinghuo.signup_rate_log
      where position(convert_to($1, 'UTF8') in key_hash) > 0`, [phone]);
    expect(rows[0].n).toBe(0);
    const [{ n }] = await sql(`select count(*)::int as n from xinghuo.signup_rate_log where octet_length(key_hash) <> 32`);
    expect(n).toBe(0);
  });
});

describe('cancel_signup', () => {
  it('frees the place and promotes the earliest waitlisted person; twice is harmless', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const a = await signUp(ev.slug);
    const b = await signUp(ev.slug);
    const c = await signUp(ev.slug);
    expect(await api('cancel_signup', { p_token: a.cancel_token })).toEqual({ status: 200, body: { status: 'cancelled', already: false } });
    expect((await api('signup_status', { p_token: b.cancel_token })).body).toMatchObject({ status: 'confirmed', waitlist_position: null });
    expect((await api('signup_status', { p_token: c.cancel_token })).body).toMatchObject({ status: 'waitlisted', waitlist_position: 1 });
    expect(await api('cancel_signup', { p_token: a.cancel_token })).toEqual({ status: 200, body: { status: 'cancelled', already: true } });
    expect(await statusCounts(ev.id)).toEqual({ cancelled: 1, confirmed: 1, waitlisted: 1 });
    const [promoted] = await sql(`select promoted_at from xinghuo.signups where event_id = $1 and status = 'confirmed'`, [ev.id]);
    expect(promoted.promoted_at).toBeInstanceOf(Date);
  });

  it('cancelling a waitlisted person promotes no one and moves the others up', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    await signUp(ev.slug);
    const w1 = await signUp(ev.slug);
    const w2 = await signUp(ev.slug);
    await api('cancel_signup', { p_token: w1.cancel_token });
    expect((await api('signup_status', { p_token: w2.cancel_token })).body.waitlist_position).toBe(1);
    expect(await statusCounts(ev.id)).toEqual({ cancelled: 1, confirmed: 1, waitlisted: 1 });
  });

  it('refuses bad tokens, ended events and checked-in volunteers', async () => {
    expect((await api('cancel_signup', { p_token: 'short' })).body).toMatchObject({ message: 'token_invalid', hint: 'token' });
    expect((await api('cancel_signup', { p_token: null })).body.message).toBe('token_invalid');
    expect((await api('cancel_signup', { p_token: 'A'.repeat(43) })).body.message).toBe('token_not_found');
    const ev = await createEvent();
    const a = await signUp(ev.slug);
    const b = await signUp(ev.slug);
    await sql(`update xinghuo.signups set checked_in_at = now() where event_id = $1 and checkin_code = $2`, [ev.id, a.checkin_code]);
    expect((await api('cancel_signup', { p_token: a.cancel_token })).body.message).toBe('already_checked_in');
    await sql(`update xinghuo.events set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = $1`, [ev.id]);
    expect((await api('cancel_signup', { p_token: b.cancel_token })).body.message).toBe('event_past');
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 2 });
  });
});

describe('withdraw_signup', () => {
  it('cancels an active place, passes it on, and deletes the personal data; twice is harmless', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 } });
    const a = await signUp(ev.slug, { p_organisation: '某社区' });
    const b = await signUp(ev.slug);
    expect((await api('withdraw_signup', { p_token: a.cancel_token })).body).toEqual({ status: 'withdrawn', already: false, cancelled: true });
    const [row] = await sql(`select name, phone, organisation, status, anonymised_at from xinghuo.signups where checkin_code = $1 and event_id = $2`, [a.checkin_code, ev.id]);
    expect(row).toMatchObject({ name: null, phone: null, organisation: null, status: 'cancelled' });
    expect(row.anonymised_at).toBeInstanceOf(Date);
    expect((await api('signup_status', { p_token: b.cancel_token })).body.status).toBe('confirmed');
    expect((await api('withdraw_signup', { p_token: a.cancel_token })).body).toEqual({ status: 'withdrawn', already: true, cancelled: false });
    expect((await api('signup_status', { p_token: a.cancel_token })).body).toMatchObject({ withdrawn: true, phone_masked: null });
  });

  it('after the event, keeps the status for the counts and only removes personal data', async () => {
    const ev = await createEvent();
    const a = await signUp(ev.slug);
    await sql(`update xinghuo.events set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = $1`, [ev.id]);
    expect((await api('withdraw_signup', { p_token: a.cancel_token })).body.cancelled).toBe(false);
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 1 });
    const [row] = await sql(`select name, phone from xinghuo.signups where event_id = $1`, [ev.id]);
    expect(row).toEqual({ name: null, phone: null });
  });
});

describe('signup_status and event_availability', () => {
  it('shows the volunteer their sign-up with the phone masked and no name', async () => {
    const ev = await createEvent({ title: '状态测试活动', slots: { volunteer: 1 } });
    await signUp(ev.slug);
    const r = await signUp(ev.slug, { p_phone: '13912345678', p_role: 'volunteer' });
    const res = await api('signup_status', { p_token: r.cancel_token });
    expect(res.body).toMatchObject({ event_slug: ev.slug, event_title: '状态测试活动', role: 'volunteer', status: 'waitlisted',
      waitlist_position: 1, phone_masked: '139****5678', checkin_code: r.checkin_code, withdrawn: false });
    expect(JSON.stringify(res.body)).not.toContain('13912345678');
    expect(Object.keys(res.body)).not.toContain('name');
  });

  it('availability lists roles with places and counts only: no personal data, unknown events not found', async () => {
    const ev = await createEvent({ slots: { bank_staff: 2, police: 0, volunteer: 1 } });
    await signUp(ev.slug, { p_name: '赵六' });
    const res = await api('event_availability', { p_event_slug: ev.slug });
    expect(res.body.roles.map(({ id, slots, confirmed, waitlisted }: Record<string, unknown>) => ({ id, slots, confirmed, waitlisted }))).toEqual([
      { id: 'bank_staff', slots: 2, confirmed: 0, waitlisted: 0 },
      { id: 'volunteer', slots: 1, confirmed: 1, waitlisted: 0 },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('赵六');
    expect((await api('event_availability', { p_event_slug: 'no-such-event' })).body).toMatchObject({ message: 'event_not_found' });
  });
});

describe('anonymise_expired_signups (service role)', () => {
  it('anonymises sign-ups N days after their event ended, keeps counts, is idempotent', async () => {
    const { tokens } = await import('./harness');
    const { service } = await tokens();
    const old = await createEvent();
    const recent = await createEvent();
    const a = await signUp(old.slug);
    await signUp(recent.slug);
    await sql(`update xinghuo.events set starts_at = now() - interval '101 days', ends_at = now() - interval '100 days' where id = $1`, [old.id]);
    await sql(`update xinghuo.events set starts_at = now() - interval '11 days', ends_at = now() - interval '10 days' where id = $1`, [recent.id]);

    const first = await api('anonymise_expired_signups', {}, { token: service });
    expect(first.status).toBe(200);
    expect(first.body).toBeGreaterThanOrEqual(1);
    const rows = await sql(`select event_id, name, phone, status, anonymised_at from xinghuo.signups where event_id = any($1)`, [[old.id, recent.id]]);
    const byEvent = Object.fromEntries(rows.map((r) => [Number(r.event_id), r]));
    expect(byEvent[old.id]).toMatchObject({ name: null, phone: null, status: 'confirmed' });
    expect(byEvent[recent.id].name).not.toBeNull();
    expect((await api('signup_status', { p_token: a.cancel_token })).body.message).toBe('token_not_found');
    expect((await api('anonymise_expired_signups', {}, { token: service })).body).toBe(0);

    expect((await api('anonymise_expired_signups', { p_retention_days: 5 }, { token: service })).body).toBeGreaterThanOrEqual(1);
    const [after] = await sql(`select name from xinghuo.signups where event_id = $1`, [recent.id]);
    expect(after.name).toBeNull();
    expect((await api('anonymise_expired_signups', { p_retention_days: -1 }, { token: service })).body.message).toBe('retention_days_invalid');
  });
});
