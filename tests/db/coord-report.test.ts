// Event reports: revisions (who, when, before → after), the two-editors conflict, bad figures, and
// the append-only history.
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup, reportArgs, secondCoordinatorToken } from './coord-fixtures';

let t: Tokens;
let second: string;

beforeAll(async () => {
  t = await tokens();
  second = await secondCoordinatorToken('李协调员');
});

async function reportState(eventId: number) {
  const reports = await sql('select * from xinghuo.event_reports where event_id = $1', [eventId]);
  const materials = await sql('select kind, quantity from xinghuo.report_materials where event_id = $1 order by kind', [eventId]);
  const revisions = await sql('select version from xinghuo.report_revisions where event_id = $1', [eventId]);
  return { reports, materials, revisions };
}

describe('saving a report', () => {
  it('keeps one revision per save with the saver, the time and the figures before and after', async () => {
    const { id } = await createEvent({ startsInHours: -4 });
    await addSignup(id, { checkedIn: true });
    await addSignup(id, { checkedIn: true });

    const first = await rpc('coord_save_report', reportArgs(id, 0, { p_volunteers_present: 2 }), t.coordinator);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ version: 1, people_reached: 300, volunteers_present: 2, materials: { leaflet: 100, booklet: 10 } });

    const second2 = await rpc(
      'coord_save_report',
      reportArgs(id, 1, { p_people_reached: 450, p_volunteers_present: 3, p_adjust_reason: '一位民警到场未签到', p_materials: { leaflet: 120, poster: 2 } }),
      second,
    );
    expect(second2.status, JSON.stringify(second2.body)).toBe(200);
    expect(second2.body).toMatchObject({ version: 2, people_reached: 450, updated_by: '李协调员', materials: { leaflet: 120, poster: 2 } });

    const revs = await sql(
      `select r.version, r.changed_by, r.changed_at, r.before, r.after, c.display_name
       from xinghuo.report_revisions r left join xinghuo.coordinators c on c.user_id = r.changed_by
       where r.event_id = $1 order by r.version`,
      [id],
    );
    expect(revs).toHaveLength(2);
    expect(revs[0].before).toBeNull();
    expect(revs[0].after).toMatchObject({ people_reached: 300, version: 1 });
    expect(revs[1].display_name).toBe('李协调员');
    expect(revs[1].before).toMatchObject({ people_reached: 300, materials: { leaflet: 100, booklet: 10 } });
    expect(revs[1].after).toMatchObject({ people_reached: 450, volunteers_adjust_reason: '一位民警到场未签到', materials: { leaflet: 120, poster: 2 } });
    expect(revs[0].changed_by).not.toBe(revs[1].changed_by);

    const got = await rpc('coord_get_report', { p_event_id: id }, t.coordinator);
    expect(got.status).toBe(200);
    expect(got.body.checked_in).toBe(2);
    expect(got.body.report).toMatchObject({ version: 2, people_reached: 450 });
    expect(got.body.revisions.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    expect(got.body.kinds.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining(['leaflet', 'booklet', 'poster', 'giveaway']));
  });

  it('tells the second editor what the first saved, and keeps the first save', async () => {
    const { id } = await createEvent({ startsInHours: -4 });
    // Both start from version 0 (no report yet).
    const a = await rpc('coord_save_report', reportArgs(id, 0, { p_people_reached: 500 }), t.coordinator);
    expect(a.status).toBe(200);
    const b = await rpc('coord_save_report', reportArgs(id, 0, { p_people_reached: 800 }), second);
    expect(b.status).toBe(400);
    expect(b.body).toMatchObject({ code: 'P0001', message: 'report_conflict' });
    const theirs = JSON.parse(b.body.details);
    expect(theirs).toMatchObject({ version: 1, people_reached: 500, materials: { leaflet: 100, booklet: 10 } });
    expect(typeof theirs.updated_by).toBe('string');
    const state = await reportState(id);
    expect(state.reports[0].people_reached).toBe(500);
    expect(state.revisions).toHaveLength(1);

    // Re-applying on top of the version they were shown succeeds and is recorded as version 2.
    const again = await rpc('coord_save_report', reportArgs(id, theirs.version, { p_people_reached: 800 }), second);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 2, people_reached: 800 });
  });

  it('asks for a reason when volunteers present differs from check-ins', async () => {
    const { id } = await createEvent({ startsInHours: -4 });
    await addSignup(id, { checkedIn: true });
    const r = await rpc('coord_save_report', reportArgs(id, 0, { p_volunteers_present: 5 }), t.coordinator);
    expect(r.body).toMatchObject({ message: 'adjust_reason_required', hint: 'volunteers_adjust_reason' });
    expect((await reportState(id)).reports).toHaveLength(0);
    const ok = await rpc('coord_save_report', reportArgs(id, 0, { p_volunteers_present: 1 }), t.coordinator);
    expect(ok.status).toBe(200);
  });
});

describe('bad figures get a clear code and change nothing', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['negative', { p_people_reached: -1 }, 'people_reached_negative', 'people_reached'],
    ['huge', { p_people_reached: 1_000_001 }, 'people_reached_too_large', 'people_reached'],
    ['fractional', { p_people_reached: 12.5 }, 'people_reached_not_integer', 'people_reached'],
    ['text', { p_people_reached: '三百' }, 'people_reached_invalid', 'people_reached'],
    ['numeric text', { p_questions_answered: '12' }, 'questions_answered_invalid', 'questions_answered'],
    ['missing people reached', { p_people_reached: null }, 'people_reached_required', 'people_reached'],
    ['missing volunteers present', { p_volunteers_present: null }, 'volunteers_present_required', 'volunteers_present'],
    ['fractional volunteers', { p_volunteers_present: 1.5 }, 'volunteers_present_not_integer', 'volunteers_present'],
    ['negative material', { p_materials: { leaflet: -3 } }, 'material_quantity_negative', 'leaflet'],
    ['huge material', { p_materials: { poster: 5_000_000 } }, 'material_quantity_too_large', 'poster'],
    ['unknown material', { p_materials: { rockets: 3 } }, 'material_kind_unknown', 'rockets'],
    ['materials not an object', { p_materials: [1, 2] }, 'materials_invalid', 'materials'],
    ['notes too long', { p_notes: '字'.repeat(2001) }, 'notes_too_long', 'notes'],
  ];

  let eventId: number;
  beforeAll(async () => {
    ({ id: eventId } = await createEvent({ startsInHours: -4 }));
    const ok = await rpc('coord_save_report', reportArgs(eventId, 0, { p_people_reached: 222 }), t.coordinator);
    expect(ok.status).toBe(200);
  });

  for (const [label, over, code, hint] of cases) {
    it(`${label} → ${code}`, async () => {
      const before = await reportState(eventId);
      const r = await rpc('coord_save_report', reportArgs(eventId, 1, over), t.coordinator);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'P0001', message: code, hint });
      expect(await reportState(eventId)).toEqual(before);
    });
  }

  it('a fractional expected version is refused by the API before anything runs', async () => {
    const before = await reportState(eventId);
    const r = await rpc('coord_save_report', reportArgs(eventId, 1.5), t.coordinator);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('22P02');
    expect(await reportState(eventId)).toEqual(before);
  });

  it('a report for a cancelled event is refused', async () => {
    const { id } = await createEvent({ startsInHours: -4, status: 'cancelled' });
    const r = await rpc('coord_save_report', reportArgs(id, 0), t.coordinator);
    expect(r.body.message).toBe('event_not_scheduled');
    expect((await reportState(id)).reports).toHaveLength(0);
  });
});

describe('revisions are append-only', () => {
  it('refuses update, delete and truncate even to the owner and the superuser', async () => {
    const { id } = await createEvent({ startsInHours: -4 });
    await rpc('coord_save_report', reportArgs(id, 0), t.coordinator);
    await expect(sql('update xinghuo.report_revisions set after = $2 where event_id = $1', [id, '{}'])).rejects.toThrow(/revisions_append_only/);
    await expect(sql('delete from xinghuo.report_revisions where event_id = $1', [id])).rejects.toThrow(/revisions_append_only/);
    await expect(sql('truncate xinghuo.report_revisions')).rejects.toThrow(/revisions_append_only/);
    // As the role the security-definer RPCs run as (the functions' owner), inside a real transaction:
    const [{ owner }] = await sql(`select pg_get_userbyid(p.proowner) as owner from pg_proc p where p.proname = 'coord_save_report'`);
    const client = new pg.Client({ connectionString: inject('dbUrl') });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`set local role ${client.escapeIdentifier(owner)}`);
      expect((await client.query('select current_user as u')).rows[0].u).toBe(owner);
      await expect(client.query('delete from xinghuo.report_revisions where event_id = $1', [id])).rejects.toThrow(/revisions_append_only/);
    } finally {
      await client.query('rollback');
      await client.end();
    }
    expect(await sql('select 1 from xinghuo.report_revisions where event_id = $1', [id])).toHaveLength(1);
  });

  it('the API roles hold no privileges on the revisions table at all', async () => {
    for (const role of ['anon', 'authenticated', 'service_role']) {
      const [row] = await sql(
        `select has_table_privilege($1, 'xinghuo.report_revisions', 'UPDATE') as u,
                has_table_privilege($1, 'xinghuo.report_revisions', 'DELETE') as d`,
        [role],
      );
      expect(row).toEqual({ u: false, d: false });
    }
  });
});

describe('material kinds', () => {
  it('a coordinator adds a kind that reports can then use; bad or duplicate kinds are refused', async () => {
    const kindId = `calendar-${Date.now().toString(36)}`;
    const label = `台历${Date.now() % 100000}`;
    const added = await rpc('coord_add_material_kind', { p_id: kindId, p_label: label }, t.coordinator);
    expect(added.status).toBe(200);
    expect(added.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: kindId, label, retired_at: null })]));
    const dup = await rpc('coord_add_material_kind', { p_id: `${kindId}-x`, p_label: label }, t.coordinator);
    expect(dup.body.message).toBe('material_kind_exists');
    const bad = await rpc('coord_add_material_kind', { p_id: 'Bad Id!', p_label: '坏' }, t.coordinator);
    expect(bad.body.message).toBe('material_kind_id_invalid');
    const empty = await rpc('coord_add_material_kind', { p_id: 'empty-label', p_label: '  ' }, t.coordinator);
    expect(empty.body.message).toBe('material_kind_label_invalid');

    const { id } = await createEvent({ startsInHours: -4 });
    const r = await rpc('coord_save_report', reportArgs(id, 0, { p_materials: { [kindId]: 40 } }), t.coordinator);
    expect(r.status).toBe(200);
    expect(r.body.materials).toEqual({ [kindId]: 40 });
  });
});
