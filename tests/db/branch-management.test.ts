// The team lead's 「支行与协调员」: branches added, renamed, retired, restored; each coordinator's branch
// and lead role. Anyone else: anon 401, a signed-in non-coordinator forbidden, a branch coordinator
// lead_only, and nothing stored. The team never loses its last active lead.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, makeCoordinator, rpc, signIn, sql } from './harness';
import { branchWorld, type BranchWorld } from './branch-fixtures';
import { problemsOf } from './programme-fixtures';

let w: BranchWorld;
beforeAll(async () => {
  w = await branchWorld();
});

const label = () => `测试支行${randomUUID().slice(0, 6)}`;
const state = async () => (await sql(
  `select (select count(*) from xinghuo.branches)::int as branches, (select string_agg(id || label || coalesce(retired_at::text, ''), ',' order by id) from xinghuo.branches) as rows,
     (select string_agg(user_id || coalesce(branch_id, '') || team_lead, ',' order by user_id) from xinghuo.coordinators) as scopes`))[0];

const calls: [string, () => Promise<Record<string, unknown>>][] = [
  ['coord_save_branch', async () => ({ p_branch: { label: label() } })],
  ['coord_retire_branch', async () => ({ p_id: (await rpc('coord_save_branch', { p_branch: { label: label() } }, w.lead)).body.id })],
  ['coord_restore_branch', async () => {
    const { id } = (await rpc('coord_save_branch', { p_branch: { label: label() } }, w.lead)).body;
    await rpc('coord_retire_branch', { p_id: id }, w.lead);
    return { p_id: id };
  }],
  ['coord_coordinators', async () => ({})],
  ['coord_set_coordinator_scope', async () => {
    const u = await createUser(`scope-${randomUUID().slice(0, 8)}@test.local`, 'pw-12345678');
    await makeCoordinator(u, '待分配的协调员', true, { branchId: w.own });
    return { p_user_id: u.id, p_branch_id: w.other, p_team_lead: false };
  }],
];

describe('lead-only RPCs', () => {
  for (const [fn, args] of calls) {
    it(`${fn}: anon 401, user forbidden, branch coordinator lead_only (nothing stored), team lead 200`, async () => {
      const a = await args();
      const before = await state();
      expect((await rpc(fn, a, w.t.anon)).status).toBe(401);
      expect((await rpc(fn, a, w.t.user)).body).toMatchObject({ code: '42501', message: 'forbidden' });
      const refused = await rpc(fn, a, w.ownCoordinator);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: '42501', message: 'lead_only' });
      expect(await state()).toEqual(before);
      const ok = await rpc(fn, a, w.lead);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    });
  }
});

describe('branches', () => {
  it('a new branch gets an id, is listed by coord_branches, renames in place, retires and restores', async () => {
    const first = label();
    const { id } = (await rpc('coord_save_branch', { p_branch: { label: first } }, w.lead)).body;
    expect(id).toMatch(/^branch-\d+$/);
    const renamed = label();
    expect((await rpc('coord_save_branch', { p_branch: { id, label: renamed, sort: 5 } }, w.lead)).body).toEqual({ id });
    const listed = (await rpc('coord_branches', {}, w.ownCoordinator)).body.branches;
    expect(listed).toContainEqual({ id, label: renamed, sort: 5, retired: false });
    expect((await rpc('coord_retire_branch', { p_id: id }, w.lead)).body).toEqual({ id, retired: true });
    expect((await rpc('coord_retire_branch', { p_id: id }, w.lead)).body.message).toBe('branch_already_retired');
    expect((await rpc('coord_restore_branch', { p_id: id }, w.lead)).body).toEqual({ id, retired: false });
    expect((await rpc('coord_restore_branch', { p_id: id }, w.lead)).body.message).toBe('branch_not_retired');
    expect((await rpc('coord_retire_branch', { p_id: 'no-such' }, w.lead)).body.message).toBe('branch_not_found');
  });

  it('bad input: every problem at once, nothing stored', async () => {
    const before = await state();
    expect(problemsOf(await rpc('coord_save_branch', { p_branch: { label: '', sort: -1 } }, w.lead), 'branch_invalid')).toEqual([
      { field: 'label', code: 'branch_label_required' }, { field: 'sort', code: 'branch_sort_invalid' }]);
    expect(problemsOf(await rpc('coord_save_branch', { p_branch: { label: '长'.repeat(31) } }, w.lead), 'branch_invalid')).toEqual([
      { field: 'label', code: 'branch_label_too_long' }]);
    expect(problemsOf(await rpc('coord_save_branch', { p_branch: { label: '<b>支行' } }, w.lead), 'branch_invalid')).toEqual([
      { field: 'label', code: 'branch_label_invalid' }]);
    expect(problemsOf(await rpc('coord_save_branch', { p_branch: { label: `测试${w.own}` } }, w.lead), 'branch_invalid')).toEqual([
      { field: 'label', code: 'branch_label_taken' }]);
    expect(problemsOf(await rpc('coord_save_branch', { p_branch: 'x' }, w.lead), 'branch_invalid')).toEqual([
      { field: 'form', code: 'branch_input_not_object' }]);
    expect((await rpc('coord_save_branch', { p_branch: { id: 'no-such', label: label() } }, w.lead)).body.message).toBe('branch_not_found');
    expect(await state()).toEqual(before);
  });
});

describe('coordinators', () => {
  it('lists names and scope, never e-mail addresses', async () => {
    const res = await rpc('coord_coordinators', {}, w.lead);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('@');
    const mine = res.body.find((c: { branch_id: string | null }) => c.branch_id === w.own);
    expect(Object.keys(mine).sort()).toEqual(['active', 'branch_id', 'branch_label', 'display_name', 'is_me', 'team_lead', 'user_id']);
    expect(mine).toMatchObject({ team_lead: false, branch_label: `测试${w.own}`, is_me: false });
  });

  it('a new branch coordinator runs that branch at once; bad scopes have their codes and store nothing', async () => {
    const password = `pw-${randomUUID()}`;
    const u = await createUser(`moved-${randomUUID().slice(0, 8)}@test.local`, password);
    await makeCoordinator(u, '调动的协调员');
    const token = await signIn(u.email, password);
    const before = await state();
    const bad = (branch: string | null, lead: boolean | null) => rpc('coord_set_coordinator_scope', { p_user_id: u.id, p_branch_id: branch, p_team_lead: lead }, w.lead);
    expect(problemsOf(await bad(null, false), 'scope_invalid')).toEqual([{ field: 'branch_id', code: 'branch_required' }]);
    expect(problemsOf(await bad('no-such', false), 'scope_invalid')).toEqual([{ field: 'branch_id', code: 'branch_unknown' }]);
    expect(problemsOf(await bad(w.own, null), 'scope_invalid')).toEqual([{ field: 'team_lead', code: 'team_lead_required' }]);
    const { id: gone } = (await rpc('coord_save_branch', { p_branch: { label: label() } }, w.lead)).body;
    await rpc('coord_retire_branch', { p_id: gone }, w.lead);
    const afterBranch = await state();
    expect(problemsOf(await bad(gone, false), 'scope_invalid')).toEqual([{ field: 'branch_id', code: 'branch_retired' }]);
    expect((await rpc('coord_set_coordinator_scope', { p_user_id: randomUUID(), p_branch_id: w.own, p_team_lead: false }, w.lead)).body.message)
      .toBe('coordinator_not_found');
    expect((await state()).scopes).toEqual(before.scopes);
    expect(await state()).toEqual(afterBranch);

    expect((await rpc('coord_branches', {}, token)).body.scope).toEqual({ team_lead: true, branch_id: null });
    expect((await bad(w.other, false)).body).toEqual({ user_id: u.id, branch_id: w.other, team_lead: false });
    expect((await rpc('coord_branches', {}, token)).body.scope).toEqual({ team_lead: false, branch_id: w.other });
    expect((await rpc('coord_coordinators', {}, token)).body.message).toBe('lead_only');
  });

  it('the last active lead cannot step down (last_team_lead); with a second lead they can', async () => {
    const password = `pw-${randomUUID()}`;
    const u = await createUser(`lastlead-${randomUUID().slice(0, 8)}@test.local`, password);
    await makeCoordinator(u, '唯一的负责人');
    const token = await signIn(u.email, password);
    // This suite's database has other leads; make this one the only active lead for the check.
    const others = await sql<{ user_id: string }>(
      `update xinghuo.coordinators set team_lead = false, branch_id = $2 where team_lead and active and user_id <> $1 returning user_id`, [u.id, w.own]);
    try {
      const stepDown = await rpc('coord_set_coordinator_scope', { p_user_id: u.id, p_branch_id: w.own, p_team_lead: false }, token);
      expect(stepDown.status).toBe(400);
      expect(stepDown.body.message).toBe('last_team_lead');
      expect((await sql(`select team_lead from xinghuo.coordinators where user_id = $1`, [u.id]))[0].team_lead).toBe(true);
      const second = others[0]!.user_id;
      expect((await rpc('coord_set_coordinator_scope', { p_user_id: second, p_branch_id: null, p_team_lead: true }, token)).status).toBe(200);
      expect((await rpc('coord_set_coordinator_scope', { p_user_id: u.id, p_branch_id: w.own, p_team_lead: false }, token)).status).toBe(200);
    } finally {
      await sql(`update xinghuo.coordinators set team_lead = true, branch_id = null where user_id = any ($1::uuid[])`, [others.map((o) => o.user_id)]);
    }
  });
});
