// The demo programme (supabase/seed/programme.sql), as the fresh migrate of this run left it: dated
// relative to when the database was created, so a newcomer's `npm start` always shows past events
// with reports, an upcoming programme, one cancellation, an online event and a monthly series,
// every row valid for the workspace's validator and shown by published_events().
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens } from './harness';

// The demo coordinator of supabase/seed.sql: the seed's author. The seed's rows are those made in its
// transaction: now() there is the applied_at the local stack records for the file.
const demoCoordinator = '5eed0000-0000-4000-8000-000000000001';
const day = 86_400_000;
// Compared in SQL: a JavaScript Date would drop the microseconds.
const seedMoment = `(select applied_at from local_stack.applied_migrations where name = 'seed/programme.sql')`;

interface SeedEvent {
  id: number;
  slug: string;
  kind: string;
  status: string;
  publication: string;
  starts_at: Date;
  ends_at: Date;
  series_id: number | null;
  reported: boolean;
  problems: unknown[];
}
let seeded: SeedEvent[];
let created: Date;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let published: any[];

beforeAll(async () => {
  const [row] = await sql<{ created: Date }>(`select ${seedMoment} as created`);
  created = row!.created;
  seeded = await sql(
    `select e.id::int, e.slug, e.kind, e.status, e.publication, e.starts_at, e.ends_at, e.series_id::int,
            exists (select 1 from xinghuo.event_reports r where r.event_id = e.id) as reported,
            xinghuo.event_problems(xinghuo.event_state(e.id) || jsonb_build_object('id', e.id)) as problems
     from xinghuo.events e where e.created_at = ${seedMoment} order by e.starts_at`,
  );
  published = (await rpc('published_events', {}, (await tokens()).anon)).body;
});

describe('the demo programme', () => {
  it('has past events with reports, at least ten upcoming, exactly one cancelled and an online event', () => {
    const past = seeded.filter((e) => e.ends_at.getTime() < created.getTime());
    const upcoming = seeded.filter((e) => e.starts_at.getTime() > created.getTime());
    expect(past.length).toBeGreaterThanOrEqual(3);
    expect(past.filter((e) => !e.reported).map((e) => e.slug)).toEqual([]);
    expect(upcoming.length).toBeGreaterThanOrEqual(10);
    expect(upcoming.some((e) => e.reported)).toBe(false);
    expect(seeded.filter((e) => e.status === 'cancelled')).toHaveLength(1);
    expect(seeded.filter((e) => e.kind === 'online').length).toBeGreaterThanOrEqual(1);
    expect(new Set(seeded.map((e) => e.kind))).toEqual(new Set(['community', 'lobby', 'school_enterprise', 'online']));
  });

  it('is dated relative to the database’s creation: the last eight weeks to the next six months', () => {
    for (const e of seeded) {
      expect(e.starts_at.getTime(), e.slug).toBeGreaterThan(created.getTime() - 56 * day);
      expect(e.starts_at.getTime(), e.slug).toBeLessThan(created.getTime() + 183 * day);
    }
  });

  it('is all published and valid for the workspace’s own validator', () => {
    expect(seeded.length).toBeGreaterThanOrEqual(22);
    for (const e of seeded) {
      // The stable slugs of the old Markdown files (minus their dates), not generated date-id keys.
      expect(e.slug).toMatch(/^[a-z][a-z0-9-]+$/);
      expect(e.publication, e.slug).toBe('published');
      expect(e.problems, e.slug).toEqual([]);
    }
  });

  it('is what published_events() returns for it: venue or channel, named roles with places, offsets in the times', () => {
    const bySlug = new Map(published.map((p) => [p.slug, p]));
    for (const e of seeded) {
      const p = bySlug.get(e.slug);
      expect(p, e.slug).toBeDefined();
      if (e.kind === 'online') {
        expect(p.venue).toBeNull();
        expect(p.channel).toBe('live_stream');
      } else {
        expect(p.venue).toEqual({ name: expect.any(String), address: expect.stringMatching(/^青岛市/) });
        expect(p.lat).toBeGreaterThan(35);
        expect(p.lng).toBeGreaterThan(119);
      }
      expect(p.roles.length, e.slug).toBeGreaterThan(0);
      for (const r of p.roles) expect(r).toEqual({ id: expect.any(String), label: expect.any(String), slots: expect.any(Number) });
      expect(p.starts_at).toMatch(/[+-]\d{2}:\d{2}$/);
      expect(p.description.split('\n\n').length).toBeGreaterThanOrEqual(2);
    }
    const cancelled = published.find((p) => p.slug === seeded.find((e) => e.status === 'cancelled')!.slug);
    expect(cancelled.cancel_reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has one monthly series (月进社区) of upcoming occurrences, each the second Wednesday of its month', () => {
    const series = [...new Set(seeded.map((e) => e.series_id).filter((s) => s !== null))];
    expect(series).toHaveLength(1);
    const occurrences = seeded.filter((e) => e.series_id === series[0]);
    expect(occurrences.length).toBeGreaterThanOrEqual(3);
    const months = new Set<string>();
    for (const e of occurrences) {
      const local = new Date(e.starts_at.getTime() + 8 * 3_600_000); // Asia/Shanghai has no DST
      expect(local.getUTCDay(), e.slug).toBe(3);
      expect(Math.ceil(local.getUTCDate() / 7), e.slug).toBe(2);
      expect(e.starts_at.getTime()).toBeGreaterThan(created.getTime());
      months.add(local.toISOString().slice(0, 7));
    }
    expect(months.size).toBe(occurrences.length);
    expect(published.find((p) => p.slug === occurrences[0]!.slug).series.title).toMatch(/月进社区/);
  });

  it('keeps its history: each event created and published by the demo coordinator', async () => {
    const rows = await sql(
      `select e.slug, array_agg(h.action order by h.id) as actions, bool_and(h.changed_by = $1) as by_demo
       from xinghuo.events e join xinghuo.event_history h on h.event_id = e.id
       where e.created_at = ${seedMoment} group by e.slug`,
      [demoCoordinator],
    );
    expect(rows).toHaveLength(seeded.length);
    for (const r of rows) {
      expect(r.actions.slice(0, 2), r.slug).toEqual([expect.stringMatching(/^(created|series_created)$/), 'published']);
      expect(r.by_demo, r.slug).toBe(true);
    }
  });
  it("splits every report's people by audience, so the demo dashboard's audience rows add up to its total", async () => {
    const rows = await sql(
      `select e.slug, r.people_reached, r.reach_by_audience from xinghuo.events e
       join xinghuo.event_reports r on r.event_id = e.id where e.created_at = ${seedMoment}`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(r.reach_by_audience, r.slug).not.toBeNull();
      const parts = Object.values(r.reach_by_audience as Record<string, number>);
      expect(parts.reduce((a, b) => a + b, 0), r.slug).toBe(r.people_reached);
    }
  });

  it('gives every event with a place a 支行, online events none, and a demo coordinator for one 支行', async () => {
    const rows = await sql<{ slug: string; kind: string; branch_id: string | null }>(
      `select e.slug, e.kind, e.branch_id from xinghuo.events e where e.created_at = ${seedMoment}`,
    );
    for (const r of rows) {
      if (r.kind === 'online') expect(r.branch_id, r.slug).toBeNull();
      else expect(r.branch_id, r.slug).toMatch(/^[a-z]/);
    }
    expect(new Set(rows.map((r) => r.branch_id).filter(Boolean)).size).toBeGreaterThanOrEqual(3);
    const scopes = await sql(`select display_name, team_lead, branch_id from xinghuo.coordinators
      where user_id::text like '5eed0000-%' order by user_id`);
    expect(scopes).toEqual([
      { display_name: '示范协调员', team_lead: true, branch_id: null },
      { display_name: '示范支行协调员', team_lead: false, branch_id: 'shinan' },
    ]);
  });

  it('has a demo campaign whose dates cover every demo event held so far', async () => {
    const [c] = await sql(`select id, starts_on::text, ends_on::text from xinghuo.campaigns where label = '示范专题：反诈宣传季'`);
    expect(c).toBeDefined();
    const held = seeded.filter((e) => e.status === 'scheduled' && e.starts_at <= created);
    expect(held.length).toBeGreaterThan(0);
    const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
    for (const e of held) {
      expect(day(e.starts_at) >= c.starts_on && day(e.starts_at) <= c.ends_on, e.slug).toBe(true);
    }
    expect(c.starts_on).toBe(day(held[0]!.starts_at));
  });
});
