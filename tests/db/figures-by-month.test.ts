// Figures of a period are merged from month parts (20261202001010): the merge must give exactly
// what one pass over the whole period gives, for any period (whole months, part months, open
// ends, one branch), and a change to one event must reach every answer while the other months'
// parts stay as they were (the point of the parts: one month recomputed after a check-in).
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { reportArgs } from './coord-fixtures';
import { freshBranch, setPartners, shanghaiDate } from './figures-fixtures';

let t: Tokens;
let branch: string;
const ids: number[] = [];

beforeAll(async () => {
  t = await tokens();
  branch = await freshBranch('fm');
  // Five events over about four months, with reports, partners and check-ins, in one branch.
  for (const [days, people, partners] of [[-100, 40, ['甲单位']], [-70, 60, ['甲单位', '乙单位']], [-40, 25, []], [-12, 80, ['乙单位']], [-2, 10, []]] as const) {
    const { id } = await createEvent({ startsInHours: days * 24, hours: 2, branchId: branch });
    ids.push(id);
    await setPartners(id, [...partners]);
    const r = await rpc('coord_save_report', reportArgs(id, 0, { p_people_reached: people, p_materials: { leaflet: people } }), t.coordinator);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
});

/** The period's figures in one pass (one part, merged: the same ordering and labels). */
async function onePass(from: string | null, to: string | null, scope: string | null) {
  const [{ f }] = await sql(`select xinghuo.figures_merge(array[xinghuo.figures_compute($1::date, $2::date, $3)]) as f`, [from, to, scope]);
  return f;
}
async function merged(from: string | null, to: string | null, scope: string | null) {
  const [{ f }] = await sql(`select xinghuo.figures_snapshot($1::date, $2::date, $3, false) - '{from,to,branch,years,rows}'::text[] as f`, [from, to, scope]);
  return f;
}

describe('a period merged from its months equals one pass over it', () => {
  const periods: [string, string | null, string | null][] = [
    ['all time', null, null],
    ['from a day inside a month, open end', shanghaiDate(-85), null],
    ['part of two months and the whole months between', shanghaiDate(-95), shanghaiDate(-30)],
    ['one day', shanghaiDate(-12), shanghaiDate(-12)],
  ];
  for (const [what, from, to] of periods) {
    it(`${what}, for the branch and for everyone`, async () => {
      for (const scope of [branch, null]) {
        const [a, b] = [await merged(from, to, scope), await onePass(from, to, scope)];
        expect(a).toEqual(b);
      }
      expect((await merged(from, to, branch)).totals.events_held).toBeGreaterThan(0);
    });
  }

  it('counts the branch’s five events, their people and leaflets exactly once over all time', async () => {
    const f = await merged(null, null, branch);
    expect(f.totals).toMatchObject({ events_held: 5, people_reached: 215, materials: 215 });
    expect(f.by_partner).toEqual([
      { key: '乙单位', events: 2, people_reached: 140, materials: 140 },
      { key: '甲单位', events: 2, people_reached: 100, materials: 100 },
    ]);
    expect(f.by_month.reduce((n: number, m: { events: number }) => n + m.events, 0)).toBe(5);
  });
});

describe('a change reaches every answer and recomputes only its month', () => {
  it('a report corrected at the latest event: all time and its month move, the other months’ parts are kept', async () => {
    const before = await merged(null, null, branch);
    const parts = async () => new Map((await sql(`select month::text, seen_change::text from xinghuo.figure_month_parts where branch = $1`, [branch]))
      .map((r: { month: string; seen_change: string }) => [r.month, r.seen_change]));
    const kept = await parts();
    expect(kept.size).toBeGreaterThanOrEqual(4);

    const latest = ids.at(-1)!;
    const r = await rpc('coord_save_report', reportArgs(latest, 1, { p_people_reached: 11, p_materials: { leaflet: 10 } }), t.coordinator);
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    const after = await merged(null, null, branch);
    expect(after.totals.people_reached).toBe(before.totals.people_reached + 1);
    expect(after).toEqual(await onePass(null, null, branch));
    const [{ month }] = await sql(`select xinghuo.figure_month(starts_at)::text as month from xinghuo.events where id = $1`, [latest]);
    const now = await parts();
    for (const [m, seen] of kept) {
      if (m === month) expect(now.get(m), m).not.toBe(seen);
      else expect(now.get(m), m).toBe(seen);
    }
  });

  it('renaming a branch (a label every month shows) reaches the merged answer', async () => {
    await sql(`update xinghuo.branches set label = $2 where id = $1`, [branch, `改名${branch}`]);
    const f = await merged(null, null, null);
    expect(f.by_branch.find((b: { key: string }) => b.key === branch)).toMatchObject({ label: `改名${branch}`, events: 5 });
    expect(f).toEqual(await onePass(null, null, null));
  });
});
