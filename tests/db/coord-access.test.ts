// Every coordinator RPC: refused to anon (no execute grant → 401), to a signed-in non-coordinator,
// an inactive coordinator (`forbidden`, 403) and the service role (no grant, 403); allowed to an active coordinator.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup, inactiveCoordinatorToken, reportArgs } from './coord-fixtures';

let t: Tokens;
let inactive: string;
let eventId: number;
let signupId: number;
let code: string;

beforeAll(async () => {
  t = await tokens();
  inactive = await inactiveCoordinatorToken();
  // Under way (started, not yet ended): inside the check-in window whatever the hour of the run.
  ({ id: eventId } = await createEvent({ startsInHours: -1, hours: 2 }));
  const s = await addSignup(eventId);
  signupId = s.id;
  code = s.code;
  await sql(`insert into xinghuo.material_kinds (id, label) values ('k-access', '门禁测试物料') on conflict (id) do nothing`);
});

// Each call gets fresh arguments so an allowed call does not depend on an earlier one.
const calls: [string, () => Record<string, unknown>][] = [
  ['coord_events', () => ({})],
  ['coord_roster', () => ({ p_event_id: eventId })],
  ['coord_reveal_phone', () => ({ p_signup_id: signupId })],
  ['coord_check_in', () => ({ p_event_id: eventId, p_signup_id: signupId })],
  ['coord_check_in_by_code', () => ({ p_event_id: eventId, p_code: code })],
  ['coord_undo_check_in', () => ({ p_event_id: eventId, p_signup_id: signupId })],
  ['coord_get_report', () => ({ p_event_id: eventId })],
  ['coord_dashboard', () => ({ p_year: null })],
  ['coord_branches', () => ({})],
  ['coord_export_roster', () => ({ p_event_id: eventId })],
  ['coord_add_material_kind', () => ({ p_id: `k-${Date.now().toString(36)}`, p_label: `测试${Date.now() % 100000}` })],
  ['coord_material_kinds', () => ({})],
  ['coord_retire_material_kind', () => ({ p_id: 'k-access' })],
  ['coord_restore_material_kind', () => ({ p_id: 'k-access' })],
  ['coord_held_events', () => ({ p_year: null })],
  ['coord_figures', () => ({})],
  ['coord_campaigns', () => ({})],
  ['coord_save_campaign', () => ({ p_campaign: { label: `门禁测试专题${randomUUID().slice(0, 8)}`, starts_on: '2026-09-01', ends_on: '2026-09-30' } })],
  ['coord_add_walk_in', () => ({ p_event_id: eventId, p_name: '现场志愿者', p_role: 'volunteer', p_phone: null })],
  ['coord_sync_offline', () => ({ p_key: randomUUID(), p_action: 'check_in', p_args: { event_id: eventId, code } })],
];

describe('coordinator RPCs are denied to everyone but active coordinators', () => {
  for (const [fn, args] of calls) {
    it(`${fn}: anon 401, user/inactive/service 403 forbidden, coordinator 200`, async () => {
      const anon = await rpc(fn, args(), t.anon);
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('42501');
      for (const token of [t.user, inactive]) {
        const denied = await rpc(fn, args(), token);
        expect(denied.status).toBe(403);
        expect(denied.body).toMatchObject({ code: '42501', message: 'forbidden' });
      }
      // The service role (content sync) holds no execute grant on coordinator functions either.
      const service = await rpc(fn, args(), t.service);
      expect(service.status).toBe(403);
      expect(service.body.code).toBe('42501');
      const ok = await rpc(fn, args(), t.coordinator);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    });
  }

  it('coord_save_report: denied callers change nothing; the coordinator saves', async () => {
    const { id } = await createEvent({ startsInHours: -5 });
    for (const token of [t.anon, t.user, inactive]) {
      const denied = await rpc('coord_save_report', reportArgs(id, 0), token);
      expect([401, 403]).toContain(denied.status);
    }
    expect(await sql('select 1 from xinghuo.event_reports where event_id = $1', [id])).toHaveLength(0);
    const ok = await rpc('coord_save_report', reportArgs(id, 0), t.coordinator);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.version).toBe(1);
  });

  it('denied reveals and exports leave no trace in the reveal log and return no phone', async () => {
    const before = await sql('select count(*)::int as n from xinghuo.phone_reveals');
    const r = await rpc('coord_reveal_phone', { p_signup_id: signupId }, t.user);
    expect(JSON.stringify(r.body)).not.toMatch(/139\d{8}/);
    await rpc('coord_export_roster', { p_event_id: eventId }, t.anon);
    const after = await sql('select count(*)::int as n from xinghuo.phone_reveals');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('public.impact_totals', () => {
  it('answers anon and signed-in callers with the three totals only', async () => {
    for (const token of [t.anon, t.user, t.coordinator]) {
      const r = await rpc('impact_totals', {}, token);
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(['events_held', 'materials_handed_out', 'people_reached']);
      for (const v of Object.values(r.body)) expect(typeof v).toBe('number');
    }
  });
});

describe('tables stay private', () => {
  it('RLS is on for every coordinator table and the API roles hold no table privileges', async () => {
    const tables = ['event_reports', 'material_kinds', 'report_materials', 'report_revisions', 'phone_reveals'];
    const rows = await sql<{ relname: string; relrowsecurity: boolean }>(
      `select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'xinghuo' and c.relname = any($1)`,
      [tables],
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...tables].sort());
    expect(rows.every((r) => r.relrowsecurity)).toBe(true);
    const grants = await sql(
      `select table_name, grantee, privilege_type from information_schema.role_table_grants
       where table_schema = 'xinghuo' and table_name = any($1) and grantee in ('anon', 'authenticated', 'public')`,
      [tables],
    );
    expect(grants).toEqual([]);
  });
});
