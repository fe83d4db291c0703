// Dashboard and public counters: measured as before/after differences around events this test
// creates, so other suites' data in the same database does not matter.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup, reportArgs } from './coord-fixtures';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

type Group = { key: string; events: number; people_reached: number; materials: number };
const group = (rows: Group[], key: string): Group => rows.find((r) => r.key === key) ?? { key, events: 0, people_reached: 0, materials: 0 };
const kind = (rows: { kind: string; quantity: number }[], k: string) => rows.find((r) => r.kind === k)?.quantity ?? 0;

describe('coord_dashboard and impact_totals', () => {
  it('count held events, reach, materials, check-ins and hours; skip cancelled and unreported future events', async () => {
    const dashBefore = (await rpc('coord_dashboard', {}, t.coordinator)).body;
    const impactBefore = (await rpc('impact_totals', {}, t.anon)).body;

    // A: held 3 days ago for 2 hours, two check-ins, reported.
    const a = await createEvent({ startsInHours: -72, hours: 2, district: 'laixi' });
    await addSignup(a.id, { checkedIn: true });
    await addSignup(a.id, { checkedIn: true });
    await addSignup(a.id); // a no-show: not a participation
    expect((await rpc('coord_save_report', reportArgs(a.id, 0, { p_people_reached: 1000, p_volunteers_present: 2, p_materials: { leaflet: 50, poster: 5 } }), t.coordinator)).status).toBe(200);
    // Hours are the volunteers' service (20261202000950): A's schedule confirmed, D's not.
    await sql('update xinghuo.events set planned_hours_confirmed_at = now() where id = $1', [a.id]);
    // B: upcoming, no report → not held.
    await createEvent({ startsInHours: 72, district: 'laixi' });
    // C: cancelled, in the past → not held.
    await createEvent({ startsInHours: -48, district: 'laixi', status: 'cancelled' });
    // D: past, 3 hours, held but not reported yet (counts as held with zero reach).
    const d = await createEvent({ startsInHours: -30, hours: 3, district: 'laixi' });
    await addSignup(d.id, { checkedIn: true });

    const after = await rpc('coord_dashboard', {}, t.coordinator);
    expect(after.status).toBe(200);
    const dashAfter = after.body;
    const delta = (k: string) => dashAfter.totals[k] - dashBefore.totals[k];
    expect(delta('events_held')).toBe(2);
    expect(delta('events_reported')).toBe(1);
    expect(delta('people_reached')).toBe(1000);
    expect(delta('materials')).toBe(55);
    expect(delta('questions_answered')).toBe(12);
    expect(delta('volunteer_participations')).toBe(3);
    expect(Number((delta('volunteer_hours')).toFixed(1))).toBe(4); // A: 2 × 2 h confirmed; D: a check-in not yet confirmed, 0 h
    expect(kind(dashAfter.materials_by_kind, 'leaflet') - kind(dashBefore.materials_by_kind, 'leaflet')).toBe(50);
    expect(kind(dashAfter.materials_by_kind, 'poster') - kind(dashBefore.materials_by_kind, 'poster')).toBe(5);

    const laixiBefore = group(dashBefore.by_district, 'laixi');
    const laixiAfter = group(dashAfter.by_district, 'laixi');
    expect(laixiAfter.events - laixiBefore.events).toBe(2);
    expect(laixiAfter.people_reached - laixiBefore.people_reached).toBe(1000);
    const audience = (x: typeof dashAfter) => x.by_audience.find((r: Group) => r.key === 'elderly')?.people_reached ?? 0;
    expect(audience(dashAfter) - audience(dashBefore)).toBe(1000);
    const topic = (x: typeof dashAfter) => group(x.by_topic, 'fake-officials').events;
    expect(topic(dashAfter) - topic(dashBefore)).toBe(2);
    const monthsBefore = dashBefore.by_month.reduce((s: number, g: Group) => s + g.people_reached, 0);
    const monthsAfter = dashAfter.by_month.reduce((s: number, g: Group) => s + g.people_reached, 0);
    expect(monthsAfter - monthsBefore).toBe(1000);

    const pin = dashAfter.map.find((p: unknown[]) => p[0] === a.id);
    expect(pin).toBeDefined();
    expect(pin.slice(2, 5)).toEqual([36.06, 120.38, 1000]);

    const impactAfter = (await rpc('impact_totals', {}, t.anon)).body;
    expect(impactAfter.events_held - impactBefore.events_held).toBe(2);
    expect(impactAfter.people_reached - impactBefore.people_reached).toBe(1000);
    expect(impactAfter.materials_handed_out - impactBefore.materials_handed_out).toBe(55);
  });

  it('a report on an upcoming event counts that event as held (the report says it took place)', async () => {
    const before = (await rpc('impact_totals', {}, t.anon)).body;
    const e = await createEvent({ startsInHours: 24 });
    expect((await rpc('coord_save_report', reportArgs(e.id, 0, { p_people_reached: 77, p_materials: {} }), t.coordinator)).status).toBe(200);
    const after = (await rpc('impact_totals', {}, t.anon)).body;
    expect(after.events_held - before.events_held).toBe(1);
    expect(after.people_reached - before.people_reached).toBe(77);
  });

  it('filters by year in Asia/Shanghai and rejects absurd years', async () => {
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(Date.now() - 72 * 3600_000)));
    const thisYear = await rpc('coord_dashboard', { p_year: year }, t.coordinator);
    expect(thisYear.status).toBe(200);
    expect(thisYear.body.year).toBe(year);
    expect(thisYear.body.by_month.every((g: Group) => g.key.startsWith(String(year)))).toBe(true);
    const empty = await rpc('coord_dashboard', { p_year: 2001 }, t.coordinator);
    expect(empty.body.totals.events_held).toBe(0);
    const bad = await rpc('coord_dashboard', { p_year: 1800 }, t.coordinator);
    expect(bad.body).toMatchObject({ message: 'year_invalid' });
  });

  it('coord_events lists sign-up counts by status, check-ins and report figures', async () => {
    const e = await createEvent({ startsInHours: -5, slots: { volunteer: 2, lawyer: 1 } });
    await addSignup(e.id, { checkedIn: true });
    await addSignup(e.id);
    await addSignup(e.id, { status: 'waitlisted' });
    await addSignup(e.id, { status: 'cancelled' });
    await rpc('coord_save_report', reportArgs(e.id, 0, { p_people_reached: 60, p_volunteers_present: 1 }), t.coordinator);
    const r = await rpc('coord_events', {}, t.coordinator);
    const row = r.body.find((x: { id: number }) => x.id === e.id);
    expect(row).toMatchObject({ slots: 3, confirmed: 2, waitlisted: 1, cancelled: 1, checked_in: 1, people_reached: 60, report_version: 1, materials: 110 });
  });

  it('the served snapshot follows every check-in and undo, and tallies equal live counts', async () => {
    // Under way: inside the check-in window whatever the hour of the run.
    const e = await createEvent({ startsInHours: -1, hours: 2 });
    const s1 = await addSignup(e.id);
    const read = async () => (await rpc('coord_dashboard', {}, t.coordinator)).body.totals.volunteer_participations as number;
    const base = await read();
    expect(await read()).toBe(base); // served again unchanged
    await rpc('coord_check_in', { p_event_id: e.id, p_signup_id: s1.id }, t.coordinator);
    expect(await read()).toBe(base + 1);
    await rpc('coord_undo_check_in', { p_event_id: e.id, p_signup_id: s1.id }, t.coordinator);
    expect(await read()).toBe(base);
    const drift = await sql(
      `select e.id from xinghuo.events e left join xinghuo.event_tallies t on t.event_id = e.id
       where coalesce(t.checked_in, 0) <> (select count(*) from xinghuo.signups g where g.event_id = e.id and g.checked_in_at is not null)
          or coalesce(t.materials, 0) <> (select coalesce(sum(m.quantity), 0) from xinghuo.report_materials m where m.event_id = e.id)`,
    );
    expect(drift).toEqual([]);
  });
});
