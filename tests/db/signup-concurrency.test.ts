// Capacity under load, through the real HTTP API: 500 simultaneous sign-ups (holds) for 30 places,
// then all 500 codes entered at once, 20 times; a control proving the same load WOULD overbook
// without the event-row lock; and concurrent cancellations promoting each waitlisted person once.
//
// Rate limits: each simulated volunteer sends its own x-forwarded-for address (500 different
// people), so the per-client limit stays at its production value instead of being switched off.
import { afterAll, describe, expect, it } from 'vitest';
import { createEvent, sql } from './harness';
import { api, signUp, signupArgs, statusCounts } from './signup-fixtures';

const PEOPLE = 500;
const SLOTS = 30;
const RUNS = 20;

/** The codes the outbox holds for an event's pending sign-ups, by sign-up id. */
async function codesOf(eventId: number): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; code: string }>(
    `select s.id::text, m.params ->> 'code' as code from xinghuo.signups s
     join xinghuo.messages m on m.idempotency_key = 'code:' || s.id where s.event_id = $1`, [eventId]);
  return new Map(rows.map((r) => [r.id, r.code]));
}

async function burst(fn: string, ev: { id: number; slug: string }, run: number) {
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    args: signupArgs(ev.slug, { p_phone: `13${run % 10}${String(run * 1000 + i).padStart(8, '0')}` }),
    ip: `10.${100 + run}.${i >> 8}.${i & 255}`,
  }));
  const holds = await Promise.all(people.map((p) => api(fn, p.args, { ip: p.ip })));
  const held = holds.filter((r) => r.status === 200 && r.body.status === 'pending').length;
  // Every code, as each person's SMS carried it, entered at once.
  const codes = await codesOf(ev.id);
  const idOf = new Map((await sql<{ id: string; rid: string }>(
    `select s.id::text, x.rid from xinghuo.signups s
     join unnest($2::uuid[]) as x(rid) on s.request_id_hash = xinghuo.signup_hmac('request-id', x.rid)
     where s.event_id = $1`, [ev.id, people.map((p) => p.args.p_request_id)])).map((r) => [r.rid, r.id]));
  const results = await Promise.all(people.map((p) => api('verify_signup', {
    p_request_id: p.args.p_request_id, p_code: codes.get(idOf.get(String(p.args.p_request_id)) ?? '') ?? '000000',
  }, { ip: p.ip })));
  const count = (f: (r: (typeof results)[number]) => boolean) => results.filter(f).length;
  return {
    held,
    confirmed: count((r) => r.status === 200 && r.body.status === 'confirmed'),
    waitlisted: count((r) => r.status === 200 && r.body.status === 'waitlisted'),
    failed: count((r) => r.status !== 200 || r.body.verified !== true) + holds.filter((r) => r.status !== 200).length,
  };
}

describe(`${PEOPLE} concurrent sign-ups for ${SLOTS} places`, () => {
  it.each(Array.from({ length: RUNS }, (_, i) => i + 1))('run %i: exactly 30 confirmed, 470 waitlisted, 0 errors', async (run) => {
    const ev = await createEvent({ slots: { volunteer: SLOTS } });
    const r = await burst('sign_up', ev, run);
    expect(r).toEqual({ held: PEOPLE, confirmed: 30, waitlisted: 470, failed: 0 });
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 30, waitlisted: 470 });
    // The waitlist is in arrival order, whatever order the codes came in: places 1..470, each once.
    const positions = await sql<{ p: number }>(
      `select xinghuo.waitlist_position(id) as p from xinghuo.signups where event_id = $1 and status = 'waitlisted' order by arrival`, [ev.id]);
    expect(positions.map((x) => x.p)).toEqual(Array.from({ length: 470 }, (_, i) => i + 1));
    // The confirmed are the first 30 arrivals.
    const [{ late }] = await sql(`select count(*)::int as late from xinghuo.signups c where c.event_id = $1 and c.status = 'confirmed'
      and exists (select 1 from xinghuo.signups w where w.event_id = $1 and w.status = 'waitlisted' and w.arrival < c.arrival)`, [ev.id]);
    expect(late).toBe(0);
  });
});

describe('control: the same load without the FOR UPDATE lock overbooks', () => {
  afterAll(async () => {
    await sql('drop function if exists public.sign_up_unlocked_control(text, text, text, text, text, text, boolean, text, text)');
  });

  it('a copy of sign_up minus the lock holds (and, once codes are entered, confirms) more than 30', async () => {
    // Built from the real function's source, so the only difference is the missing lock.
    const [{ def }] = await sql(`select pg_get_functiondef('public.sign_up(text, text, text, text, text, text, boolean, text, text)'::regprocedure) as def`);
    expect(def).toContain('for update');
    const unlocked = def.replace('public.sign_up(', 'public.sign_up_unlocked_control(').replace(/\s+for update;/, ';');
    expect(unlocked).not.toContain('for update');
    await sql(unlocked);
    await sql('grant execute on function public.sign_up_unlocked_control(text, text, text, text, text, text, boolean, text, text) to anon');

    // Overbooking is a race, so it may not show in one burst: up to 10 bursts, each on a
    // fresh event; a single overbooked event proves the load can expose a missing lock.
    const seen: number[] = [];
    for (let attempt = 0; attempt < 10 && !seen.some((n) => n > SLOTS); attempt++) {
      const ev = await createEvent({ slots: { volunteer: SLOTS } });
      const r = await burst('sign_up_unlocked_control', ev, 90 + attempt);
      expect(r.failed).toBe(0);
      seen.push((await statusCounts(ev.id)).confirmed ?? 0);
    }
    console.info(`control without lock: confirmed per burst ${seen.join(', ')} for ${SLOTS} places`);
    expect(Math.max(...seen)).toBeGreaterThan(SLOTS);
  });
});

describe('concurrent cancellations', () => {
  it('promote each waitlisted person exactly once, in arrival order', async () => {
    const ev = await createEvent({ slots: { volunteer: 10 } });
    const people = [];
    for (let i = 0; i < 30; i++) people.push(await signUp(ev.slug));
    const confirmed = people.slice(0, 10);
    // Every confirmed person cancels twice at once (double-click), all at the same moment.
    const results = await Promise.all(
      [...confirmed, ...confirmed].map((p) => api('cancel_signup', { p_token: p.cancel_token })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.already === false)).toHaveLength(10);
    expect(await statusCounts(ev.id)).toEqual({ cancelled: 10, confirmed: 10, waitlisted: 10 });

    const statuses = await Promise.all(people.slice(10).map((p) => api('signup_status', { p_token: p.cancel_token })));
    expect(statuses.map((s) => s.body.status)).toEqual([...Array(10).fill('confirmed'), ...Array(10).fill('waitlisted')]);
    expect(statuses.slice(10).map((s) => s.body.waitlist_position)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    const [{ n }] = await sql(`select count(*)::int as n from xinghuo.signups where event_id = $1 and promoted_at is not null`, [ev.id]);
    expect(n).toBe(10);
  });
});
