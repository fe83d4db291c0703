// The figures over a period and a scope (20261202000970): per branch, per partner, per period and per
// campaign against hand-computed fixtures, and who may see which branch's figures. Each test's
// events sit in a 支行 of its own, so its figures are exactly what it made.
import { beforeAll, describe, expect, it } from 'vitest';
import { branchCoordinatorToken, createEvent, rpc, tokens, type Tokens } from './harness';
import { reportArgs } from './coord-fixtures';
import { figures, freshBranch, setPartners, shanghaiDate } from './figures-fixtures';

let t: Tokens;
let branchA: string;
let branchB: string;
let coordA: string;
let p1: number;
let p2: number;
const police = '市公安局反诈中心';
const committee = '社区居委会';

beforeAll(async () => {
  t = await tokens();
  branchA = await freshBranch('fa');
  branchB = await freshBranch('fb');
  coordA = await branchCoordinatorToken(branchA);
  // B: P1 45 days ago with two partners (100 people, 110 leaflets/booklets); P2 10 days ago with one
  // (50 people, 20 leaflets). A: one event, 7 days ago (300 people).
  p1 = (await createEvent({ startsInHours: -45 * 24, branchId: branchB })).id;
  await setPartners(p1, [police, committee]);
  p2 = (await createEvent({ startsInHours: -10 * 24, branchId: branchB })).id;
  await setPartners(p2, [committee]);
  const a1 = (await createEvent({ startsInHours: -7 * 24, branchId: branchA })).id;
  for (const [id, over] of [[p1, { p_people_reached: 100 }], [p2, { p_people_reached: 50, p_materials: { leaflet: 20 } }], [a1, {}]] as const) {
    const r = await rpc('coord_save_report', reportArgs(id, 0, over), t.coordinator);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
});

type Group = { key: string | null; events: number; people_reached: number; materials: number };
const row = (rows: Group[], key: string | null) => rows.find((r) => r.key === key);

describe('per branch, partner and period', () => {
  it("a branch's totals, its partners (an event with two counts under each) and its rows", async () => {
    const f = await figures(t.coordinator, { p_branch: branchB });
    expect(f.branch).toBe(branchB);
    expect(f.totals).toMatchObject({ events_held: 2, people_reached: 150, materials: 130 });
    expect(row(f.by_partner, committee)).toMatchObject({ events: 2, people_reached: 150, materials: 130 });
    expect(row(f.by_partner, police)).toMatchObject({ events: 1, people_reached: 100, materials: 110 });
    expect(f.by_branch).toEqual([{ key: branchB, label: `测试${branchB}`, events: 2, people_reached: 150, materials: 130, volunteer_hours: 0 }]);
    expect(f.rows.map((r: { id: number }) => r.id)).toEqual([p1, p2]);
    expect(f.rows.reduce((s: number, r: Group) => s + r.people_reached, 0)).toBe(f.totals.people_reached);
  });

  it('all branches for a team lead: each branch its own row, the team\'s own events under null', async () => {
    await createEvent({ startsInHours: -3 }); // no branch: 不属任何支行
    const f = await figures(t.coordinator);
    expect(f.branch).toBeNull();
    expect(row(f.by_branch, branchA)).toMatchObject({ events: 1, people_reached: 300 });
    expect(row(f.by_branch, branchB)).toMatchObject({ events: 2, people_reached: 150 });
    expect(row(f.by_branch, null)?.events).toBeGreaterThanOrEqual(1);
    expect(f.by_branch.reduce((s: number, r: Group) => s + r.events, 0)).toBe(f.totals.events_held);
  });

  it('a period counts the events that started on its days (Asia/Shanghai), both ends included', async () => {
    const recent = await figures(t.coordinator, { p_branch: branchB, p_from: shanghaiDate(-20), p_to: shanghaiDate(0) });
    expect(recent.totals).toMatchObject({ events_held: 1, people_reached: 50 });
    expect(recent.from).toBe(shanghaiDate(-20));
    const exact = await figures(t.coordinator, { p_branch: branchB, p_from: shanghaiDate(-45), p_to: shanghaiDate(-45) });
    expect(exact.totals.events_held).toBe(1);
    expect(exact.rows[0].id).toBe(p1);
  });

  it('a campaign counts the events held between its dates (and within a period, when one is given)', async () => {
    const saved = await rpc('coord_save_campaign', { p_campaign: { label: `测试宣传月${branchB}`, starts_on: shanghaiDate(-50), ends_on: shanghaiDate(-40) } }, t.coordinator);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const f = await figures(t.coordinator, { p_branch: branchB, p_campaign: saved.body.id });
    expect(f.totals).toMatchObject({ events_held: 1, people_reached: 100 });
    expect(f.campaign).toMatchObject({ id: saved.body.id, label: `测试宣传月${branchB}` });
    const none = await figures(t.coordinator, { p_branch: branchB, p_campaign: saved.body.id, p_from: shanghaiDate(-20) });
    expect(none.totals.events_held).toBe(0);
  });

  it('without rows (the dashboard screen) the same figures, the rows left out', async () => {
    const lean = await figures(t.coordinator, { p_branch: branchB, p_rows: false });
    const full = await figures(t.coordinator, { p_branch: branchB });
    expect(lean.rows).toBeNull();
    expect(lean.totals).toEqual(full.totals);
    expect(lean.by_partner).toEqual(full.by_partner);
  });

  it('coord_dashboard and coord_held_events take the same scope', async () => {
    const dash = (await rpc('coord_dashboard', { p_branch: branchB }, t.coordinator)).body;
    expect(dash.totals).toMatchObject({ events_held: 2, people_reached: 150 });
    expect(row(dash.by_partner, committee)?.events).toBe(2);
    const held = (await rpc('coord_held_events', { p_branch: branchB }, t.coordinator)).body;
    expect(held.map((h: { id: number }) => h.id)).toEqual([p1, p2]);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['the end before the start', { p_from: shanghaiDate(0), p_to: shanghaiDate(-1) }, 'period_end_before_start'],
    ['an absurd start', { p_from: '1800-01-01' }, 'period_start_invalid'],
    ['an absurd end', { p_to: '2999-01-01' }, 'period_end_invalid'],
    ['an unknown campaign', { p_campaign: 'no-such-campaign' }, 'campaign_not_found'],
    ['an unknown branch', { p_branch: 'no-such-branch' }, 'scope_branch_unknown'],
  ];
  for (const [what, args, code] of bad) {
    it(`${what} → ${code}`, async () => {
      const r = await rpc('coord_figures', args, t.coordinator);
      expect(r.status).toBe(400);
      expect(r.body.message).toBe(code);
    });
  }
});

describe('who sees which figures', () => {
  it('anon and a signed-in non-coordinator are refused', async () => {
    for (const fn of ['coord_figures', 'coord_dashboard', 'coord_held_events']) {
      expect((await rpc(fn, {}, t.anon)).status).toBe(401);
      const user = await rpc(fn, {}, t.user);
      expect(user.status).toBe(403);
      expect(user.body.message).toBe('forbidden');
    }
  });

  it('a branch coordinator gets their own branch whatever they leave out', async () => {
    const f = await figures(coordA);
    expect(f.branch).toBe(branchA);
    expect(f.totals).toMatchObject({ events_held: 1, people_reached: 300 });
    expect(f.by_branch.map((r: Group) => r.key)).toEqual([branchA]);
    expect((await figures(coordA, { p_branch: branchA })).totals.events_held).toBe(1);
    const dash = (await rpc('coord_dashboard', {}, coordA)).body;
    expect(dash.totals.events_held).toBe(1);
    const held = (await rpc('coord_held_events', {}, coordA)).body;
    expect(held).toHaveLength(1);
  });

  it("a branch coordinator asking for another branch's figures → branch_forbidden", async () => {
    for (const fn of ['coord_figures', 'coord_dashboard', 'coord_held_events']) {
      const r = await rpc(fn, { p_branch: branchB }, coordA);
      expect(r.status, fn).toBe(403);
      expect(r.body.message).toBe('branch_forbidden');
    }
  });

  it('a team lead sees any branch', async () => {
    expect((await figures(t.coordinator, { p_branch: branchA })).totals.events_held).toBe(1);
  });
});
