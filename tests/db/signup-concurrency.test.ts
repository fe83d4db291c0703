// Capacity under load, through the real HTTP API: 500 simultaneous sign-ups for 30 places, 20 times;
// a control proving the same load WOULD overbook without the event-row lock; and concurrent
// cancellations promoting each waitlisted person exactly once.
//
// Rate limits: each simulated volunteer sends its own x-forwarded-for address (500 different
// people), so the per-client limit stays at its production value instead of being switched off.
import { afterAll, describe, expect, it } from 'vitest';
import { createEvent, sql } from './harness';
import { api, signupArgs, statusCounts } from './signup-fixtures';

const PEOPLE = 500;
const SLOTS = 30;
const RUNS = 20;

async function burst(fn: string, slug: string, run: number) {
  const results = await Promise.all(
    Array.from({ length: PEOPLE }, (_, i) =>
      api(fn, signupArgs(slug, { p_phone: `13${run % 10}${String(run * 1000 + i).padStart(8, '0')}` }), {
        ip: `10.${100 + run}.${i >> 8}.${i & 255}`,
      }),
    ),
  );
  const count = (f: (r: (typeof results)[number]) => boolean) => results.filter(f).length;
  return {
    confirmed: count((r) => r.status === 200 && r.body.status === 'confirmed'),
    waitlisted: count((r) => r.status === 200 && r.body.status === 'waitlisted'),
    failed: count((r) => r.status !== 200),
    positions: results.filter((r) => r.status === 200 && r.body.status === 'waitlisted').map((r) => r.body.waitlist_position as number),
  };
}

describe(`${PEOPLE} concurrent sign-ups for ${SLOTS} places`, () => {
  it.each(Array.from({ length: RUNS }, (_, i) => i + 1))('run %i: exactly 30 confirmed, 470 waitlisted, 0 errors', async (run) => {
    const ev = await createEvent({ slots: { volunteer: SLOTS } });
    const r = await burst('sign_up', ev.slug, run);
    expect({ confirmed: r.confirmed, waitlisted: r.waitlisted, failed: r.failed }).toEqual({ confirmed: 30, waitlisted: 470, failed: 0 });
    // Waitlist places handed out are exactly 1..470, each once.
    expect([...r.positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 470 }, (_, i) => i + 1));
    expect(await statusCounts(ev.id)).toEqual({ confirmed: 30, waitlisted: 470 });
  });
});

describe('control: the same load without the FOR UPDATE lock overbooks', () => {
  afterAll(async () => {
    await sql('drop function if exists public.sign_up_unlocked_control(text, text, text, text, text, text, boolean, text, text)');
  });

  it('a copy of sign_up minus the lock confirms more than 30', async () => {
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
      const r = await burst('sign_up_unlocked_control', ev.slug, 90 + attempt);
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
    for (let i = 0; i < 30; i++) {
      const res = await api('sign_up', signupArgs(ev.slug));
      expect(res.status).toBe(200);
      people.push(res.body);
    }
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
