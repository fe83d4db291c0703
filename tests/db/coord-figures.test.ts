// One meaning per figure (issue 14), against hand-computed fixtures: volunteers present with a
// correction, reach by audience and by channel without double counting, and the totals agreeing on
// the report, the dashboard, the printed list and the home page. Measured as before/after
// differences around events this file creates, so other suites' data does not matter.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup, reportArgs } from './coord-fixtures';
import { reachAudiences, reachChannels } from '../../src/lib/figures';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

type Row = { key: string; people_reached: number };
const dashboard = async () => (await rpc('coord_dashboard', {}, t.coordinator)).body;
const keyed = (rows: Row[], key: string) => rows.find((r) => r.key === key)?.people_reached ?? 0;
const sum = (rows: Row[]) => rows.reduce((s, r) => s + r.people_reached, 0);

// The harness makes in-person events; an online one needs its channel (and has no venue).
async function setKind(eventId: number, kind: string, audiences = ['everyone']): Promise<void> {
  await sql(`update xinghuo.events set kind = $2, audiences = $3,
               channel = case when $2 = 'online' then 'wechat_article' end where id = $1`, [eventId, kind, audiences]);
}

describe('volunteers present: check-ins, or the report correction, everywhere', () => {
  it('a corrected report (5 present, nobody checked in) counts 5 on the dashboard, in hours and in the printed list', async () => {
    const before = await dashboard();
    const e = await createEvent({ startsInHours: -30, hours: 2 });
    const saved = await rpc('coord_save_report', reportArgs(e.id, 0, { p_volunteers_present: 5, p_adjust_reason: '志愿者忘记签到' }), t.coordinator);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ volunteers_present: 5, volunteers_corrected: true, volunteers_adjust_reason: '志愿者忘记签到' });

    const after = await dashboard();
    expect(after.totals.volunteer_participations - before.totals.volunteer_participations).toBe(5);
    expect(Number((after.totals.volunteer_hours - before.totals.volunteer_hours).toFixed(1))).toBe(10);
    const held = (await rpc('coord_held_events', { p_year: null }, t.coordinator)).body;
    expect(held.find((h: { id: number }) => h.id === e.id)).toMatchObject({ volunteers_present: 5, people_reached: 300 });
    const revisions = await sql('select after from xinghuo.report_revisions where event_id = $1', [e.id]);
    expect(revisions[0].after).toMatchObject({ volunteers_present: 5, volunteers_corrected: true, volunteers_adjust_reason: '志愿者忘记签到' });
  });

  it('without a correction the report follows later check-ins', async () => {
    const e = await createEvent({ startsInHours: -1, hours: 3 });
    await addSignup(e.id, { checkedIn: true });
    await addSignup(e.id, { checkedIn: true });
    const late = await addSignup(e.id);
    expect((await rpc('coord_save_report', reportArgs(e.id, 0, { p_volunteers_present: 2 }), t.coordinator)).status).toBe(200);
    const before = await dashboard();
    expect((await rpc('coord_check_in', { p_event_id: e.id, p_signup_id: late.id }, t.coordinator)).status).toBe(200);
    const report = (await rpc('coord_get_report', { p_event_id: e.id }, t.coordinator)).body;
    expect(report.checked_in).toBe(3);
    expect(report.report).toMatchObject({ volunteers_present: 3, volunteers_corrected: false, volunteers_adjust_reason: null });
    const after = await dashboard();
    expect(after.totals.volunteer_participations - before.totals.volunteer_participations).toBe(1);
  });

  it('a different number without a reason is refused and stores nothing', async () => {
    const e = await createEvent({ startsInHours: -5 });
    const r = await rpc('coord_save_report', reportArgs(e.id, 0, { p_volunteers_present: 4 }), t.coordinator);
    expect(r.body).toMatchObject({ message: 'adjust_reason_required', hint: 'volunteers_adjust_reason' });
    expect(await sql('select 1 from xinghuo.event_reports where event_id = $1', [e.id])).toHaveLength(0);
  });
});

describe('reach by audience and by channel', () => {
  it('an event for two audiences splits its people: the audience rows add up to the total', async () => {
    const before = await dashboard();
    const e = await createEvent({ startsInHours: -20 });
    await setKind(e.id, 'community', ['elderly', 'students']);
    const split = { elderly: 60, students: 30, 'new-residents': 0, other: 10 };
    const r = await rpc('coord_save_report', reportArgs(e.id, 0, { p_people_reached: 100, p_reach_by_audience: split }), t.coordinator);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const after = await dashboard();
    expect(keyed(after.by_audience, 'elderly') - keyed(before.by_audience, 'elderly')).toBe(60);
    expect(keyed(after.by_audience, 'students') - keyed(before.by_audience, 'students')).toBe(30);
    expect(keyed(after.by_audience, 'other') - keyed(before.by_audience, 'other')).toBe(10);
    expect(sum(after.by_audience) - sum(before.by_audience)).toBe(100);
    expect(after.totals.people_reached - before.totals.people_reached).toBe(100);
  });

  it('on-site + lobby + online = the total; online reads/views are recorded with where they were counted', async () => {
    const before = await dashboard();
    const impactBefore = (await rpc('impact_totals', {}, t.anon)).body;
    const talk = await createEvent({ startsInHours: -50 });
    await setKind(talk.id, 'school_enterprise');
    const lobby = await createEvent({ startsInHours: -40 });
    await setKind(lobby.id, 'lobby');
    const online = await createEvent({ startsInHours: -30 });
    await setKind(online.id, 'online');
    expect((await rpc('coord_save_report', reportArgs(talk.id, 0, { p_people_reached: 200 }), t.coordinator)).status).toBe(200);
    expect((await rpc('coord_save_report', reportArgs(lobby.id, 0, { p_people_reached: 80, p_reach_by_audience: { elderly: 50, other: 30 } }), t.coordinator)).status).toBe(200);
    const views = await rpc('coord_save_report', reportArgs(online.id, 0, {
      p_people_reached: null, p_reach_by_audience: null, p_online_views: 12000, p_online_source: '公众号后台阅读数',
    }), t.coordinator);
    expect(views.status, JSON.stringify(views.body)).toBe(200);
    expect(views.body).toMatchObject({ online_views: 12000, online_source: '公众号后台阅读数', reach_total: 12000, people_reached: 0 });

    const after = await dashboard();
    const channel = (k: string) => keyed(after.by_channel, k) - keyed(before.by_channel, k);
    expect([channel('on_site'), channel('lobby'), channel('online')]).toEqual([200, 80, 12000]);
    expect(after.totals.people_reached - before.totals.people_reached).toBe(12280);
    expect(sum(after.by_channel) - sum(before.by_channel)).toBe(12280);
    expect(sum(after.by_audience) - sum(before.by_audience)).toBe(12280);
    expect(keyed(after.by_audience, 'online') - keyed(before.by_audience, 'online')).toBe(12000);
    const impactAfter = (await rpc('impact_totals', {}, t.anon)).body;
    expect(impactAfter.people_reached - impactBefore.people_reached).toBe(12280);
    // Every channel the SQL derives has its words in src/lib/figures.ts.
    const channels = await sql(`select xinghuo.reach_channel(k) as c from unnest(array['community','lobby','school_enterprise','online']) k`);
    expect([...new Set(channels.map((c) => c.c))].sort()).toEqual(Object.keys(reachChannels).sort());
  });

  it('a report saved before the split existed counts as unsplit, never in every audience', async () => {
    const before = await dashboard();
    const e = await createEvent({ startsInHours: -60 });
    await setKind(e.id, 'community', ['elderly', 'students']);
    await sql(`insert into xinghuo.event_reports (event_id, people_reached, questions_answered) values ($1, 40, 0)`, [e.id]);
    const after = await dashboard();
    expect(keyed(after.by_audience, 'unsplit') - keyed(before.by_audience, 'unsplit')).toBe(40);
    expect(keyed(after.by_audience, 'elderly')).toBe(keyed(before.by_audience, 'elderly'));
  });

  it('the TypeScript audience list equals xinghuo.reach_audiences()', async () => {
    const [row] = await sql('select xinghuo.reach_audiences() as a');
    expect(row.a).toEqual(Object.keys(reachAudiences));
  });

  const bad: [string, string, Record<string, unknown>, string][] = [
    ['community', 'audiences not adding up', { p_people_reached: 100, p_reach_by_audience: { elderly: 60, students: 30 } }, 'reach_audience_sum_mismatch'],
    ['community', 'no split', { p_people_reached: 100, p_reach_by_audience: null }, 'reach_audience_required'],
    ['community', 'a split that is not an object', { p_people_reached: 100, p_reach_by_audience: [100] }, 'reach_by_audience_invalid'],
    ['community', 'an unknown audience', { p_people_reached: 100, p_reach_by_audience: { everyone: 100 } }, 'reach_audience_unknown'],
    ['community', 'a negative audience', { p_people_reached: 100, p_reach_by_audience: { elderly: 110, other: -10 } }, 'reach_audience_negative'],
    ['community', 'a fractional audience', { p_people_reached: 100, p_reach_by_audience: { elderly: 99.5, other: 0.5 } }, 'reach_audience_not_integer'],
    ['lobby', 'reads/views on an in-person event', { p_online_views: 10, p_online_source: '公众号' }, 'online_views_offline'],
    ['online', 'no reads/views', { p_people_reached: null, p_reach_by_audience: null, p_online_source: '公众号' }, 'online_views_required'],
    ['online', 'text as reads/views', { p_people_reached: null, p_reach_by_audience: null, p_online_views: '很多', p_online_source: '公众号' }, 'online_views_invalid'],
    ['online', 'no source', { p_people_reached: null, p_reach_by_audience: null, p_online_views: 10, p_online_source: '  ' }, 'online_source_required'],
    ['online', 'a long source', { p_people_reached: null, p_reach_by_audience: null, p_online_views: 10, p_online_source: '统'.repeat(61) }, 'online_source_too_long'],
    ['online', 'an in-person count', { p_people_reached: 10, p_reach_by_audience: null, p_online_views: 10, p_online_source: '公众号' }, 'people_reached_online'],
    ['online', 'an audience split', { p_people_reached: null, p_reach_by_audience: { other: 10 }, p_online_views: 10, p_online_source: '公众号' }, 'reach_by_audience_online'],
  ];
  for (const [kind, what, over, code] of bad) {
    it(`${kind}: ${what} → ${code}, nothing stored`, async () => {
      const e = await createEvent({ startsInHours: -5 });
      await setKind(e.id, kind);
      const r = await rpc('coord_save_report', reportArgs(e.id, 0, over), t.coordinator);
      expect(r.status).toBe(400);
      expect(r.body.message).toBe(code);
      expect(await sql('select 1 from xinghuo.event_reports where event_id = $1', [e.id])).toHaveLength(0);
      expect(await sql('select 1 from xinghuo.report_revisions where event_id = $1', [e.id])).toHaveLength(0);
    });
  }
});

describe("the workspace's events list reads the same figures", () => {
  it("an online event's reads/views and a corrected volunteer count show in coord_events as on the report", async () => {
    const online = await createEvent({ startsInHours: -26 });
    await setKind(online.id, 'online');
    const saved = await rpc('coord_save_report', reportArgs(online.id, 0, {
      p_people_reached: null, p_reach_by_audience: null, p_online_views: 8000, p_online_source: '视频号播放数',
      p_volunteers_present: 3, p_adjust_reason: '线上值守未签到',
    }), t.coordinator);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const unreported = await createEvent({ startsInHours: -28 });
    const list = (await rpc('coord_events', {}, t.coordinator)).body as { id: number; people_reached: number | null; volunteers_present: number }[];
    expect(list.find((e) => e.id === online.id)).toMatchObject({ people_reached: 8000, volunteers_present: 3 });
    expect(list.find((e) => e.id === unreported.id)).toMatchObject({ people_reached: null, volunteers_present: 0 });
  });
});
