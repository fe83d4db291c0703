// Roster, phone reveals and check-in as a coordinator sees them.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup } from './coord-fixtures';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

describe('roster', () => {
  it('lists sign-ups by role with masked phones and no check-in codes', async () => {
    const { id } = await createEvent({ slots: { volunteer: 2, police: 1 } });
    const a = await addSignup(id, { role: 'volunteer', name: '王五', phone: '13812341234' });
    await addSignup(id, { role: 'police', name: '赵六' });
    await addSignup(id, { role: 'volunteer', status: 'waitlisted', name: '钱七' });
    const r = await rpc('coord_roster', { p_event_id: id }, t.coordinator);
    expect(r.status).toBe(200);
    expect(r.body.slots).toEqual({ volunteer: 2, police: 1 });
    expect(r.body.signups.map((s: { role: string }) => s.role)).toEqual(['police', 'volunteer', 'volunteer']);
    const wang = r.body.signups.find((s: { id: number }) => s.id === a.id);
    expect(wang).toMatchObject({ name: '王五', phone_masked: '138****1234', status: 'confirmed', checked_in_at: null });
    const text = JSON.stringify(r.body);
    expect(text).not.toContain('13812341234');
    expect(text).not.toContain(a.code);
    expect(text).not.toContain('checkin_code');
  });

  it('an unknown event is a clear error', async () => {
    const r = await rpc('coord_roster', { p_event_id: 987654321 }, t.coordinator);
    expect(r.body).toMatchObject({ message: 'event_not_found' });
  });
});

describe('full phone numbers', () => {
  it('a reveal returns the number and logs who asked', async () => {
    const { id } = await createEvent();
    const s = await addSignup(id);
    const r = await rpc('coord_reveal_phone', { p_signup_id: s.id }, t.coordinator);
    expect(r.status).toBe(200);
    expect(r.body).toBe(s.phone);
    const log = await sql(
      `select r.via, c.display_name from xinghuo.phone_reveals r join xinghuo.coordinators c on c.user_id = r.coordinator
       where r.signup_id = $1`,
      [s.id],
    );
    expect(log).toHaveLength(1);
    expect(log[0].via).toBe('reveal');
    expect(log[0].display_name).toMatch(/^测试协调员/);
  });

  it('the roster export carries full phones and logs one reveal per person', async () => {
    const { id } = await createEvent();
    const a = await addSignup(id, { name: '甲' });
    const b = await addSignup(id, { name: '乙', checkedIn: true });
    const r = await rpc('coord_export_roster', { p_event_id: id }, t.coordinator);
    expect(r.status).toBe(200);
    expect(r.body.map((x: { phone: string }) => x.phone).sort()).toEqual([a.phone, b.phone].sort());
    const log = await sql(`select signup_id from xinghuo.phone_reveals where via = 'export' and signup_id = any($1)`, [[a.id, b.id]]);
    expect(log).toHaveLength(2);
  });

  it('an anonymised sign-up has no number to reveal', async () => {
    const { id } = await createEvent();
    const s = await addSignup(id);
    await sql(`update xinghuo.signups set name = null, phone = null, organisation = null, anonymised_at = now() where id = $1`, [s.id]);
    const r = await rpc('coord_reveal_phone', { p_signup_id: s.id }, t.coordinator);
    expect(r.body.message).toBe('signup_anonymised');
  });
});

describe('check-in', () => {
  it('by tapping a name: sets the time and who, is idempotent, and can be undone', async () => {
    const { id } = await createEvent({ startsInHours: -1 });
    const s = await addSignup(id);
    const first = await rpc('coord_check_in', { p_event_id: id, p_signup_id: s.id }, t.coordinator);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ signup_id: s.id, already_checked_in: false });
    const [row] = await sql('select checked_in_at, checked_in_by from xinghuo.signups where id = $1', [s.id]);
    expect(row.checked_in_at).not.toBeNull();
    expect(row.checked_in_by).not.toBeNull();
    const again = await rpc('coord_check_in', { p_event_id: id, p_signup_id: s.id }, t.coordinator);
    expect(again.body.already_checked_in).toBe(true);
    const undo = await rpc('coord_undo_check_in', { p_event_id: id, p_signup_id: s.id }, t.coordinator);
    expect(undo.status).toBe(200);
    expect((await sql('select checked_in_at from xinghuo.signups where id = $1', [s.id]))[0].checked_in_at).toBeNull();
  });

  it('by code: accepts spaces, refuses malformed and unknown codes', async () => {
    const { id } = await createEvent({ startsInHours: -1 });
    const s = await addSignup(id, { code: '482913' });
    const bad = await rpc('coord_check_in_by_code', { p_event_id: id, p_code: '48A9' }, t.coordinator);
    expect(bad.body).toMatchObject({ message: 'checkin_code_invalid', hint: 'code' });
    const unknown = await rpc('coord_check_in_by_code', { p_event_id: id, p_code: '000001' }, t.coordinator);
    expect(unknown.body).toMatchObject({ message: 'checkin_code_not_found' });
    const ok = await rpc('coord_check_in_by_code', { p_event_id: id, p_code: '482 913' }, t.coordinator);
    expect(ok.status).toBe(200);
    expect(ok.body.signup_id).toBe(s.id);
  });

  it('a code from another event does not check anyone in here', async () => {
    const { id: here } = await createEvent({ startsInHours: -1 });
    const { id: elsewhere } = await createEvent({ startsInHours: -1 });
    await addSignup(elsewhere, { code: '135790' });
    const r = await rpc('coord_check_in_by_code', { p_event_id: here, p_code: '135790' }, t.coordinator);
    expect(r.body.message).toBe('checkin_code_not_found');
  });

  it('waitlisted people and sign-ups of other events are refused', async () => {
    const { id } = await createEvent({ startsInHours: -1 });
    const w = await addSignup(id, { status: 'waitlisted' });
    const r = await rpc('coord_check_in', { p_event_id: id, p_signup_id: w.id }, t.coordinator);
    expect(r.body.message).toBe('signup_not_confirmed');
    const { id: other } = await createEvent({ startsInHours: -1 });
    const r2 = await rpc('coord_check_in', { p_event_id: other, p_signup_id: w.id }, t.coordinator);
    expect(r2.body.message).toBe('signup_not_found');
    expect((await sql('select checked_in_at from xinghuo.signups where id = $1', [w.id]))[0].checked_in_at).toBeNull();
  });
});
