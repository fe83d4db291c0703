// Every bad input to the event form, the venue form, publishing and cancelling gets its own code
// next to its field, all problems of one call at once, and stores nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { createVenue, ensureRoles, eventInput, expectRefused, helper, hoursFromNow, type Problem, problemsOf, programmeCounts, saveEvent, speaker, venueInput } from './programme-fixtures';

let t: Tokens;
let venueId: number;
let retiredVenueId: number;
let takenSlug: string;
// Known when the cases below are listed (their expected problems name it).
const retiredRole = `retired_${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await tokens();
  await ensureRoles();
  venueId = await createVenue(t.coordinator);
  retiredVenueId = await createVenue(t.coordinator);
  await rpc('coord_retire_venue', { p_venue_id: retiredVenueId }, t.coordinator);
  await sql(`insert into xinghuo.volunteer_roles (id, label, retired_at) values ($1, $1, now())`, [retiredRole]);
  takenSlug = (await saveEvent(t.coordinator, eventInput(venueId))).slug;
});

const long = (n: number) => '长'.repeat(n);
const online = { kind: 'online', venue_id: null, channel: 'live_stream' };
const p = (field: string, code: string, role?: string): Problem => (role ? { field, code, role } : { field, code });
const sorted = (list: Problem[]) => [...list].sort((a, b) => `${a.field}${a.code}`.localeCompare(`${b.field}${b.code}`));

// [what, p_event changes (on a valid event), every problem expected]
const eventCases: [string, () => Record<string, unknown>, Problem[]][] = [
  ['no title', () => ({ title: undefined }), [p('title', 'title_required')]],
  ['blank title (ideographic spaces)', () => ({ title: '　 　' }), [p('title', 'title_required')]],
  ['title of 3 characters', () => ({ title: '防骗会' }), [p('title', 'title_too_short')]],
  ['10,000-character title', () => ({ title: long(10_000) }), [p('title', 'title_too_long')]],
  ['no summary', () => ({ summary: '' }), [p('summary', 'summary_required')]],
  ['summary of 9 characters', () => ({ summary: long(9) }), [p('summary', 'summary_too_short')]],
  ['summary of 141 characters', () => ({ summary: long(141) }), [p('summary', 'summary_too_long')]],
  ['description of 5,001 characters', () => ({ description: long(5001) }), [p('description', 'description_too_long')]],
  ['internal notes of 2,001 characters', () => ({ internal_notes: long(2001) }), [p('internal_notes', 'internal_notes_too_long')]],
  ['no kind', () => ({ kind: undefined }), [p('kind', 'kind_required')]],
  ['unknown kind', () => ({ kind: 'party' }), [p('kind', 'kind_unknown')]],
  ['online event without a channel', () => ({ ...online, channel: undefined }), [p('channel', 'channel_required')]],
  ['online event with an unknown channel', () => ({ ...online, channel: 'tv' }), [p('channel', 'channel_unknown')]],
  ['offline event with a channel', () => ({ channel: 'live_stream' }), [p('channel', 'channel_not_allowed_offline')]],
  ['online link that is not a link', () => ({ ...online, online_url: 'not a link' }), [p('online_url', 'online_url_invalid')]],
  ['online link over http', () => ({ ...online, online_url: 'http://live.example.cn/1' }), [p('online_url', 'online_url_not_https')]],
  ['offline event with a link', () => ({ online_url: 'https://live.example.cn/1' }), [p('online_url', 'online_url_not_allowed_offline')]],
  ['offline event without a venue', () => ({ venue_id: null }), [p('venue_id', 'venue_required')]],
  ['venue that does not exist', () => ({ venue_id: 987_654_321 }), [p('venue_id', 'venue_unknown')]],
  ['venue id that is text', () => ({ venue_id: 'abc' }), [p('venue_id', 'venue_unknown')]],
  ['retired venue', () => ({ venue_id: retiredVenueId }), [p('venue_id', 'venue_retired')]],
  ['online event with a venue', () => ({ ...online, venue_id: venueId }), [p('venue_id', 'venue_not_allowed_online')]],
  ['no start', () => ({ starts_at: undefined }), [p('starts_at', 'starts_at_required')]],
  ['start that is not a time', () => ({ starts_at: '明天上午' }), [p('starts_at', 'starts_at_invalid')]],
  ['start without an offset', () => ({ starts_at: hoursFromNow(48).slice(0, 16) }), [p('starts_at', 'starts_at_invalid')]],
  ['start more than two years ahead', () => ({ starts_at: hoursFromNow(2 * 366 * 24), ends_at: hoursFromNow(2 * 366 * 24 + 2) }), [p('starts_at', 'starts_too_far')]],
  ['no end', () => ({ ends_at: null }), [p('ends_at', 'ends_at_required')]],
  ['end that is not a time', () => ({ ends_at: '2026-13-45T99:00:00+08:00' }), [p('ends_at', 'ends_at_invalid')]],
  ['end before start', () => ({ ends_at: hoursFromNow(47) }), [p('ends_at', 'ends_before_start')]],
  ['end equal to start', () => ({ ends_at: hoursFromNow(48) }), [p('ends_at', 'ends_before_start')]],
  ['13 hours long', () => ({ ends_at: hoursFromNow(61) }), [p('ends_at', 'event_too_long')]],
  ['no audiences', () => ({ audiences: [] }), [p('audiences', 'audiences_required')]],
  ['audiences not a list', () => ({ audiences: 'elderly' }), [p('audiences', 'audiences_required')]],
  ['unknown audience', () => ({ audiences: ['elderly', 'aliens'] }), [p('audiences', 'audience_unknown')]],
  ['audience twice', () => ({ audiences: ['elderly', 'elderly'] }), [p('audiences', 'audience_duplicate')]],
  ['no topics', () => ({ topics: undefined }), [p('topics', 'topics_required')]],
  ['unknown topic', () => ({ topics: ['lottery'] }), [p('topics', 'topic_unknown')]],
  ['topic twice', () => ({ topics: ['pension-scam', 'pension-scam'] }), [p('topics', 'topic_duplicate')]],
  ['partners not a list', () => ({ partners: '某街道' }), [p('partners', 'partners_invalid')]],
  ['a partner that is a number', () => ({ partners: [12] }), [p('partners', 'partners_invalid')]],
  ['11 partners', () => ({ partners: Array.from({ length: 11 }, (_, i) => `合作单位${i}`) }), [p('partners', 'partners_too_many')]],
  ['an empty partner', () => ({ partners: ['某街道', ' '] }), [p('partners', 'partner_empty')]],
  ['a 61-character partner', () => ({ partners: [long(61)] }), [p('partners', 'partner_too_long')]],
  ['no roles', () => ({ roles: undefined }), [p('roles', 'roles_required')]],
  ['no role with places', () => ({ roles: { [speaker]: 0 } }), [p('roles', 'roles_required')]],
  ['unknown role', () => ({ roles: { [speaker]: 2, astronaut: 1 } }), [p('roles', 'role_unknown', 'astronaut')]],
  ['retired role', () => ({ roles: { [speaker]: 2, [retiredRole]: 1 } }), [p('roles', 'role_retired', retiredRole)]],
  ['places as text', () => ({ roles: { [speaker]: 2, [helper]: '3' } }), [p('roles', 'slots_invalid', helper)]],
  ['fractional places', () => ({ roles: { [speaker]: 2, [helper]: 1.5 } }), [p('roles', 'slots_invalid', helper)]],
  ['negative places', () => ({ roles: { [speaker]: 2, [helper]: -1 } }), [p('roles', 'slots_negative', helper)]],
  ['1,001 places', () => ({ roles: { [speaker]: 1001 } }), [p('roles', 'slots_too_many', speaker), p('roles', 'roles_required')]],
  ['slug with spaces and capitals', () => ({ slug: 'Bad Slug' }), [p('slug', 'slug_invalid')]],
  ['slug already taken', () => ({ slug: takenSlug }), [p('slug', 'slug_taken')]],
  ['everything wrong at once', () => ({ title: '', kind: 'online', venue_id: venueId, ends_at: hoursFromNow(40), roles: {} }),
    [p('title', 'title_required'), p('channel', 'channel_required'), p('venue_id', 'venue_not_allowed_online'),
      p('ends_at', 'ends_before_start'), p('roles', 'roles_required')]],
];

describe('coord_save_event refuses bad input with every problem and stores nothing', () => {
  it.each(eventCases)('%s', async (_what, change, expected) => {
    const before = await programmeCounts();
    const res = await rpc('coord_save_event', { p_event: eventInput(venueId, change()) }, t.coordinator);
    expect(sorted(problemsOf(res, 'event_invalid'))).toEqual(sorted(expected));
    expect(await programmeCounts()).toEqual(before);
  });

  it('p_event that is not an object', async () => {
    for (const bad of [[], 'event', null]) {
      expect(problemsOf(await rpc('coord_save_event', { p_event: bad }, t.coordinator), 'event_invalid')).toEqual([p('event', 'event_not_object')]);
    }
  });

  it('an edit without its revision, or with another slug', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    const before = await programmeCounts();
    expect(problemsOf(await rpc('coord_save_event', { p_event: eventInput(venueId, { id: saved.id }) }, t.coordinator), 'event_invalid'))
      .toEqual([p('revision', 'revision_required')]);
    expect(problemsOf(await rpc('coord_save_event', { p_event: eventInput(venueId, { id: saved.id, revision: 1, slug: 'another-slug' }) }, t.coordinator), 'event_invalid'))
      .toEqual([p('slug', 'slug_not_changeable')]);
    expect(await programmeCounts()).toEqual(before);
  });

  it('a retired role or venue keeps what an event already had, and gets no more', async () => {
    const role = `keep_${Date.now().toString(36)}`;
    await sql(`insert into xinghuo.volunteer_roles (id, label) values ($1, $1)`, [role]);
    const venue = await createVenue(t.coordinator);
    const saved = await saveEvent(t.coordinator, eventInput(venue, { roles: { [speaker]: 2, [role]: 2 } }));
    await sql('update xinghuo.volunteer_roles set retired_at = now() where id = $1', [role]);
    await rpc('coord_retire_venue', { p_venue_id: venue }, t.coordinator);
    const edited = await saveEvent(t.coordinator, eventInput(venue, { id: saved.id, revision: 1, title: '改了名称的活动', roles: { [speaker]: 2, [role]: 1 } }));
    expect(edited.revision).toBe(2);
    const more = await rpc('coord_save_event', { p_event: eventInput(venue, { id: saved.id, revision: 2, roles: { [speaker]: 2, [role]: 3 } }) }, t.coordinator);
    expect(problemsOf(more, 'event_invalid')).toEqual([p('roles', 'role_retired', role)]);
  });
});

const venueCases: [string, () => Record<string, unknown>, Problem[]][] = [
  ['no name', () => ({ name: undefined }), [p('name', 'venue_name_required')]],
  ['name of one character', () => ({ name: '站' }), [p('name', 'venue_name_too_short')]],
  ['name of 81 characters', () => ({ name: long(81) }), [p('name', 'venue_name_too_long')]],
  ['name of a current venue', () => ({ name: 'dup' }), [p('name', 'venue_duplicate')]],
  ['no address', () => ({ address: '' }), [p('address', 'address_required')]],
  ['address of 3 characters', () => ({ address: '测试路' }), [p('address', 'address_too_short')]],
  ['address of 201 characters', () => ({ address: long(201) }), [p('address', 'address_too_long')]],
  ['no district', () => ({ district: undefined }), [p('district', 'district_required')]],
  ['unknown district', () => ({ district: 'chaoyang' }), [p('district', 'district_unknown')]],
  ['latitude as text', () => ({ lat: '36.06' }), [p('lat', 'lat_invalid')]],
  ['latitude beyond the pole', () => ({ lat: 95 }), [p('lat', 'lat_invalid')]],
  ['no longitude', () => ({ lng: undefined }), [p('lng', 'lng_invalid')]],
  ['a position in Beijing', () => ({ lat: 39.9, lng: 116.4 }), [p('lat', 'position_outside_city')]],
];

describe('coord_save_venue refuses bad input with every problem and stores nothing', () => {
  let existingName = '';
  beforeAll(async () => {
    existingName = String(venueInput().name);
    await createVenue(t.coordinator, { name: existingName });
  });

  it.each(venueCases)('%s', async (_what, change, expected) => {
    const over = change();
    if (over.name === 'dup') over.name = existingName;
    const before = await programmeCounts();
    const res = await rpc('coord_save_venue', { p_venue: venueInput(over) }, t.coordinator);
    expect(sorted(problemsOf(res, 'venue_invalid'))).toEqual(sorted(expected));
    expect(await programmeCounts()).toEqual(before);
  });

  it('p_venue that is not an object; an id that is no venue', async () => {
    expect(problemsOf(await rpc('coord_save_venue', { p_venue: [1] }, t.coordinator), 'venue_invalid')).toEqual([p('venue', 'venue_not_object')]);
    expectRefused(await rpc('coord_save_venue', { p_venue: venueInput({ id: 987_654_321 }) }, t.coordinator), 'venue_not_found');
    expectRefused(await rpc('coord_retire_venue', { p_venue_id: 987_654_321 }, t.coordinator), 'venue_not_found');
  });
});

describe('publishing and cancelling refuse what does not apply, and store nothing', () => {
  it('cancel without a reason, with a blank or 201-character one, twice, or at a stale revision', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    const before = await programmeCounts();
    for (const reason of ['', ' 　', null]) {
      expect(problemsOf(await rpc('coord_cancel_event', { p_event_id: saved.id, p_revision: 1, p_reason: reason }, t.coordinator), 'event_invalid'))
        .toEqual([p('cancel_reason', 'cancel_reason_required')]);
    }
    expect(problemsOf(await rpc('coord_cancel_event', { p_event_id: saved.id, p_revision: 1, p_reason: long(201) }, t.coordinator), 'event_invalid'))
      .toEqual([p('cancel_reason', 'cancel_reason_too_long')]);
    expectRefused(await rpc('coord_cancel_event', { p_event_id: saved.id, p_revision: 7, p_reason: '下雨' }, t.coordinator), 'event_conflict');
    expectRefused(await rpc('coord_cancel_event', { p_event_id: 987_654_321, p_revision: 1, p_reason: '下雨' }, t.coordinator), 'event_not_found');
    expect(await programmeCounts()).toEqual(before);
    const cancelled = await rpc('coord_cancel_event', { p_event_id: saved.id, p_revision: 1, p_reason: '下雨' }, t.coordinator);
    expect(cancelled.body).toEqual({ id: saved.id, revision: 2 });
    expectRefused(await rpc('coord_cancel_event', { p_event_id: saved.id, p_revision: 2, p_reason: '下雨' }, t.coordinator), 'already_cancelled');
  });

  it('publish twice, unpublish a draft, or either at a stale revision', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    expectRefused(await rpc('coord_unpublish_event', { p_event_id: saved.id, p_revision: 1 }, t.coordinator), 'already_draft');
    expectRefused(await rpc('coord_publish_event', { p_event_id: saved.id, p_revision: 2 }, t.coordinator), 'event_conflict');
    expect((await rpc('coord_publish_event', { p_event_id: saved.id, p_revision: 1 }, t.coordinator)).body).toEqual({ id: saved.id, revision: 2 });
    const before = await programmeCounts();
    expectRefused(await rpc('coord_publish_event', { p_event_id: saved.id, p_revision: 2 }, t.coordinator), 'already_published');
    expectRefused(await rpc('coord_unpublish_event', { p_event_id: saved.id, p_revision: 1 }, t.coordinator), 'event_conflict');
    expect(await programmeCounts()).toEqual(before);
  });

  it('an event kept from the Markdown era (no venue) is refused at republishing until it names a venue', async () => {
    const legacy = await createEvent();
    await sql(`update xinghuo.events set publication = 'draft' where id = $1`, [legacy.id]);
    const res = await rpc('coord_publish_event', { p_event_id: legacy.id, p_revision: 1 }, t.coordinator);
    expect(problemsOf(res, 'event_invalid')).toEqual([p('venue_id', 'venue_required')]);
  });
});
