// coord_create_series: the rule makes every occurrence at once (drafts, one transaction), counted in
// Asia/Shanghai; each occurrence is then an ordinary event. Bad rules store nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { createVenue, ensureRoles, eventInput, helper, problemsOf, programmeCounts, saveEvent, speaker } from './programme-fixtures';

let t: Tokens;
let venueId: number;
beforeAll(async () => {
  t = await tokens();
  await ensureRoles();
  venueId = await createVenue(t.coordinator);
});

const day = 86_400_000;
const shanghai = 8 * 3_600_000;

/** 10:00 in Shanghai on the given Shanghai calendar day, as an instant. */
function tenOClock(year: number, month: number, date: number): Date {
  return new Date(Date.UTC(year, month, date, 10) - shanghai);
}

/** The nth Wednesday (Shanghai calendar) of the month `monthsAhead` after the current one, 10:00. */
function nthWednesday(monthsAhead: number, nth: number): Date {
  const now = new Date(Date.now() + shanghai);
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1));
  const offset = (3 - (first.getUTCDay() || 7) + 7) % 7;
  return tenOClock(first.getUTCFullYear(), first.getUTCMonth(), 1 + offset + (nth - 1) * 7);
}

function wednesdaysIn(year: number, month: number): number {
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => new Date(Date.UTC(year, month, i + 1)).getUTCDay()).filter((d) => d === 3).length;
}

const series = (title: string, start: Date, rule: Record<string, unknown>) => rpc('coord_create_series', {
  p_event: eventInput(venueId, { title, starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 2 * 3_600_000).toISOString() }),
  p_rule: rule,
}, t.coordinator);

describe('series rules', () => {
  it('every second week, 6 times: the same weekday and local time, 14 days apart, drafts with history', async () => {
    const first = nthWednesday(1, 1);
    const res = await series('双周防骗课堂', first, { every: 'week', interval: 2, count: 6 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const starts = res.body.events.map((e: { starts_at: string }) => Date.parse(e.starts_at));
    expect(starts).toEqual(Array.from({ length: 6 }, (_, k) => first.getTime() + k * 14 * day));
    const rows = await sql(
      `select e.publication, e.series_id, e.title, (select count(*) from xinghuo.event_history h where h.event_id = e.id and h.action = 'series_created')::int as history,
              (select jsonb_object_agg(s.role, s.slots) from xinghuo.event_slots s where s.event_id = e.id) as roles
       from xinghuo.events e where e.id = any ($1) order by e.starts_at`, [res.body.events.map((e: { id: number }) => e.id)]);
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r).toEqual({ publication: 'draft', series_id: String(res.body.series_id), title: '双周防骗课堂', history: 1, roles: { [speaker]: 4, [helper]: 1 } });
    const [s] = await sql('select title, rule from xinghuo.event_series where id = $1', [res.body.series_id]);
    expect(s).toEqual({ title: '双周防骗课堂', rule: { every: 'week', interval: 2, count: 6 } });
  });

  it('the second Wednesday of each month, 12 times, also in months with five Wednesdays', async () => {
    const first = nthWednesday(1, 2);
    const res = await series('月进社区', first, { every: 'month', nth: 2, weekday: 3, count: 12 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const expected = Array.from({ length: 12 }, (_, k) => nthWednesday(1 + k, 2).toISOString());
    expect(res.body.events.map((e: { starts_at: string }) => new Date(e.starts_at).toISOString())).toEqual(expected);
    // Twelve months always include some with five Wednesdays: the rule counts from the month's start there too.
    const fives = expected.map((iso) => new Date(Date.parse(iso) + shanghai)).filter((d) => wednesdaysIn(d.getUTCFullYear(), d.getUTCMonth()) === 5);
    expect(fives.length).toBeGreaterThan(0);
    for (const d of fives) expect(d.getUTCDate()).toBeGreaterThanOrEqual(8);
    for (const d of fives) expect(d.getUTCDate()).toBeLessThanOrEqual(14);
  });

  it('each occurrence is edited and cancelled on its own; the site sees its series', async () => {
    const res = await series('系列独立修改', nthWednesday(2, 1), { every: 'week', count: 3 });
    const [a, b] = res.body.events as { id: number }[];
    const moved = await saveEvent(t.coordinator, { ...(await rpc('coord_get_event', { p_event_id: a!.id }, t.coordinator)).body, title: '系列独立修改（改期）' });
    expect(moved.revision).toBe(2);
    expect((await rpc('coord_cancel_event', { p_event_id: b!.id, p_revision: 1, p_reason: '场地冲突' }, t.coordinator)).status).toBe(200);
    const rows = await sql('select title, status from xinghuo.events where series_id = $1 order by starts_at', [res.body.series_id]);
    expect(rows).toEqual([
      { title: '系列独立修改（改期）', status: 'scheduled' }, { title: '系列独立修改', status: 'cancelled' }, { title: '系列独立修改', status: 'scheduled' },
    ]);
    await rpc('coord_publish_event', { p_event_id: a!.id, p_revision: 2 }, t.coordinator);
    const published = (await rpc('published_events', {}, t.anon)).body.find((e: { slug: string }) => e.slug === moved.slug);
    expect(published.series).toEqual({ id: res.body.series_id, title: '系列独立修改' });
  });
});

describe('bad series store nothing', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['an unknown rule', { every: 'day', count: 3 }, 'rule', 'series_rule_unknown'],
    ['no rule', {}, 'rule', 'series_rule_unknown'],
    ['one occurrence', { every: 'week', count: 1 }, 'rule', 'series_count_invalid'],
    ['53 occurrences', { every: 'week', count: 53 }, 'rule', 'series_count_invalid'],
    ['a count that is text', { every: 'week', count: '4' }, 'rule', 'series_count_invalid'],
    ['every 0 weeks', { every: 'week', interval: 0, count: 4 }, 'rule', 'series_interval_invalid'],
    ['the fifth Wednesday', { every: 'month', nth: 5, weekday: 3, count: 4 }, 'rule', 'series_nth_invalid'],
    ['weekday 8', { every: 'month', nth: 2, weekday: 8, count: 4 }, 'rule', 'series_weekday_invalid'],
    ['a first occurrence off the rule', { every: 'month', nth: 3, weekday: 3, count: 4 }, 'starts_at', 'series_start_not_on_rule'],
    ['a last occurrence beyond two years', { every: 'week', interval: 4, count: 52 }, 'rule', 'series_too_far'],
  ];
  it.each(cases)('%s', async (_what, rule, field, code) => {
    const before = await programmeCounts();
    const res = await series(`坏规则${code}`, nthWednesday(1, 2), rule);
    expect(problemsOf(res, 'series_invalid')).toEqual([{ field, code }]);
    expect(await programmeCounts()).toEqual(before);
  });

  it('a series that repeats existing events of the same name and time', async () => {
    const first = nthWednesday(3, 1);
    expect((await series('重复的系列', first, { every: 'week', count: 2 })).status).toBe(200);
    const before = await programmeCounts();
    expect(problemsOf(await series('重复的系列', new Date(first.getTime() + 7 * day), { every: 'week', count: 2 }), 'series_invalid'))
      .toEqual([{ field: 'rule', code: 'series_duplicate_date' }]);
    expect(await programmeCounts()).toEqual(before);
  });

  it('event problems and rule problems come back together; a slug or id is refused', async () => {
    const before = await programmeCounts();
    const res = await rpc('coord_create_series', { p_event: eventInput(venueId, { title: '', slug: 'my-series' }), p_rule: { every: 'week', count: 0 } }, t.coordinator);
    expect(problemsOf(res, 'series_invalid')).toEqual([
      { field: 'title', code: 'title_required' }, { field: 'event', code: 'series_event_not_new' }, { field: 'rule', code: 'series_count_invalid' },
    ]);
    expect(await programmeCounts()).toEqual(before);
  });
});
