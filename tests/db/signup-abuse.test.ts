// What an anonymous caller can learn or break through sign_up: no free "is this number signed up?"
// oracle, no lock-out of someone else's number with throw-away sign-ups, limits that hold under
// concurrency, and a client address the client cannot choose.
import { describe, expect, it } from 'vitest';
import { createEvent, sql } from './harness';
import { api, randomIp, randomPhone, signUp, signupArgs, statusCounts, withLimit } from './signup-fixtures';

// How many answers of each kind: 'ok' for a sign-up made, else the refusal's code.
const tally = (answers: { status: number; body: { message?: string } }[]) => {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const kind = a.status === 200 ? 'ok' : (a.body.message ?? String(a.status));
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
};

const messages = (answers: { body: { message?: string; status?: string } }[]) =>
  answers.map((a) => a.body.message ?? a.body.status);

describe('answers do not reveal another person\'s sign-up', () => {
  it('a client over its limit gets the same answer for a signed-up number as for any other', async () => {
    const ev = await createEvent({ slots: { volunteer: 10 } });
    const victim = randomPhone();
    await signUp(ev.slug, { p_phone: victim });
    const attacker = randomIp();
    await withLimit('client', 2, async () => {
      for (let i = 0; i < 2; i++) await signUp(ev.slug, {}, attacker);
      const probeVictim = await api('sign_up', signupArgs(ev.slug, { p_phone: victim }), { ip: attacker });
      const probeStranger = await api('sign_up', signupArgs(ev.slug), { ip: attacker });
      expect(messages([probeVictim, probeStranger])).toEqual(['rate_limited_client', 'rate_limited_client']);
      expect(probeVictim).toEqual(probeStranger);
    });
  });

  it('a number over its own limit gets the limit answer, whether or not it holds a place here', async () => {
    const phone = randomPhone();
    const here = await createEvent();
    await signUp(here.slug, { p_phone: phone });
    await withLimit('phone', 1, async () => {
      const elsewhere = await createEvent();
      expect(messages([
        await api('sign_up', signupArgs(here.slug, { p_phone: phone })),
        await api('sign_up', signupArgs(elsewhere.slug, { p_phone: phone })),
      ])).toEqual(['rate_limited_phone', 'rate_limited_phone']);
    });
  });
});

describe('throw-away sign-ups cannot lock out someone else\'s number', () => {
  it('sign-ups made and cancelled at once by another client leave the owner free to sign up', async () => {
    const [{ max_signups: limit }] = await sql(`select max_signups from xinghuo.signup_limits where scope = 'phone'`);
    const victim = randomPhone();
    const attacker = randomIp();
    const thrownAway = [];
    for (let i = 0; i < limit; i++) thrownAway.push(await signUp((await createEvent()).slug, { p_phone: victim }, attacker));
    const cancels = await Promise.all(thrownAway.map((s) => api('cancel_signup', { p_token: s.cancel_token })));
    expect(cancels.map((c) => c.status)).toEqual(Array(limit).fill(200));

    const ev = await createEvent();
    const owner = await api('sign_up', signupArgs(ev.slug, { p_phone: victim }));
    expect(owner.status, JSON.stringify(owner.body)).toBe(200);
    // Held for the owner while the code is entered (a real row, not the decoy of a taken number).
    expect(owner.body.status).toBe('pending');
    expect(await statusCounts(ev.id)).toEqual({ pending: 1 });
  });

  it('places a number still holds keep counting towards its limit', async () => {
    const phone = randomPhone();
    await withLimit('phone', 2, async () => {
      const kept = await signUp((await createEvent()).slug, { p_phone: phone });
      const cancelled = await signUp((await createEvent()).slug, { p_phone: phone });
      await api('cancel_signup', { p_token: cancelled.cancel_token });
      await signUp((await createEvent()).slug, { p_phone: phone });
      expect((await api('sign_up', signupArgs((await createEvent()).slug, { p_phone: phone }))).body.message).toBe('rate_limited_phone');
      expect(kept.status).toBe('confirmed');
    });
  });
});

describe('limits hold under concurrency (counted under a lock per phone and per client)', () => {
  // A race may not show in one burst, so each test sends several, each from a fresh number or
  // address; every one of them must stop exactly at the limit.
  const BURSTS = 5;

  it(`one number signing up for 12 events at once gets exactly its limit of 5 through (${BURSTS} bursts)`, async () => {
    const [{ max_signups: limit }] = await sql(`select max_signups from xinghuo.signup_limits where scope = 'phone'`);
    const events = await Promise.all(Array.from({ length: 12 }, () => createEvent()));
    const bursts = [];
    for (let burst = 0; burst < BURSTS; burst++) {
      const phone = randomPhone();
      bursts.push(tally(await Promise.all(events.map((ev) => api('sign_up', signupArgs(ev.slug, { p_phone: phone }))))));
    }
    expect(bursts).toEqual(Array(BURSTS).fill({ ok: limit, rate_limited_phone: events.length - limit }));
  });

  it(`one client sending 48 sign-ups over 8 events at once gets exactly its limit of 30 through (${BURSTS} bursts)`, async () => {
    const [{ max_signups: limit }] = await sql(`select max_signups from xinghuo.signup_limits where scope = 'client'`);
    const events = await Promise.all(Array.from({ length: 8 }, () => createEvent({ slots: { volunteer: 10 } })));
    const bursts = [];
    for (let burst = 0; burst < BURSTS; burst++) {
      const ip = randomIp();
      bursts.push(tally(await Promise.all(
        Array.from({ length: 48 }, (_, i) => api('sign_up', signupArgs(events[i % 8]!.slug), { ip })),
      )));
    }
    expect(bursts).toEqual(Array(BURSTS).fill({ ok: limit, rate_limited_client: 48 - limit }));
  });
});

// Behind a real proxy chain (Supabase's API gateway, a CDN) PostgREST passes the whole
// x-forwarded-for list in request.headers; the local gateway always sends one entry (the socket
// address, tests/db/gateway-privacy.test.ts), so the hop rule is checked on the SQL function itself,
// with request.headers as PostgREST sets it.
async function clientAddressSeen(headers: Record<string, string>): Promise<string> {
  const json = JSON.stringify(headers).replaceAll("'", "''");
  const [row] = await sql(`select set_config('request.headers', '${json}', true); select xinghuo.request_client_address() as addr`);
  return row.addr;
}

describe('client address: the x-forwarded-for hop the trusted proxy added', () => {
  it('reads the right-most entry, so addresses the client writes in front of it do not count', async () => {
    expect(await clientAddressSeen({ 'x-forwarded-for': '198.51.100.9, 203.0.113.7' })).toBe('203.0.113.7');
    expect(await clientAddressSeen({ 'x-forwarded-for': ' 203.0.113.7 ' })).toBe('203.0.113.7');
    expect(await clientAddressSeen({ 'x-real-ip': '203.0.113.8' })).toBe('203.0.113.8');
    expect(await clientAddressSeen({})).toBe('unknown');
  });

  it('with two trusted hops (a CDN in front of the API proxy), reads the second entry from the right', async () => {
    await sql(`update xinghuo.client_address_settings set trusted_proxy_hops = 2`);
    try {
      expect(await clientAddressSeen({ 'x-forwarded-for': '198.51.100.9, 203.0.113.7, 192.0.2.1' })).toBe('203.0.113.7');
      // Fewer entries than trusted hops: the left-most is the best there is.
      expect(await clientAddressSeen({ 'x-forwarded-for': '203.0.113.7' })).toBe('203.0.113.7');
    } finally {
      await sql(`update xinghuo.client_address_settings set trusted_proxy_hops = 1`);
    }
  });

  it('keeps the number of trusted hops within sense', async () => {
    await expect(sql(`update xinghuo.client_address_settings set trusted_proxy_hops = 0`)).rejects.toThrow(/check/);
    const [row] = await sql(`select trusted_proxy_hops from xinghuo.client_address_settings`);
    expect(row.trusted_proxy_hops).toBe(1);
  });
});

// The flood from issue 11: one script rotating a forged X-Forwarded-For on every request. The
// gateway overwrites the header with the socket's address, so all of it is one client, held to the
// production client limit (30 an hour), however many addresses it claims.
describe('one client rotating forged X-Forwarded-For headers', () => {
  it('100 sign-ups claiming 100 addresses are limited as one client', async () => {
    const ev = await createEvent({ slots: { volunteer: 200 } });
    const [limit] = await sql<{ max_signups: number }>(`select max_signups from xinghuo.signup_limits where scope = 'client'`);
    const client = randomIp();
    const answers = [];
    for (let i = 0; i < 100; i++) {
      answers.push(await api('sign_up', signupArgs(ev.slug), { ip: client, headers: { 'x-forwarded-for': `198.51.100.${i + 1}, 203.0.113.${i + 1}` } }));
    }
    expect(tally(answers)).toEqual({ ok: limit!.max_signups, rate_limited_client: 100 - limit!.max_signups });
  });
});
