// The editable role catalogue (coord_roles, coord_save_role, coord_retire_role, coord_restore_role):
// each refused to anon, a signed-in non-coordinator, an inactive coordinator and the service role
// (storing nothing), allowed to a coordinator; every bad input has its own code and stores nothing.
// Roles here are the test's own (labels carry a run tag), so the catalogue's seeded roles are only read.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { addSignup, inactiveCoordinatorToken } from './coord-fixtures';
import { createVenue, eventInput, problemsOf, publishedEvent, saveEvent } from './programme-fixtures';

let t: Tokens;
let inactive: string;
const tag = randomUUID().slice(0, 6);
const label = (what: string) => `${what}${tag}`;

beforeAll(async () => {
  t = await tokens();
  inactive = await inactiveCoordinatorToken();
});

const catalogue = () => sql('select id, label, sort_order, retired_at from xinghuo.volunteer_roles order by id');

async function newRole(what: string): Promise<string> {
  const res = await rpc('coord_save_role', { p_role: { label: label(what) } }, t.coordinator);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

/** The field problems of a refused save: [{field, code}] from details (as every *_invalid error). */
function problems(body: { message: string; details: string }): { field: string; code: string }[] {
  expect(body.message).toBe('role_invalid_input');
  return JSON.parse(body.details);
}

describe('who may call the role RPCs', () => {
  const calls: [string, () => Promise<Record<string, unknown>>][] = [
    ['coord_roles', async () => ({})],
    ['coord_save_role', async () => ({ p_role: { label: label(`岗位${randomUUID().slice(0, 4)}`) } })],
    ['coord_retire_role', async () => ({ p_role_id: await newRole(`待停用${randomUUID().slice(0, 4)}`) })],
    ['coord_restore_role', async () => {
      const id = await newRole(`待恢复${randomUUID().slice(0, 4)}`);
      await sql('update xinghuo.volunteer_roles set retired_at = now() where id = $1', [id]);
      return { p_role_id: id };
    }],
  ];
  for (const [fn, args] of calls) {
    it(`${fn}: anon 401, user/inactive/service 403 forbidden and nothing stored, coordinator 200`, async () => {
      const a = await args();
      const before = await catalogue();
      const anon = await rpc(fn, a, t.anon);
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('42501');
      for (const token of [t.user, inactive]) {
        const denied = await rpc(fn, a, token);
        expect(denied.status).toBe(403);
        expect(denied.body).toMatchObject({ code: '42501', message: 'forbidden' });
      }
      expect((await rpc(fn, a, t.service)).status).toBe(403);
      expect(await catalogue()).toEqual(before);
      const ok = await rpc(fn, a, t.coordinator);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    });
  }
});

describe('adding, renaming, retiring and restoring', () => {
  it('a new role gets a generated id role_<n>, is listed last, with nothing hanging off it yet', async () => {
    const id = await newRole('社区金融讲师');
    expect(id).toMatch(/^role_\d+$/);
    const roles = (await rpc('coord_roles', {}, t.coordinator)).body as { id: string; sort_order: number; retired_at: string | null }[];
    const active = roles.filter((r) => r.retired_at === null);
    expect(active.at(-1)).toEqual({ id, label: label('社区金融讲师'), sort_order: expect.any(Number), retired_at: null, events_count: 0, signups_count: 0 });
    expect(Math.max(...active.map((r) => r.sort_order))).toBe(active.at(-1)!.sort_order);
  });

  it('the label is cleaned of edge spaces and invisible characters; an explicit sort order is kept', async () => {
    const res = await rpc('coord_save_role', { p_role: { label: `  ${label('引导员')}\u200B　`, sort_order: 3 } }, t.coordinator);
    expect(res.status).toBe(200);
    expect(await sql('select label, sort_order from xinghuo.volunteer_roles where id = $1', [res.body.id])).toEqual([{ label: label('引导员'), sort_order: 3 }]);
  });

  it('a rename keeps the id, so places, sign-ups and messages follow the new name', async () => {
    const id = await newRole('讲解员');
    const res = await rpc('coord_save_role', { p_role: { id, label: label('反诈讲解员') } }, t.coordinator);
    expect(res.body).toEqual({ id });
    expect((await sql('select xinghuo.role_label($1) as l', [id]))[0].l).toBe(label('反诈讲解员'));
    // Saving a role under its own label again is not "taken".
    expect((await rpc('coord_save_role', { p_role: { id, label: label('反诈讲解员'), sort_order: 7 } }, t.coordinator)).status).toBe(200);
  });

  it('retire → retired_at set, listed after the active roles; again → role_already_retired; restore → active', async () => {
    const id = await newRole('摄影');
    const retired = await rpc('coord_retire_role', { p_role_id: id }, t.coordinator);
    expect(retired.body).toEqual({ id, retired_at: expect.any(String) });
    const roles = (await rpc('coord_roles', {}, t.coordinator)).body as { id: string; retired_at: string | null }[];
    expect(roles.findIndex((r) => r.id === id)).toBeGreaterThan(roles.findLastIndex((r) => r.retired_at === null));
    const again = await rpc('coord_retire_role', { p_role_id: id }, t.coordinator);
    expect(again.body.message).toBe('role_already_retired');
    expect((await rpc('coord_restore_role', { p_role_id: id }, t.coordinator)).body).toEqual({ id, retired_at: null });
    expect((await rpc('coord_restore_role', { p_role_id: id }, t.coordinator)).body.message).toBe('role_not_retired');
    expect((await sql('select retired_at from xinghuo.volunteer_roles where id = $1', [id]))[0].retired_at).toBeNull();
  });

  it('the last active role cannot be retired (role_last_active), and nothing changes', async () => {
    const keep = await newRole('最后一个');
    const others = (await sql<{ id: string }>('select id from xinghuo.volunteer_roles where retired_at is null and id <> $1', [keep])).map((r) => r.id);
    await sql('update xinghuo.volunteer_roles set retired_at = now() where id = any($1)', [others]);
    try {
      const res = await rpc('coord_retire_role', { p_role_id: keep }, t.coordinator);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('role_last_active');
      expect((await sql('select retired_at from xinghuo.volunteer_roles where id = $1', [keep]))[0].retired_at).toBeNull();
    } finally {
      await sql('update xinghuo.volunteer_roles set retired_at = null where id = any($1)', [others]);
    }
  });

  it('unknown ids: role_not_found for rename, retire and restore', async () => {
    for (const [fn, args] of [
      ['coord_save_role', { p_role: { id: 'no_such_role', label: label('不存在') } }],
      ['coord_save_role', { p_role: { id: 42, label: label('不存在') } }],
      ['coord_retire_role', { p_role_id: 'no_such_role' }],
      ['coord_restore_role', { p_role_id: null }],
    ] as const) {
      const res = await rpc(fn, args, t.coordinator);
      expect(res.status, fn).toBe(400);
      expect(res.body.message, fn).toBe('role_not_found');
    }
    expect(await sql('select 1 from xinghuo.volunteer_roles where label = $1', [label('不存在')])).toEqual([]);
  });
});

describe('a role in use', () => {
  it('counts the events giving it places and its sign-ups; retired, it stays on those events but cannot be given places anew', async () => {
    const id = await newRole('金融讲师');
    const venueId = await createVenue(t.coordinator);
    const input = eventInput(venueId, { roles: { [id]: 3, volunteer: 2 } });
    const ev = await publishedEvent(t.coordinator, input);
    await addSignup(ev.id, { role: id });
    const row = () => rpc('coord_roles', {}, t.coordinator).then((r) => r.body.find((x: { id: string }) => x.id === id));
    expect(await row()).toMatchObject({ events_count: 1, signups_count: 1 });

    await rpc('coord_retire_role', { p_role_id: id }, t.coordinator);
    expect(await row()).toMatchObject({ events_count: 1, signups_count: 1, retired_at: expect.any(String) });
    const shown = (await rpc('published_events', {}, t.anon)).body.find((e: { slug: string }) => e.slug === ev.slug);
    expect(shown.roles).toContainEqual({ id, label: label('金融讲师'), slots: 3 });
    // The event keeps its places through an edit; a new event cannot have any in the retired role.
    expect((await rpc('coord_save_event', { p_event: { ...input, id: ev.id, revision: ev.revision, title: '改了标题的活动' } }, t.coordinator)).status).toBe(200);
    expect(problemsOf(await rpc('coord_save_event', { p_event: eventInput(venueId, { roles: { [id]: 1 } }) }, t.coordinator), 'event_invalid'))
      .toContainEqual(expect.objectContaining({ code: 'role_retired' }));
    await rpc('coord_restore_role', { p_role_id: id }, t.coordinator);
    expect((await saveEvent(t.coordinator, eventInput(venueId, { roles: { [id]: 1 } }))).id).toBeGreaterThan(0);
  });
});

describe('bad input: its own code per field, every problem at once, nothing stored', () => {
  const taken = label('已有岗位');
  beforeAll(async () => {
    await newRole('已有岗位');
  });

  it.each([
    [{}, [{ field: 'label', code: 'role_label_required' }]],
    [{ label: 12 }, [{ field: 'label', code: 'role_label_required' }]],
    [{ label: ' \u3000\u200B ' }, [{ field: 'label', code: 'role_label_required' }]],
    [{ label: '讲'.repeat(41) }, [{ field: 'label', code: 'role_label_too_long' }]],
    [{ label: '<b>讲师</b>' }, [{ field: 'label', code: 'role_label_invalid' }]],
    [{ label: ` ${taken} ` }, [{ field: 'label', code: 'role_label_taken' }]],
    [{ label: label('排序'), sort_order: -1 }, [{ field: 'sort_order', code: 'role_sort_order_invalid' }]],
    [{ label: label('排序'), sort_order: 1.5 }, [{ field: 'sort_order', code: 'role_sort_order_invalid' }]],
    [{ label: label('排序'), sort_order: '1' }, [{ field: 'sort_order', code: 'role_sort_order_invalid' }]],
    [{ label: '', sort_order: 1e9 }, [{ field: 'label', code: 'role_label_required' }, { field: 'sort_order', code: 'role_sort_order_invalid' }]],
  ])('%j → %j', async (role, expected) => {
    const before = await catalogue();
    const res = await rpc('coord_save_role', { p_role: role }, t.coordinator);
    expect(res.status).toBe(400);
    expect(problems(res.body)).toEqual(expected);
    expect(await catalogue()).toEqual(before);
  });

  it('the label of another role is taken whatever its case; 40 characters is still fine', async () => {
    await rpc('coord_save_role', { p_role: { label: label('Tutor') } }, t.coordinator);
    expect(problems((await rpc('coord_save_role', { p_role: { label: label('TUTOR') } }, t.coordinator)).body)).toEqual([{ field: 'label', code: 'role_label_taken' }]);
    const forty = `${tag}${'讲'.repeat(40 - tag.length)}`;
    expect((await rpc('coord_save_role', { p_role: { label: forty } }, t.coordinator)).status).toBe(200);
  });

  it('not an object → role_input_not_object', async () => {
    for (const p_role of [null, [], 'x']) {
      expect(problems((await rpc('coord_save_role', { p_role }, t.coordinator)).body)).toEqual([{ field: 'role', code: 'role_input_not_object' }]);
    }
  });
});

describe('the deployed schema reads roles from the catalogue', () => {
  // The migrations before the catalogue (20261202000100) wrote the first five roles out; each of
  // those functions and CHECK lists was replaced since. This holds the live schema to it: no
  // function body, constraint or column default spells a role id.
  it('spells no role id in any function, constraint or default', async () => {
    const ids = (await sql<{ id: string }>('select id from xinghuo.volunteer_roles')).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const texts = await sql<{ what: string; text: string }>(
      `select 'function ' || n.nspname || '.' || p.proname as what, p.prosrc as text
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'xinghuo')
       union all
       select 'constraint ' || c.conname, pg_get_constraintdef(c.oid) from pg_constraint c where c.connamespace = 'xinghuo'::regnamespace
       union all
       select 'default on ' || d.adrelid::regclass::text, pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d
         join pg_class k on k.oid = d.adrelid where k.relnamespace = 'xinghuo'::regnamespace`);
    const spelled = texts.flatMap(({ what, text }) => ids.filter((id) => text.includes(`'${id}'`)).map((id) => `${what}: ${id}`));
    expect(spelled).toEqual([]);
  });
});
