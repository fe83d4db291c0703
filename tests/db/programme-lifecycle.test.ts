// An event's life in the workspace: publish (then open for sign-up and on the site), unpublish,
// cancel with a reason, clone; its history newest first; the venue book re-applied to upcoming
// events; coord_events and coord_get_event as the workspace reads them.
import { beforeAll, describe, expect, it } from 'vitest';
import { addSignup } from './coord-fixtures';
import { rpc, sql, tokens, type Tokens } from './harness';
import { createVenue, ensureRoles, eventInput, expectRefused, greeter, helper, hoursFromNow, publishedEvent, roleLabels, saveEvent, speaker } from './programme-fixtures';
import { api, randomPhone, signupArgs } from './signup-fixtures';

let t: Tokens;
let venueId: number;
beforeAll(async () => {
  t = await tokens();
  await ensureRoles();
  venueId = await createVenue(t.coordinator);
});

const publishedSlugs = async () => (await rpc('published_events', {}, t.anon)).body.map((e: { slug: string }) => e.slug);
const history = async (id: number) => (await rpc('coord_event_history', { p_event_id: id }, t.coordinator)).body;

describe('publishing', () => {
  it('a draft is closed to sign-ups and absent from the site; published, it is open and listed; unpublished, gone again', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    expect((await api('sign_up', signupArgs(saved.slug, { p_role: speaker }))).body.message).toBe('event_not_found');
    expect((await api('event_availability', { p_event_slug: saved.slug })).body).toEqual([]);
    expect(await publishedSlugs()).not.toContain(saved.slug);

    const published = await rpc('coord_publish_event', { p_event_id: saved.id, p_revision: 1 }, t.coordinator);
    expect(published.body).toEqual({ id: saved.id, revision: 2 });
    expect(await publishedSlugs()).toContain(saved.slug);
    expect((await api('sign_up', signupArgs(saved.slug, { p_role: speaker, p_phone: randomPhone() }))).body.status).toBe('pending');
    const [row] = await sql('select publication, published_at from xinghuo.events where id = $1', [saved.id]);
    expect(row.publication).toBe('published');
    expect(row.published_at).toBeInstanceOf(Date);

    expect((await rpc('coord_unpublish_event', { p_event_id: saved.id, p_revision: 2 }, t.coordinator)).body).toEqual({ id: saved.id, revision: 3 });
    expect(await publishedSlugs()).not.toContain(saved.slug);
    const actions = await history(saved.id);
    expect(actions.map((h: { action: string }) => h.action)).toEqual(['unpublished', 'published', 'created']);
    expect(actions[1]).toMatchObject({ before: { publication: 'draft' }, after: { publication: 'published' } });
  });

  it('a cancelled published event stays on the site with its reason', async () => {
    const ev = await publishedEvent(t.coordinator, eventInput(venueId));
    expect((await rpc('coord_cancel_event', { p_event_id: ev.id, p_revision: ev.revision, p_reason: '  场地临时维修　' }, t.coordinator)).body)
      .toEqual({ id: ev.id, revision: ev.revision + 1 });
    const listed = (await rpc('published_events', {}, t.anon)).body.find((e: { slug: string }) => e.slug === ev.slug);
    expect(listed).toMatchObject({ status: 'cancelled', cancel_reason: '场地临时维修' });
    expect((await history(ev.id))[0]).toMatchObject({
      action: 'cancelled', before: { status: 'scheduled', cancel_reason: null }, after: { status: 'cancelled', cancel_reason: '场地临时维修' },
    });
    expect((await api('sign_up', signupArgs(ev.slug, { p_role: speaker }))).body.message).toBe('event_cancelled');
  });
});

describe('cloning', () => {
  it('a clone is a new draft with the same fields and places, no sign-ups, not cancelled, its own key', async () => {
    const ev = await publishedEvent(t.coordinator, eventInput(venueId, { roles: { [speaker]: 5, [greeter]: 1 } }));
    await addSignup(ev.id, { role: speaker });
    await rpc('coord_cancel_event', { p_event_id: ev.id, p_revision: ev.revision, p_reason: '改到下周' }, t.coordinator);
    const clone = await rpc('coord_clone_event', { p_event_id: ev.id }, t.coordinator);
    expect(clone.status).toBe(200);
    expect(clone.body.revision).toBe(1);
    expect(clone.body.slug).not.toBe(ev.slug);
    const [source, copy] = await Promise.all([ev.id, clone.body.id].map(async (id) => (await rpc('coord_get_event', { p_event_id: id }, t.coordinator)).body));
    const fields = ['title', 'summary', 'description', 'kind', 'venue_id', 'venue_name', 'starts_at', 'ends_at', 'audiences', 'topics', 'partners', 'internal_notes', 'roles'];
    for (const f of fields) expect(copy[f], f).toEqual(source[f]);
    expect(copy).toMatchObject({ status: 'scheduled', cancel_reason: null, publication: 'draft', series_id: null });
    expect((await sql('select count(*)::int as n from xinghuo.signups where event_id = $1', [clone.body.id]))[0].n).toBe(0);
    expect((await history(clone.body.id))[0]).toMatchObject({ action: 'cloned', before: null, after: { cloned_from: ev.id } });
  });
});

describe('reading one event and the list', () => {
  it('coord_get_event gives every editable field; unknown ids are event_not_found everywhere', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId));
    const got = (await rpc('coord_get_event', { p_event_id: saved.id }, t.coordinator)).body;
    expect(got).toMatchObject({
      id: saved.id, slug: saved.slug, revision: 1, title: '社区防骗讲座', internal_notes: '带横幅', venue_id: venueId,
      roles: { [speaker]: 4, [helper]: 1 }, publication: 'draft', status: 'scheduled', partners: ['某某街道办事处'],
    });
    for (const fn of ['coord_get_event', 'coord_clone_event', 'coord_event_history']) {
      expectRefused(await rpc(fn, { p_event_id: 987_654_321 }, t.coordinator), 'event_not_found');
    }
  });

  it('coord_events lists drafts too, with kind, venue, publication, revision and places per role with sign-ups', async () => {
    const saved = await saveEvent(t.coordinator, eventInput(venueId, { roles: { [speaker]: 1, [helper]: 2 } }));
    await rpc('coord_publish_event', { p_event_id: saved.id, p_revision: 1 }, t.coordinator);
    await addSignup(saved.id, { role: speaker });
    await addSignup(saved.id, { role: speaker, status: 'waitlisted' });
    const draft = await saveEvent(t.coordinator, eventInput(venueId));
    const list = (await rpc('coord_events', {}, t.coordinator)).body;
    expect(list.map((e: { id: number }) => e.id)).toContain(draft.id);
    const row = list.find((e: { id: number }) => e.id === saved.id);
    expect(row).toMatchObject({
      kind: 'community', channel: null, venue_name: expect.stringContaining('测试社区'), publication: 'published', revision: 2,
      series_id: null, cancel_reason: null, slots: 3, confirmed: 1, waitlisted: 1,
      roles: [{ id: speaker, label: roleLabels[speaker], slots: 1, confirmed: 1, waitlisted: 1 }, { id: helper, label: roleLabels[helper], slots: 2, confirmed: 0, waitlisted: 0 }],
    });
  });
});

describe('the venue book', () => {
  it('saving a venue re-applies it to its upcoming events (history, revision, volunteers told), not to past ones', async () => {
    const venue = await createVenue(t.coordinator, { name: `改址测试${Date.now()}` });
    const upcoming = await publishedEvent(t.coordinator, eventInput(venue));
    const past = await saveEvent(t.coordinator, eventInput(venue, { starts_at: hoursFromNow(-30), ends_at: hoursFromNow(-28) }));
    const phone = randomPhone();
    await addSignup(upcoming.id, { role: speaker, phone });
    const [{ name }] = await sql('select name from xinghuo.venues where id = $1', [venue]);
    const res = await rpc('coord_save_venue', { p_venue: { id: venue, name, address: '青岛市市南区新地址路8号', district: 'shibei', lat: 36.08, lng: 120.37 } }, t.coordinator);
    expect(res.body).toEqual({ id: venue });
    const rows = await sql('select id, venue_address, district, lat, revision from xinghuo.events where id = any ($1) order by id', [[upcoming.id, past.id]]);
    expect(rows).toEqual([
      { id: String(upcoming.id), venue_address: '青岛市市南区新地址路8号', district: 'shibei', lat: 36.08, revision: upcoming.revision + 1 },
      { id: String(past.id), venue_address: '青岛市市南区测试路1号', district: 'shinan', lat: 36.066, revision: 1 },
    ]);
    expect((await history(upcoming.id))[0]).toMatchObject({
      action: 'venue_updated', before: { venue_address: '青岛市市南区测试路1号', district: 'shinan', lat: 36.066, lng: 120.383 },
      after: { venue_address: '青岛市市南区新地址路8号', district: 'shibei', lat: 36.08, lng: 120.37 },
    });
    const told = await sql(`select params from xinghuo.messages where kind = 'event_changed' and recipient = $1`, [phone]);
    expect(told.map((m) => m.params.place)).toEqual([name]);
  });

  it('coord_venues lists current venues first with their event counts; retiring is idempotent and frees the name', async () => {
    const name = `停用测试${Date.now()}`;
    const venue = await createVenue(t.coordinator, { name });
    await saveEvent(t.coordinator, eventInput(venue));
    const first = await rpc('coord_retire_venue', { p_venue_id: venue }, t.coordinator);
    const again = await rpc('coord_retire_venue', { p_venue_id: venue }, t.coordinator);
    expect(again.body).toEqual(first.body);
    const list = (await rpc('coord_venues', {}, t.coordinator)).body;
    const retired = list.findIndex((v: { id: number }) => v.id === venue);
    expect(list[retired]).toMatchObject({ name, events_count: 1, retired_at: first.body.retired_at });
    expect(list.slice(retired).every((v: { retired_at: string | null }) => v.retired_at !== null)).toBe(true);
    expect(list.findIndex((v: { retired_at: string | null }) => v.retired_at === null)).toBeLessThan(retired);
    expect(await createVenue(t.coordinator, { name })).toBeGreaterThan(venue);
  });
});
