// At the door: when check-in is accepted, walk-in volunteers, and a roster that lists every role
// with places (also those nobody signed up for).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup } from './coord-fixtures';

let t: Tokens;
// Roles of this file's own (the catalogue is data: no test relies on the demo roles).
let usher: string;
let speaker: string;
let helper: string;
beforeAll(async () => {
  t = await tokens();
  [usher, speaker, helper] = (await Promise.all(['门口引导', '宣讲员', '资料发放'].map(makeRole))) as [string, string, string];
});

async function makeRole(label: string): Promise<string> {
  const id = `role_door_${randomUUID().slice(0, 8)}`;
  await sql('insert into xinghuo.volunteer_roles (id, label, sort_order) values ($1, $2, $3)', [id, `${label}${id.slice(-4)}`, label.length]);
  return id;
}

const checkedIn = async (signupId: number) =>
  (await sql('select checked_in_at from xinghuo.signups where id = $1', [signupId]))[0].checked_in_at;

describe('check-in window: from 2 hours before the start to the end of the event day', () => {
  it('is refused 50 days before, and 3 hours before, by tap and by code', async () => {
    for (const startsInHours of [50 * 24, 3]) {
      const e = await createEvent({ startsInHours });
      const s = await addSignup(e.id);
      const tap = await rpc('coord_check_in', { p_event_id: e.id, p_signup_id: s.id }, t.coordinator);
      expect(tap.status).toBe(400);
      expect(tap.body).toMatchObject({ message: 'checkin_not_open', hint: 'checkin' });
      // details: when it opens, 2 hours before the start.
      const [{ starts_at }] = await sql('select starts_at from xinghuo.events where id = $1', [e.id]);
      expect(new Date(tap.body.details).getTime()).toBe(starts_at.getTime() - 7200_000);
      const code = await rpc('coord_check_in_by_code', { p_event_id: e.id, p_code: s.code }, t.coordinator);
      expect(code.body.message).toBe('checkin_not_open');
      expect(await checkedIn(s.id)).toBeNull();
    }
  });

  it('opens 2 hours before the start and is refused after the end of the event day', async () => {
    const soon = await createEvent({ startsInHours: 1.5 });
    const s = await addSignup(soon.id);
    expect((await rpc('coord_check_in', { p_event_id: soon.id, p_signup_id: s.id }, t.coordinator)).status).toBe(200);

    // Ended 2 days ago: its day (Asia/Shanghai) is over.
    const past = await createEvent({ startsInHours: -50, hours: 2 });
    const p = await addSignup(past.id);
    const late = await rpc('coord_check_in', { p_event_id: past.id, p_signup_id: p.id }, t.coordinator);
    expect(late.body).toMatchObject({ message: 'checkin_closed', hint: 'checkin' });
    expect(await checkedIn(p.id)).toBeNull();
  });

  it('the roster says when check-in opens and closes, from the one setting', async () => {
    const e = await createEvent({ startsInHours: 10, hours: 2 });
    const r = (await rpc('coord_roster', { p_event_id: e.id }, t.coordinator)).body;
    const [{ starts_at, opens_before }] = await sql(
      `select e.starts_at, extract(epoch from s.opens_before)::int as opens_before from xinghuo.events e, xinghuo.checkin_settings s where e.id = $1`, [e.id]);
    expect(opens_before).toBe(7200);
    expect(new Date(r.event.checkin_opens_at).getTime()).toBe(starts_at.getTime() - 7200_000);
    const closes = new Date(r.event.checkin_closes_at);
    // Midnight in Asia/Shanghai (16:00 UTC), after the end.
    expect(closes.getUTCHours()).toBe(16);
    expect(closes.getTime()).toBeGreaterThan(new Date(r.event.ends_at).getTime());
    expect(closes.getTime() - new Date(r.event.ends_at).getTime()).toBeLessThanOrEqual(24 * 3_600_000);
  });
});

describe('walk-in volunteers', () => {
  it('are added at the door, checked in at once and counted as present', async () => {
    const e = await createEvent({ startsInHours: -1, hours: 2, slots: { [helper]: 2, [speaker]: 1 } });
    const before = (await rpc('coord_dashboard', {}, t.coordinator)).body.totals.volunteer_participations;
    const noPhone = await rpc('coord_add_walk_in', { p_event_id: e.id, p_name: ' 张三 ', p_role: speaker, p_phone: null }, t.coordinator);
    expect(noPhone.status, JSON.stringify(noPhone.body)).toBe(200);
    expect(noPhone.body).toMatchObject({ name: '张三', role: speaker, phone_masked: null });
    const withPhone = await rpc('coord_add_walk_in', { p_event_id: e.id, p_name: '李四', p_role: helper, p_phone: '138 1234 5678' }, t.coordinator);
    expect(withPhone.body.phone_masked).toBe('138****5678');

    const roster = (await rpc('coord_roster', { p_event_id: e.id }, t.coordinator)).body;
    const walkIns = roster.signups.filter((s: { walk_in: boolean }) => s.walk_in);
    expect(walkIns).toHaveLength(2);
    expect(walkIns.every((s: { status: string; checked_in_at: string | null }) => s.status === 'confirmed' && s.checked_in_at)).toBe(true);
    expect(JSON.stringify(roster)).not.toContain('13812345678');
    expect((await rpc('coord_get_report', { p_event_id: e.id }, t.coordinator)).body.checked_in).toBe(2);
    const after = (await rpc('coord_dashboard', {}, t.coordinator)).body.totals.volunteer_participations;
    expect(after - before).toBe(2);
  });

  it('bad input gets its own code and adds nobody', async () => {
    const e = await createEvent({ startsInHours: -1 });
    const taken = await addSignup(e.id, { phone: '13900001111', role: helper });
    const retired = await makeRole('已停用岗位');
    await sql('update xinghuo.volunteer_roles set retired_at = now() where id = $1', [retired]);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ p_name: '   ' }, 'name_required', 'name'],
      [{ p_name: '张'.repeat(41) }, 'name_too_long', 'name'],
      [{ p_name: '张三123' }, 'name_invalid', 'name'],
      [{ p_phone: '12345' }, 'phone_invalid', 'phone'],
      [{ p_role: 'astronaut' }, 'role_invalid', 'role'],
      [{ p_role: retired }, 'role_retired', 'role'],
      [{ p_phone: '139 0000 1111' }, 'walk_in_already_signed_up', 'phone'],
    ];
    for (const [over, code, field] of cases) {
      const r = await rpc('coord_add_walk_in', { p_event_id: e.id, p_name: '王五', p_role: helper, p_phone: null, ...over }, t.coordinator);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ message: code, hint: field });
    }
    const rows = await sql('select id from xinghuo.signups where event_id = $1', [e.id]);
    expect(rows.map((x) => Number(x.id))).toEqual([taken.id]);
  });

  it('are refused outside the check-in window and for an unknown event', async () => {
    const e = await createEvent({ startsInHours: 72 });
    const r = await rpc('coord_add_walk_in', { p_event_id: e.id, p_name: '王五', p_role: helper }, t.coordinator);
    expect(r.body.message).toBe('checkin_not_open');
    const none = await rpc('coord_add_walk_in', { p_event_id: 987654321, p_name: '王五', p_role: helper }, t.coordinator);
    expect(none.body.message).toBe('event_not_found');
    expect(await sql('select 1 from xinghuo.signups where event_id = $1', [e.id])).toHaveLength(0);
  });

  it('denied callers add nobody', async () => {
    const e = await createEvent({ startsInHours: -1 });
    for (const token of [t.anon, t.user, t.service]) {
      const r = await rpc('coord_add_walk_in', { p_event_id: e.id, p_name: '王五', p_role: helper }, token);
      expect([401, 403]).toContain(r.status);
    }
    expect(await sql('select 1 from xinghuo.signups where event_id = $1', [e.id])).toHaveLength(0);
  });

  it('are anonymised with the event\'s other sign-ups when the retention period ends', async () => {
    const e = await createEvent({ startsInHours: -1 });
    const w = await rpc('coord_add_walk_in', { p_event_id: e.id, p_name: '赵六', p_role: helper }, t.coordinator);
    // Move the event far enough back that only it (and other long-past test events) is due.
    await sql(`update xinghuo.events set starts_at = now() - interval '800 days', ends_at = now() - interval '800 days' + interval '2 hours' where id = $1`, [e.id]);
    expect((await rpc('anonymise_expired_signups', { p_retention_days: 730 }, t.service)).status).toBe(200);
    const [row] = await sql('select name, phone, anonymised_at, checked_in_at from xinghuo.signups where id = $1', [w.body.signup_id]);
    expect(row).toMatchObject({ name: null, phone: null });
    expect(row.anonymised_at).not.toBeNull();
    expect(row.checked_in_at).not.toBeNull(); // still counted as present
  });
});

describe('roster roles', () => {
  it('lists every role with places, with 0 confirmed where nobody signed up, in the catalogue order', async () => {
    const e = await createEvent({ startsInHours: 24, slots: { [helper]: 2, [usher]: 1, [speaker]: 3 } });
    await addSignup(e.id, { role: helper });
    await addSignup(e.id, { role: helper, status: 'waitlisted' });
    const r = (await rpc('coord_roster', { p_event_id: e.id }, t.coordinator)).body;
    const labels = Object.fromEntries((await sql('select id, label from xinghuo.volunteer_roles where id = any($1)', [[usher, speaker, helper]])).map((x) => [x.id, x.label]));
    // sort_order is the label's length in makeRole: 宣讲员 (3) before 门口引导 and 资料发放 (4).
    expect(r.roles).toEqual([
      { id: speaker, label: labels[speaker], retired: false, slots: 3, confirmed: 0 },
      ...[
        { id: usher, label: labels[usher], retired: false, slots: 1, confirmed: 0 },
        { id: helper, label: labels[helper], retired: false, slots: 2, confirmed: 1 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    ]);
  });
});
