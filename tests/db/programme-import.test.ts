// coord_import_events: spreadsheet rows (venue by name, vocabulary and roles by id or zh label).
// A dry run lists every problem with its row; a commit with any problem stores nothing; a clean
// commit stores every row as a draft in one transaction.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { createVenue, ensureRoles, eventInput, helper, hoursFromNow, problemsOf, programmeCounts, roleLabels, speaker, venueInput } from './programme-fixtures';

let t: Tokens;
let venueName: string;
beforeAll(async () => {
  t = await tokens();
  await ensureRoles();
  venueName = String(venueInput().name);
  await createVenue(t.coordinator, { name: venueName });
});

/** Row n of a spreadsheet as the workspace reads it: labels where a coordinator would type them. */
function row(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const { venue_id: _venue, ...event } = eventInput(0, {
    title: `导入活动第${n}场`, starts_at: hoursFromNow(24 + n), ends_at: hoursFromNow(26 + n),
    kind: '社区宣讲', audiences: ['老年人', 'students'], topics: ['养老诈骗'], roles: { [roleLabels[speaker]!]: 3, [helper]: 1 },
  });
  return { ...event, venue_name: venueName, ...over };
}

const importRows = (rows: unknown, commit: boolean) => rpc('coord_import_events', { p_rows: rows, p_commit: commit }, t.coordinator);

describe('a 200-row programme with 5 bad rows', () => {
  // Built in each test: the venue and role label exist only once beforeAll ran.
  const rows = () => Array.from({ length: 200 }, (_, i) => row(i + 1));
  const bad: [number, Record<string, unknown>, { field: string; code: string; role?: string }][] = [
    [5, { kind: '讲座' }, { field: 'kind', code: 'kind_unknown' }],
    [42, { venue_name: '不存在的地点' }, { field: 'venue_name', code: 'venue_unknown' }],
    [77, { ends_at: hoursFromNow(20) }, { field: 'ends_at', code: 'ends_before_start' }],
    [150, { roles: { 宇航员: 2, [helper]: 1 } }, { field: 'roles', code: 'role_unknown', role: '宇航员' }],
    [199, { audiences: ['老年人', '外星人'] }, { field: 'audiences', code: 'audience_unknown' }],
  ];
  const withBad = () => rows().map((r, i) => ({ ...r, ...(bad.find(([n]) => n === i + 1)?.[1] ?? {}) }));
  const expected = bad.map(([n, , problem]) => ({ row: n, ...problem }));

  it('the dry run names the 5 problems by row, field and code, and stores nothing', async () => {
    const before = await programmeCounts();
    const res = await importRows(withBad(), false);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ rows: 200, problems: expected });
    expect(await programmeCounts()).toEqual(before);
  });

  it('committing it is refused with the same 5 problems and stores nothing', async () => {
    const before = await programmeCounts();
    expect(problemsOf(await importRows(withBad(), true), 'import_invalid')).toEqual(expected);
    expect(await programmeCounts()).toEqual(before);
  });

  it('fixed, all 200 rows are stored as drafts in one transaction, labels turned into ids', async () => {
    const dry = await importRows(rows(), false);
    expect(dry.body).toEqual({ rows: 200, problems: [] });
    const before = await programmeCounts();
    const res = await importRows(rows(), true);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.created).toBe(200);
    expect(res.body.ids).toHaveLength(200);
    const after = await programmeCounts();
    expect(after.events - before.events).toBe(200);
    expect(after.history - before.history).toBe(200);
    const [summary] = await sql(
      `select count(distinct e.xmin::text)::int as transactions, count(*) filter (where e.publication = 'draft')::int as drafts,
              count(*) filter (where e.kind = 'community' and e.audiences = '{elderly,students}' and e.topics = '{pension-scam}'
                               and e.venue_name = $2)::int as mapped,
              (select count(*) from xinghuo.event_slots s where s.event_id = any ($1) and s.role = $3 and s.slots = 3)::int as speaker_places,
              (select count(*) from xinghuo.event_history h where h.event_id = any ($1) and h.action = 'imported')::int as imported
       from xinghuo.events e where e.id = any ($1)`, [res.body.ids, venueName, speaker]);
    expect(summary).toEqual({ transactions: 1, drafts: 200, mapped: 200, speaker_places: 200, imported: 200 });
  });
});

describe('bad spreadsheets', () => {
  it.each([
    ['not a list', { rows: 5 }, 'import_not_array'],
    ['no rows', [], 'import_empty'],
    ['1,001 rows', 'many', 'import_too_many_rows'],
  ])('%s → %s, for a dry run too', async (_what, given, code) => {
    const rows = given === 'many' ? Array.from({ length: 1001 }, (_, i) => ({ title: `第${i}行` })) : given;
    for (const commit of [false, true]) {
      expect(problemsOf(await importRows(rows, commit), 'import_invalid')).toEqual([{ field: 'rows', code }]);
    }
  });

  it('rows that are no object, repeat an earlier row or its slug, carry an id, or name one role twice', async () => {
    const before = await programmeCounts();
    const slug = `import-${Date.now()}`;
    const res = await importRows([
      row(1, { slug }), 'a line of text', row(1, { slug }), row(4, { id: 12 }),
      row(5, { roles: { [speaker]: 2, [roleLabels[speaker]!]: 3 } }), row(6, { kind: 'online', channel: '直播', venue_name: undefined }),
    ], false);
    expect(res.body.problems).toEqual([
      { row: 2, field: 'row', code: 'import_row_not_object' },
      { row: 3, field: 'row', code: 'import_duplicate_row' },
      { row: 3, field: 'slug', code: 'slug_taken' },
      { row: 4, field: 'row', code: 'import_id_not_allowed' },
      { row: 5, field: 'roles', code: 'role_duplicate' },
    ]);
    expect(await programmeCounts()).toEqual(before);
  });

  it('1,000 rows, the limit, are checked within the signed-in role\'s statement timeout', async () => {
    const res = await importRows(Array.from({ length: 1000 }, (_, i) => row(i + 1)), false);
    expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(200);
    expect(res.body).toEqual({ rows: 1000, problems: [] });
  });

  it('an offline row without a venue name is venue_required beside venue_name', async () => {
    expect((await importRows([row(1, { venue_name: '' })], false)).body.problems).toEqual([{ row: 1, field: 'venue_name', code: 'venue_required' }]);
  });
});
