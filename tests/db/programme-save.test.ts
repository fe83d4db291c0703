// coord_save_event: drafts created and edited by coordinators, optimistic revisions, history of
// every change (append-only), the slug rule, waitlist promotion when places grow, and what
// published_events() gives the site.
import { beforeAll, describe, expect, test } from 'vitest';
import { addSignup } from './coord-fixtures';
import { rpc, sql, tokens, type Tokens } from './harness';
import { createVenue, ensureRoles, eventInput, expectRefused, greeter, helper, hoursFromNow, programmeCounts, publishedEvent, roleLabels, saveEvent, speaker } from './programme-fixtures';

let t: Tokens;
let venueId: number;
beforeAll(async () => {
  t = await tokens();
  await ensureRoles();
  venueId = await createVenue(t.coordinator);
});

describe('creating an event', () => {
  test('a new event is a draft at revision 1 with the venue snapshot, keyed <date in Shanghai>-<id>', async () => {
    // 23:30 UTC is the next day in Asia/Shanghai: the slug takes the Shanghai date.
    const start = new Date(Date.now() + 5 * 86_400_000);
    start.setUTCHours(23, 30, 0, 0);
    const saved = await saveEvent(t.coordinator, eventInput(venueId, {
      starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 7_200_000).toISOString(),
    }));
    const shanghaiDate = new Date(start.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(saved).toEqual({ id: saved.id, slug: `${shanghaiDate}-${saved.id}`, revision: 1 });
    const [row] = await sql(
      `select e.publication, e.status, e.venue_name, e.venue_address, e.district, e.lat, e.lng, e.partners, e.kind,
              (select jsonb_object_agg(s.role, s.slots) from xinghuo.event_slots s where s.event_id = e.id) as roles,
              v.name as book_name
       from xinghuo.events e join xinghuo.venues v on v.id = e.venue_id where e.id = $1`, [saved.id]);
    expect(row).toMatchObject({ publication: 'draft', status: 'scheduled', venue_name: row.book_name, venue_address: '青岛市市南区测试路1号',
      district: 'shinan', lat: 36.066, lng: 120.383, partners: ['某某街道办事处'], kind: 'community', roles: { [speaker]: 4, [helper]: 1 } });
    const history = await rpc('coord_event_history', { p_event_id: saved.id }, t.coordinator);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ action: 'created', before: null, changed_by_name: expect.stringContaining('测试协调员') });
    expect(history.body[0].after).toMatchObject({ title: '社区防骗讲座', roles: { [speaker]: 4, [helper]: 1 } });
  });

  test('a slug given at creation is kept; it can never change afterwards', async () => {
    const slug = `given-${Date.now()}`;
    const saved = await saveEvent(t.coordinator, eventInput(venueId, { slug }));
    expect(saved.slug).toBe(slug);
    await expect(sql(`update xinghuo.events set slug = 'other-slug' where id = $1`, [saved.id])).rejects.toThrow(/slug_not_changeable/);
  });

  test('an online event has a channel and maybe a link, and no venue', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId, {
      kind: 'online', venue_id: null, channel: 'live_stream', online_url: 'https://live.example.cn/room/1',
    }));
    const [row] = await sql('select venue_id, venue_name, district, lat, channel, online_url from xinghuo.events where id = $1', [saved.id]);
    expect(row).toEqual({ venue_id: null, venue_name: null, district: null, lat: null, channel: 'live_stream', online_url: 'https://live.example.cn/room/1' });
  });
});

describe('editing an event', () => {
  test('an edit at the current revision bumps it and keeps only the changed fields in history', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    const edited = await saveEvent(t.coordinator, eventInput(venueId, { id: saved.id, revision: 1, title: '社区防骗讲座（改）', roles: { [speaker]: 6, [helper]: 1 } }));
    expect(edited).toEqual({ id: saved.id, slug: saved.slug, revision: 2 });
    const history = (await rpc('coord_event_history', { p_event_id: saved.id }, t.coordinator)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['updated', 'created']);
    expect(history[0].before).toEqual({ title: '社区防骗讲座', roles: { [speaker]: 4, [helper]: 1 } });
    expect(history[0].after).toEqual({ title: '社区防骗讲座（改）', roles: { [speaker]: 6, [helper]: 1 } });
  });

  test('saving unchanged fields keeps the revision and writes no history', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    const state = (await rpc('coord_get_event', { p_event_id: saved.id }, t.coordinator)).body;
    const again = await saveEvent(t.coordinator, { ...state });
    expect(again.revision).toBe(1);
    expect((await rpc('coord_event_history', { p_event_id: saved.id }, t.coordinator)).body).toHaveLength(1);
  });

  test('a stale revision is event_conflict and overwrites nothing', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    await saveEvent(t.coordinator, eventInput(venueId, { id: saved.id, revision: 1, title: '第一位协调员的标题' }));
    const before = await programmeCounts();
    const stale = await rpc('coord_save_event', { p_event: eventInput(venueId, { id: saved.id, revision: 1, title: '第二位协调员的标题' }) }, t.coordinator);
    expectRefused(stale, 'event_conflict');
    expect(await programmeCounts()).toEqual(before);
    const [row] = await sql('select title, revision from xinghuo.events where id = $1', [saved.id]);
    expect(row).toEqual({ title: '第一位协调员的标题', revision: 2 });
  });

  test('an unknown id is event_not_found', async () => {
    expectRefused(await rpc('coord_save_event', { p_event: eventInput(venueId, { id: 987654321, revision: 1 }) }, t.coordinator), 'event_not_found');
  });

  test('raising places promotes the waitlist at once, in arrival order; lowering them bumps nobody', async () => {
    const saved = await publishedEvent(t.coordinator, eventInput(venueId, { roles: { [speaker]: 1 } }));
    await addSignup(saved.id, { role: speaker, status: 'confirmed' });
    const first = await addSignup(saved.id, { role: speaker, status: 'waitlisted' });
    const second = await addSignup(saved.id, { role: speaker, status: 'waitlisted' });
    const raised = await saveEvent(t.coordinator, eventInput(venueId, { id: saved.id, revision: saved.revision, roles: { [speaker]: 2 } }));
    const status = async () => Object.fromEntries((await sql('select id, status from xinghuo.signups where event_id = $1', [saved.id])).map((r) => [Number(r.id), r.status]));
    expect(await status()).toMatchObject({ [first.id]: 'confirmed', [second.id]: 'waitlisted' });
    await saveEvent(t.coordinator, eventInput(venueId, { id: saved.id, revision: raised.revision, roles: { [speaker]: 1 } }));
    expect(await status()).toMatchObject({ [first.id]: 'confirmed', [second.id]: 'waitlisted' });
  });
});

describe('event history is append-only', () => {
  test('update, delete and truncate are refused even for the table owner', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    await expect(sql(`update xinghuo.event_history set changed_by_name = 'x' where event_id = $1`, [saved.id])).rejects.toThrow(/history_append_only/);
    await expect(sql('delete from xinghuo.event_history where event_id = $1', [saved.id])).rejects.toThrow(/history_append_only/);
    await expect(sql('truncate xinghuo.event_history cascade')).rejects.toThrow(/history_append_only/);
    expect(await sql('select action from xinghuo.event_history where event_id = $1', [saved.id])).toEqual([{ action: 'created' }]);
  });

  test('the API roles hold no privilege on the programme tables', async () => {
    const rows = await sql(
      `select t.table_name, r.role from unnest(array['events', 'event_slots', 'event_history', 'event_series', 'venues', 'vocabulary', 'volunteer_roles']) t(table_name)
       cross join unnest(array['anon', 'authenticated', 'service_role']) r(role)
       where has_table_privilege(r.role, 'xinghuo.' || t.table_name, 'select, insert, update, delete')`);
    expect(rows).toEqual([]);
  });
});

describe('published_events', () => {
  test('lists published events only (cancelled included), in start order, with what pages render and nothing internal', async () => {
    const online = await publishedEvent(t.coordinator, eventInput(venueId, {
      kind: 'online', venue_id: null, channel: 'wechat_article', starts_at: hoursFromNow(2000), ends_at: hoursFromNow(2001),
    }));
    const draft = await saveEvent(t.coordinator, eventInput(venueId, { starts_at: hoursFromNow(2002), ends_at: hoursFromNow(2003) }));
    const offline = await publishedEvent(t.coordinator, eventInput(venueId, { starts_at: hoursFromNow(2004), ends_at: hoursFromNow(2005), roles: { [helper]: 2, [speaker]: 3, [greeter]: 0 } }));
    const res = await rpc('published_events', {}, t.anon);
    expect(res.status).toBe(200);
    const slugs = res.body.map((e: { slug: string }) => e.slug);
    expect(slugs).toContain(online.slug);
    expect(slugs).toContain(offline.slug);
    expect(slugs).not.toContain(draft.slug);
    expect(slugs.indexOf(online.slug)).toBeLessThan(slugs.indexOf(offline.slug));
    const starts = res.body.map((e: { starts_at: string }) => Date.parse(e.starts_at));
    expect(starts).toEqual([...starts].sort((a: number, b: number) => a - b));
    const o = res.body.find((e: { slug: string }) => e.slug === offline.slug);
    expect(o).toEqual({
      slug: offline.slug, title: '社区防骗讲座', summary: '民警和银行工作人员讲解常见骗局，现场答疑。', description: '第一段说明。\n\n第二段说明。',
      kind: 'community', channel: null, online_url: null, venue: { name: expect.stringContaining('测试社区党群服务中心'), address: '青岛市市南区测试路1号' },
      district: 'shinan', lat: 36.066, lng: 120.383, starts_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      ends_at: expect.any(String), audiences: ['elderly'], topics: ['pension-scam', 'fake-officials'], partners: ['某某街道办事处'],
      // In role order, roles without places left out.
      roles: [{ id: speaker, label: roleLabels[speaker], slots: 3 }, { id: helper, label: roleLabels[helper], slots: 2 }],
      status: 'scheduled', cancel_reason: null, series: null, revision: offline.revision, updated_at: expect.any(String),
    });
    const n = res.body.find((e: { slug: string }) => e.slug === online.slug);
    expect(n).toMatchObject({ kind: 'online', channel: 'wechat_article', venue: null, district: null, lat: null, lng: null });
    expect(JSON.stringify(res.body)).not.toContain('带横幅');
  });
});
