// An event's 支行 in every write (coord_save_event, coord_create_series, coord_import_events, clone):
// a branch coordinator's omitted branch is theirs; another branch or none is branch_forbidden; an
// unknown or retired branch has its own code; each refusal stores nothing; a move is in the history.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql } from './harness';
import { branchWorld, draftIn, type BranchWorld } from './branch-fixtures';
import { eventInput, hoursFromNow, problemsOf, programmeCounts, saveEvent } from './programme-fixtures';

let w: BranchWorld;
let retired: string;
beforeAll(async () => {
  w = await branchWorld();
  retired = `${w.other}-r`;
  await sql(`insert into xinghuo.branches (id, label, retired_at) values ($1, '停用' || $1, now())`, [retired]);
});

const branchOf = async (id: number) => (await sql(`select branch_id from xinghuo.events where id = $1`, [id]))[0].branch_id;

async function refusedWith(token: string, event: Record<string, unknown>, code: string): Promise<void> {
  const before = await programmeCounts();
  expect(problemsOf(await rpc('coord_save_event', { p_event: event }, token), 'event_invalid')).toEqual([{ field: 'branch_id', code }]);
  expect(await programmeCounts()).toEqual(before);
}

describe('coord_save_event', () => {
  it('a branch coordinator’s new event without a branch is theirs; a lead’s is of no branch', async () => {
    const mine = await saveEvent(w.ownCoordinator, eventInput(w.venueId));
    expect(await branchOf(mine.id)).toBe(w.own);
    const leads = await saveEvent(w.lead, eventInput(w.venueId));
    expect(await branchOf(leads.id)).toBeNull();
    expect((await rpc('coord_get_event', { p_event_id: mine.id }, w.ownCoordinator)).body.branch_id).toBe(w.own);
  });

  it('a branch coordinator may not use another branch or none: branch_forbidden, nothing stored', async () => {
    await refusedWith(w.ownCoordinator, eventInput(w.venueId, { branch_id: w.other }), 'branch_forbidden');
    await refusedWith(w.ownCoordinator, eventInput(w.venueId, { branch_id: null }), 'branch_forbidden');
    // Nor move their own event out of their branch.
    const { id, revision } = await saveEvent(w.ownCoordinator, eventInput(w.venueId));
    await refusedWith(w.ownCoordinator, eventInput(w.venueId, { id, revision, branch_id: w.other }), 'branch_forbidden');
    expect(await branchOf(id)).toBe(w.own);
  });

  it('an unknown or retired branch has its own code for anyone; an event already in a retired branch may stay', async () => {
    await refusedWith(w.lead, eventInput(w.venueId, { branch_id: 'no-such-branch' }), 'branch_unknown');
    await refusedWith(w.lead, eventInput(w.venueId, { branch_id: 42 }), 'branch_unknown');
    await refusedWith(w.lead, eventInput(w.venueId, { branch_id: retired }), 'branch_retired');
    const [{ id }] = await sql(`update xinghuo.events set branch_id = $1 where id = $2 returning id`, [retired, (await draftIn(w, w.other)).id]);
    const kept = await rpc('coord_save_event', { p_event: eventInput(w.venueId, { id: Number(id), revision: 1, branch_id: retired, title: '留在停用支行的活动' }) }, w.lead);
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
  });

  it('an edit that leaves branch_id out keeps the stored branch; a lead’s move is in the history, old → new', async () => {
    const { id, revision } = await draftIn(w, w.own);
    const input = eventInput(w.venueId, { id, revision, title: '没写支行的修改' });
    delete input.branch_id;
    const edited = await saveEvent(w.lead, input);
    expect(await branchOf(id)).toBe(w.own);
    await saveEvent(w.lead, eventInput(w.venueId, { id, revision: edited.revision, title: '没写支行的修改', branch_id: w.other }));
    expect(await branchOf(id)).toBe(w.other);
    const history = (await rpc('coord_event_history', { p_event_id: id }, w.lead)).body;
    expect(history[0]).toMatchObject({ action: 'updated', before: { branch_id: w.own }, after: { branch_id: w.other } });
  });

  it('a clone stays in its source’s branch', async () => {
    const { id } = await saveEvent(w.ownCoordinator, eventInput(w.venueId));
    const clone = await rpc('coord_clone_event', { p_event_id: id }, w.ownCoordinator);
    expect(clone.status).toBe(200);
    expect(await branchOf(clone.body.id)).toBe(w.own);
  });
});

describe('coord_create_series', () => {
  const series = (over: Record<string, unknown>) => ({
    p_event: eventInput(w.venueId, { title: `支行系列${Date.now() % 1e6}`, starts_at: hoursFromNow(30), ends_at: hoursFromNow(31), ...over }),
    p_rule: { every: 'week', interval: 1, count: 2 },
  });

  it('every occurrence is in the branch coordinator’s branch; another branch is refused with nothing stored', async () => {
    const ok = await rpc('coord_create_series', series({}), w.ownCoordinator);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    for (const e of ok.body.events) expect(await branchOf(e.id)).toBe(w.own);
    const before = await programmeCounts();
    expect(problemsOf(await rpc('coord_create_series', series({ branch_id: w.other }), w.ownCoordinator), 'series_invalid'))
      .toEqual([{ field: 'branch_id', code: 'branch_forbidden' }]);
    expect(await programmeCounts()).toEqual(before);
  });
});

describe('coord_import_events', () => {
  const row = (over: Record<string, unknown>) => {
    const { venue_id: _venue, roles: _roles, ...rest } = eventInput(w.venueId, { title: `导入支行${Math.random().toString(36).slice(2, 8)}` });
    return { ...rest, ...over };
  };

  it('reads 「支行」 by label or id; an empty cell is the importer’s branch; unknown names are branch_unknown', async () => {
    const [{ name }] = await sql(`select name from xinghuo.venues where id = $1`, [w.venueId]);
    const base = { venue_name: name, roles: { volunteer: 2 } };
    const dry = await rpc('coord_import_events', {
      p_rows: [row({ ...base, branch: `测试${w.own}` }), row({ ...base, branch: '没有这个支行' }), row({ ...base, branch: w.other })], p_commit: false,
    }, w.ownCoordinator);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.problems).toEqual([
      { row: 2, field: 'branch_id', code: 'branch_unknown' },
      { row: 3, field: 'branch_id', code: 'branch_forbidden' },
    ]);
    const done = await rpc('coord_import_events', { p_rows: [row({ ...base, branch: `测试${w.own}` }), row(base)], p_commit: true }, w.ownCoordinator);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    for (const id of done.body.ids) expect(await branchOf(id)).toBe(w.own);
    const byLead = await rpc('coord_import_events', { p_rows: [row({ ...base, branch: w.other })], p_commit: true }, w.lead);
    expect(await branchOf(byLead.body.ids[0])).toBe(w.other);
  });
});
