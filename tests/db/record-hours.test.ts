// One definition of a volunteer's hours at an event (xinghuo.service_minutes): check-in to
// check-out, else the scheduled length once the coordinator confirmed it, else nothing; shown the
// same in the roster and the volunteer's record. Figures below are computed by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup } from './coord-fixtures';
import { attend, eventYear, moveEvent, myRecord, volunteer } from './record-fixtures';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

async function rosterHours(eventId: number): Promise<Record<number, number>> {
  const res = await rpc('coord_roster', { p_event_id: eventId }, t.coordinator);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.signups.map((s: { id: number; hours: number }) => [s.id, s.hours]));
}

describe('hours per event, against hand-computed figures', () => {
  it('check-out wins, the confirmed schedule fills in, absence counts nothing', async () => {
    // A 3-hour event that ended 2 hours ago (ended: the schedule may be confirmed).
    const a = await volunteer({ keepRecord: true, name: '张三丰' });
    const [{ slug }] = await sql(`select slug from xinghuo.events where id = $1`, [a.eventId]);
    const b = await volunteer({ keepRecord: false, eventId: a.eventId, slug });
    const c = await volunteer({ keepRecord: false, eventId: a.eventId, slug });
    const d = await volunteer({ keepRecord: false, eventId: a.eventId, slug });
    await moveEvent(a.eventId, 5, 3);
    await attend(a.signupId, 0, 95); // 95 min → 1.6 h (1.583…)
    await attend(b.signupId, 10, null); // no check-out: 0 until confirmed, then 180 min → 3.0 h
    await attend(d.signupId, 0, 30); // 30 min → 0.5 h, confirmed or not
    expect(await rosterHours(a.eventId)).toMatchObject({ [a.signupId]: 1.6, [b.signupId]: 0, [c.signupId]: 0, [d.signupId]: 0.5 });

    const confirmed = await rpc('coord_confirm_planned_hours', { p_event_id: a.eventId }, t.coordinator);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ already_confirmed: false, hours: 3 });
    expect(await rosterHours(a.eventId)).toMatchObject({ [a.signupId]: 1.6, [b.signupId]: 3, [c.signupId]: 0, [d.signupId]: 0.5 });
    const again = await rpc('coord_confirm_planned_hours', { p_event_id: a.eventId }, t.coordinator);
    expect(again.body.already_confirmed).toBe(true);

    // The record says what the roster says; a second event of 2 h confirmed adds 120 min: 215 min → 3.6 h.
    const second = await volunteer({ keepRecord: false, phone: a.phone });
    await moveEvent(second.eventId, 26, 2);
    await attend(second.signupId, 0, null);
    await sql(`update xinghuo.events set planned_hours_confirmed_at = now() where id = $1`, [second.eventId]);
    const mine = await myRecord(a.recordToken!);
    expect(mine.body.services.map((s: { hours: number }) => s.hours).sort()).toEqual([1.6, 2]);
    // Per year the minutes are summed before rounding (95 + 120 = 215 min → 3.6 h, not 1.6 + 2.0).
    const [y1, y2] = [await eventYear(a.eventId), await eventYear(second.eventId)];
    const expected = y1 === y2
      ? [{ year: y1, events: 2, hours: 3.6 }]
      : [{ year: y2, events: 1, hours: 2 }, { year: y1, events: 1, hours: 1.6 }].sort((p, q) => q.year - p.year);
    expect(mine.body.years).toEqual(expected);
  });

  it('confirming is refused before the end and for a cancelled event', async () => {
    const under = await createEvent({ startsInHours: -1, hours: 2 });
    const early = await rpc('coord_confirm_planned_hours', { p_event_id: under.id }, t.coordinator);
    expect(early.body.message).toBe('event_not_ended');
    const cancelled = await createEvent({ startsInHours: -5, hours: 2, status: 'cancelled' });
    const refused = await rpc('coord_confirm_planned_hours', { p_event_id: cancelled.id }, t.coordinator);
    expect(refused.body.message).toBe('event_not_scheduled');
    const [row] = await sql(`select count(*)::int as n from xinghuo.events where id in ($1, $2) and planned_hours_confirmed_at is not null`, [under.id, cancelled.id]);
    expect(row.n).toBe(0);
  });
});

describe('coord_check_out', () => {
  it('checks out a checked-in volunteer once; refuses one not checked in; undoing the check-in clears it', async () => {
    const e = await createEvent({ startsInHours: -1, hours: 2 });
    const s = await addSignup(e.id);
    const early = await rpc('coord_check_out', { p_event_id: e.id, p_signup_id: s.id }, t.coordinator);
    expect(early.status).toBe(400);
    expect(early.body.message).toBe('not_checked_in');
    expect((await rpc('coord_check_in', { p_event_id: e.id, p_signup_id: s.id }, t.coordinator)).status).toBe(200);
    const out = await rpc('coord_check_out', { p_event_id: e.id, p_signup_id: s.id }, t.coordinator);
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body.already_checked_out).toBe(false);
    const twice = await rpc('coord_check_out', { p_event_id: e.id, p_signup_id: s.id }, t.coordinator);
    expect(twice.body).toMatchObject({ already_checked_out: true, checked_out_at: out.body.checked_out_at });
    await rpc('coord_undo_check_in', { p_event_id: e.id, p_signup_id: s.id }, t.coordinator);
    const [row] = await sql(`select checked_in_at, checked_out_at from xinghuo.signups where id = $1`, [s.id]);
    expect(row).toEqual({ checked_in_at: null, checked_out_at: null });
  });

  it('is refused outside the check-in window', async () => {
    const e = await createEvent({ startsInHours: 24 * 50 });
    const s = await addSignup(e.id);
    const res = await rpc('coord_check_out', { p_event_id: e.id, p_signup_id: s.id }, t.coordinator);
    expect(res.body.message).toBe('checkin_not_open');
  });
});

describe('access: check-out and confirmation are for coordinators only', () => {
  it('anon 401, signed-in volunteer and service 403, coordinator 200', async () => {
    // Check-out needs the check-in window open (an event under way, whatever the hour of the run);
    // confirming the scheduled length needs an event that has ended.
    const underWay = await createEvent({ startsInHours: -1, hours: 2 });
    const ended = await createEvent({ startsInHours: -5, hours: 2 });
    const s = await addSignup(underWay.id, { checkedIn: true });
    const calls: [string, Record<string, unknown>][] = [
      ['coord_check_out', { p_event_id: underWay.id, p_signup_id: s.id }],
      ['coord_confirm_planned_hours', { p_event_id: ended.id }],
    ];
    for (const [fn, args] of calls) {
      expect((await rpc(fn, args, t.anon)).status, fn).toBe(401);
      expect((await rpc(fn, args, t.user)).body, fn).toMatchObject({ code: '42501', message: 'forbidden' });
      expect((await rpc(fn, args, t.service)).status, fn).toBe(403);
      const ok = await rpc(fn, args, t.coordinator);
      expect(ok.status, `${fn} ${JSON.stringify(ok.body)}`).toBe(200);
    }
  });
});
