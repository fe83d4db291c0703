// Branches (支行) and who runs them (migration 20261202000900): every coordinator reads the list and
// their own scope; a coordinator always has one (a team lead, or a branch). The scoping of each
// event RPC is tested in branch-scope.test.ts.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { branchCoordinatorToken, createUser, ensureBranch, rpc, sql, tokens, type Tokens } from './harness';

let t: Tokens;
let branchToken: string;
const branchId = `b-${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  t = await tokens();
  branchToken = await branchCoordinatorToken(branchId);
  await ensureBranch(`${branchId}-old`);
  await sql(`update xinghuo.branches set retired_at = now() where id = $1`, [`${branchId}-old`]);
});

describe('coord_branches', () => {
  it('tells a team lead they run every branch, and lists retired branches last', async () => {
    const res = await rpc('coord_branches', {}, t.coordinator);
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ team_lead: true, branch_id: null });
    expect(res.body.branches.find((b: { id: string }) => b.id === branchId)).toMatchObject({ label: `测试${branchId}`, retired: false });
    expect(res.body.branches.find((b: { id: string }) => b.id === `${branchId}-old`)).toMatchObject({ retired: true });
    const firstRetired = res.body.branches.findIndex((b: { retired: boolean }) => b.retired);
    expect(res.body.branches.slice(firstRetired).every((b: { retired: boolean }) => b.retired)).toBe(true);
  });

  it('tells a branch coordinator their one branch', async () => {
    const res = await rpc('coord_branches', {}, branchToken);
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ team_lead: false, branch_id: branchId });
  });

  it('is refused to anon and to a signed-in non-coordinator', async () => {
    expect((await rpc('coord_branches', {}, t.anon)).status).toBe(401);
    const user = await rpc('coord_branches', {}, t.user);
    expect(user.status).toBe(403);
    expect(user.body.message).toBe('forbidden');
  });
});

describe('a coordinator always has a scope', () => {
  it('refuses a coordinator who is neither a team lead nor in a branch', async () => {
    const u = await createUser(`noscope-${randomUUID().slice(0, 8)}@test.local`, `pw-${randomUUID()}`);
    await expect(sql(`insert into xinghuo.coordinators (user_id, display_name, team_lead, branch_id) values ($1, '无范围', false, null)`, [u.id]))
      .rejects.toThrow(/coordinators_have_scope/);
    expect(await sql(`select 1 from xinghuo.coordinators where user_id = $1`, [u.id])).toHaveLength(0);
  });

  it('refuses a branch that does not exist', async () => {
    const u = await createUser(`nobranch-${randomUUID().slice(0, 8)}@test.local`, `pw-${randomUUID()}`);
    await expect(sql(`insert into xinghuo.coordinators (user_id, display_name, branch_id) values ($1, '错支行', 'no-such-branch')`, [u.id]))
      .rejects.toThrow(/foreign key/);
  });
});
