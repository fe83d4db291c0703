// 服务时长, one definition (20261202000950): an event's minutes = Σ service_minutes over its sign-ups
// (check-in → check-out, or the scheduled length once confirmed) + the volunteers a report correction
// adds above the check-ins × the scheduled length. The dashboard, coord_figures' rows and the roster
// say the same; the tallies behind it equal the live sum. Figures are computed by hand below.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup, reportArgs } from './coord-fixtures';
import { attend } from './record-fixtures';
import { figures, freshBranch } from './figures-fixtures';

let t: Tokens;
let branch: string;
let e1: number;
let e2: number;
let s5: number;

beforeAll(async () => {
  t = await tokens();
  branch = await freshBranch('hours');
  // E1: 2 h, ended 3 h ago, schedule confirmed; a report says 4 were present (2 checked in).
  e1 = (await createEvent({ startsInHours: -5, hours: 2, branchId: branch })).id;
  const s1 = await addSignup(e1);
  const s2 = await addSignup(e1);
  await addSignup(e1); // never came: 0
  await attend(s1.id, 0, 90); // 90 min
  await attend(s2.id, 0, null); // no check-out: the confirmed schedule, 120 min
  expect((await rpc('coord_confirm_planned_hours', { p_event_id: e1 }, t.coordinator)).status).toBe(200);
  const saved = await rpc('coord_save_report', reportArgs(e1, 0, { p_volunteers_present: 4, p_adjust_reason: '两位志愿者没有签到' }), t.coordinator);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  // E2: 3 h, yesterday, schedule NOT confirmed: a check-in without check-out counts 0; 60 min out.
  e2 = (await createEvent({ startsInHours: -30, hours: 3, branchId: branch })).id;
  const s4 = await addSignup(e2);
  await attend(s4.id, 0, null);
  s5 = (await addSignup(e2)).id;
  await attend(s5, 0, 60);
});

async function rosterHours(eventId: number): Promise<number[]> {
  const res = await rpc('coord_roster', { p_event_id: eventId }, t.coordinator);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.signups.map((s: { hours: number }) => Number(s.hours));
}

describe('服务时长: one number on every screen', () => {
  it('the branch totals and each event row: 90 + 120 + (4 − 2) × 120 + 0 + 60 = 510 min = 8.5 h', async () => {
    const f = await figures(t.coordinator, { p_branch: branch });
    expect(f.totals.volunteer_hours).toBe(8.5);
    expect(f.totals.volunteer_participations).toBe(6); // 4 (corrected) + 2 check-ins
    const minutes = Object.fromEntries(f.rows.map((r: { id: number; service_minutes: number }) => [r.id, r.service_minutes]));
    expect(minutes).toEqual({ [e1]: 450, [e2]: 60 });
  });

  it('the roster: per-person hours summed + the correction term equals the dashboard', async () => {
    const one = await rosterHours(e1);
    const two = await rosterHours(e2);
    expect(one.sort()).toEqual([0, 1.5, 2]);
    expect(two.sort()).toEqual([0, 1]);
    const correction = (4 - 2) * 2; // volunteers the report adds × the 2 scheduled hours
    const dash = (await rpc('coord_dashboard', { p_branch: branch }, t.coordinator)).body;
    expect(one.reduce((s, h) => s + h, 0) + two.reduce((s, h) => s + h, 0) + correction).toBe(dash.totals.volunteer_hours);
  });

  it('follows check-out, undo and cancellation, and the tallies always equal the live sum', async () => {
    const live = async () => (await figures(t.coordinator, { p_branch: branch })).totals.volunteer_hours;
    await attend(s5, 0, 90); // a later check-out: +30 min
    expect(await live()).toBe(9);
    await sql(`update xinghuo.signups set status = 'cancelled', cancelled_at = now() where id = $1`, [s5]);
    expect(await live()).toBe(7.5);
    await sql(`update xinghuo.signups set status = 'confirmed', cancelled_at = null where id = $1`, [s5]);
    await sql(`update xinghuo.signups set checked_in_at = null where id = $1`, [s5]); // undo clears the check-out too
    expect(await live()).toBe(7.5);
    const drift = await sql(
      `select f.id from xinghuo.event_figures f join xinghuo.events e on e.id = f.id
       where f.service_minutes <> (select coalesce(sum(xinghuo.service_minutes(g, e)), 0) from xinghuo.signups g where g.event_id = e.id)
         + greatest(f.volunteers_present - f.checkins, 0) * floor(extract(epoch from e.ends_at - e.starts_at) / 60)`);
    expect(drift).toEqual([]);
  });
});
