// Material kinds are retired, not deleted: a retired kind leaves new report forms and cannot start a
// line on another report, while the reports that used it keep their lines, totals and history.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { reportArgs } from './coord-fixtures';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

const kindIds = (kinds: { id: string }[]) => kinds.map((k) => k.id);

describe('retiring and restoring material kinds', () => {
  it('a retired kind stays on the report that used it and disappears from new ones', async () => {
    const kindId = `cal-${Date.now().toString(36)}`;
    const label = `挂历${Date.now() % 100000}`;
    expect((await rpc('coord_add_material_kind', { p_id: kindId, p_label: label }, t.coordinator)).status).toBe(200);
    const used = await createEvent({ startsInHours: -30 });
    const fresh = await createEvent({ startsInHours: -20 });
    expect((await rpc('coord_save_report', reportArgs(used.id, 0, { p_materials: { [kindId]: 7 } }), t.coordinator)).status).toBe(200);

    const retired = await rpc('coord_retire_material_kind', { p_id: kindId }, t.coordinator);
    expect(retired.status).toBe(200);
    expect(retired.body.find((k: { id: string }) => k.id === kindId)).toMatchObject({ reports_count: 1, retired_at: expect.any(String) });

    const freshForm = (await rpc('coord_get_report', { p_event_id: fresh.id }, t.coordinator)).body;
    expect(kindIds(freshForm.kinds)).not.toContain(kindId);
    expect(kindIds(freshForm.kinds)).toContain('leaflet');
    const usedForm = (await rpc('coord_get_report', { p_event_id: used.id }, t.coordinator)).body;
    expect(usedForm.kinds.find((k: { id: string }) => k.id === kindId)).toEqual({ id: kindId, label, retired: true });
    expect(usedForm.report.materials).toMatchObject({ [kindId]: 7 });

    // Not on another report…
    const refused = await rpc('coord_save_report', reportArgs(fresh.id, 0, { p_materials: { [kindId]: 3 } }), t.coordinator);
    expect(refused.body).toMatchObject({ message: 'material_kind_retired', hint: kindId });
    expect(await sql('select 1 from xinghuo.event_reports where event_id = $1', [fresh.id])).toHaveLength(0);
    // …but the report that used it can still be edited with it.
    const kept = await rpc('coord_save_report', reportArgs(used.id, 1, { p_materials: { [kindId]: 9 } }), t.coordinator);
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    const dash = (await rpc('coord_dashboard', {}, t.coordinator)).body;
    expect(dash.materials_by_kind.find((k: { kind: string }) => k.kind === kindId)).toMatchObject({ quantity: 9 });

    // Adding it again by name says it is retired; restoring brings it back to every form.
    const again = await rpc('coord_add_material_kind', { p_id: `${kindId}-b`, p_label: label }, t.coordinator);
    expect(again.body.message).toBe('material_kind_retired');
    expect((await rpc('coord_restore_material_kind', { p_id: kindId }, t.coordinator)).status).toBe(200);
    const restored = (await rpc('coord_get_report', { p_event_id: fresh.id }, t.coordinator)).body;
    expect(restored.kinds.find((k: { id: string }) => k.id === kindId)).toEqual({ id: kindId, label, retired: false });
  });

  it('an unused retired kind is not listed on the dashboard; unknown kinds are a clear error', async () => {
    const kindId = `flag-${Date.now().toString(36)}`;
    await rpc('coord_add_material_kind', { p_id: kindId, p_label: `小旗${Date.now() % 100000}` }, t.coordinator);
    await rpc('coord_retire_material_kind', { p_id: kindId }, t.coordinator);
    const dash = (await rpc('coord_dashboard', {}, t.coordinator)).body;
    expect(dash.materials_by_kind.map((k: { kind: string }) => k.kind)).not.toContain(kindId);
    for (const fn of ['coord_retire_material_kind', 'coord_restore_material_kind']) {
      const r = await rpc(fn, { p_id: 'no-such-kind' }, t.coordinator);
      expect(r.body).toMatchObject({ message: 'material_kind_unknown', hint: 'id' });
    }
  });
});
