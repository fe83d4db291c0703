// src/lib/programme-errors.ts has the Chinese text for exactly the codes the programme SQL raises,
// each next to the field the SQL names. Read from the deployed functions, so a code added to the
// SQL without its text (or a text left behind for a code no longer raised) fails here.
import { expect, it } from 'vitest';
import { programmeErrors } from '../../src/lib/programme-errors';
import { sql } from './harness';

// The functions whose refusals reach the programme's forms (the coordinator gate's forbidden and
// session_ended are handled once, by the coordinator client).
const raisers = [
  'xinghuo.coord_event_or_raise', 'xinghuo.lock_event', 'xinghuo.event_problems', 'xinghuo.roles_problems',
  'xinghuo.venue_problems', 'xinghuo.series_rule_problems', 'xinghuo.set_publication', 'public.coord_save_venue',
  'public.coord_retire_venue', 'public.coord_cancel_event', 'public.coord_create_series', 'public.coord_import_events',
  'public.coord_save_role', 'xinghuo.set_role_retired', 'xinghuo.event_field_problems', 'xinghuo.branch_problems',
  'public.coord_save_branch', 'xinghuo.set_branch_retired', 'public.coord_set_coordinator_scope',
];

async function raisedCodes(): Promise<Map<string, string | undefined>> {
  const rows = await sql<{ name: string; src: string }>(
    `select n.nspname || '.' || p.proname as name, p.prosrc as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname || '.' || p.proname = any ($1)`, [raisers]);
  expect(rows.map((r) => r.name).sort()).toEqual([...raisers].sort());
  const codes = new Map<string, string | undefined>();
  for (const { name, src } of rows) {
    for (const [, field, code] of src.matchAll(/problem\('([a-z_]+)', '([a-z_]+)'\)/g)) codes.set(code!, field);
    for (const [, code] of src.matchAll(/raise exception '([a-z_]+)'/g)) codes.set(code!, undefined);
    for (const [, code] of src.matchAll(/'code', '([a-z_]+)'/g)) codes.set(code!, undefined);
    // The role catalogue writes its problems as JSON literals: [{"field":"label","code":"role_label_taken"}].
    for (const [, field, code] of src.matchAll(/"field":"([a-z_]+)","code":"([a-z_]+)"/g)) codes.set(code!, field);
    // The per-role codes are the values of one CASE.
    if (name === 'xinghuo.roles_problems') for (const [, code] of src.matchAll(/then '([a-z_]+)'/g)) codes.set(code!, 'roles');
    // audiences and topics: xinghuo.term_list_problems builds <field>_required, <term>_unknown, <term>_duplicate.
    for (const [, field, term] of src.matchAll(/term_list_problems\([^,]+, '[a-z_]+', '([a-z_]+)', '([a-z_]+)'\)/g)) {
      codes.set(`${field}_required`, field).set(`${term}_unknown`, field).set(`${term}_duplicate`, field);
    }
  }
  return codes;
}

it('has a text for every code the programme SQL raises, and no other', async () => {
  const codes = await raisedCodes();
  expect(codes.size).toBeGreaterThanOrEqual(60);
  expect([...codes.keys()].filter((c) => !(c in programmeErrors)).sort()).toEqual([]);
  expect(Object.keys(programmeErrors).filter((c) => !codes.has(c)).sort()).toEqual([]);
});

it('puts each field problem beside the field the SQL names', async () => {
  const codes = await raisedCodes();
  const misplaced = [...codes].filter(([code, field]) => field && field !== 'event' && field !== 'venue' && field !== 'role' && programmeErrors[code]!.field !== field);
  expect(misplaced).toEqual([]);
});
