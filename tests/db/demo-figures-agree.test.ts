// Issue 14's "done when": on the demo data every screen and export says the same numbers. For each
// demo 支行 (only the demo seed's events are in them): the dashboard, the figures the .xlsx and the
// 简报 are made from, their per-event rows, the printed list, the events list and each report agree,
// and every breakdown adds up to its total.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';

let t: Tokens;
let branches: string[];
beforeAll(async () => {
  t = await tokens();
  branches = (await sql<{ id: string }>(`select distinct branch_id as id from xinghuo.events
    where created_at = (select applied_at from local_stack.applied_migrations where name = 'seed/programme.sql')
      and branch_id is not null order by 1`)).map((r) => r.id);
});

const sum = (xs: { [k: string]: unknown }[], k: string) => xs.reduce((n, x) => n + Number(x[k] ?? 0), 0);
async function ok(fn: string, args: Record<string, unknown>) {
  const r = await rpc(fn, args, t.coordinator);
  expect(r.status, `${fn} ${JSON.stringify(r.body).slice(0, 200)}`).toBe(200);
  return r.body;
}

describe('the demo figures agree everywhere', () => {
  it('has demo branches with held, reported events', async () => {
    expect(branches.length).toBeGreaterThanOrEqual(3);
    const f = await ok('coord_figures', { p_branch: branches[0] });
    expect(f.totals.events_reported).toBeGreaterThan(0);
  });

  it('per branch: dashboard = figures = the sum of their rows = the printed list, breakdowns add up', async () => {
    let reportedSomewhere = 0;
    for (const branch of branches) {
      const dash = await ok('coord_dashboard', { p_year: null, p_branch: branch });
      const fig = await ok('coord_figures', { p_branch: branch });
      expect(dash.totals, branch).toEqual(fig.totals);
      const rows = fig.rows as Record<string, number>[];
      expect(rows.length, branch).toBe(fig.totals.events_held);
      for (const k of ['people_reached', 'materials', 'volunteers_present', 'questions_answered']) {
        expect(sum(rows, k), `${branch} ${k}`).toBe(Number(fig.totals[k === 'volunteers_present' ? 'volunteer_participations' : k]));
      }
      expect(Math.round(sum(rows, 'service_minutes') / 6) / 10, branch).toBe(Number(fig.totals.volunteer_hours));
      for (const g of ['by_channel', 'by_audience', 'by_branch', 'by_district']) {
        expect(sum(fig[g], 'people_reached'), `${branch} ${g}`).toBe(Number(fig.totals.people_reached));
      }
      expect(sum(fig.by_month, 'materials'), branch).toBe(Number(fig.totals.materials));
      expect(sum(fig.materials_by_kind, 'quantity'), branch).toBe(Number(fig.totals.materials));
      // The printed list is the same rows, year by year.
      const years = await Promise.all((fig.years as number[]).map((y) => ok('coord_held_events', { p_year: y, p_branch: branch })));
      expect(years.flat().map((r: { id: number }) => r.id).sort(), branch).toEqual(rows.map((r) => r.id).sort());
      reportedSomewhere += fig.totals.events_reported;
    }
    expect(reportedSomewhere).toBeGreaterThan(0);
  });

  it("each event's row equals its report and its line in the events list", async () => {
    const list = (await ok('coord_events', {})) as Record<string, number | null>[];
    for (const branch of branches) {
      const fig = await ok('coord_figures', { p_branch: branch });
      for (const row of fig.rows as Record<string, number | boolean>[]) {
        const line = list.find((e) => e.id === row.id)!;
        expect(line, String(row.id)).toBeDefined();
        expect(line.volunteers_present, String(row.id)).toBe(row.volunteers_present);
        expect(line.materials, String(row.id)).toBe(row.materials);
        if (!row.reported) continue;
        expect(line.people_reached, String(row.id)).toBe(row.people_reached);
        const report = await ok('coord_get_report', { p_event_id: row.id });
        expect(report.report.reach_total, String(row.id)).toBe(row.people_reached);
        expect(report.report.volunteers_present, String(row.id)).toBe(row.volunteers_present);
      }
    }
  });
});
