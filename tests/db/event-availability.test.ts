// The event page's live box reads event_availability: status, cancel reason, time, venue and places
// per role (labels from the catalogue), for published events only. Anyone may call it (anon, a
// signed-in volunteer, a coordinator); a draft or an unknown slug answers event_not_found.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { createVenue, eventInput, hoursFromNow, publishedEvent, saveEvent } from './programme-fixtures';
import { signUp } from './signup-fixtures';

let t: Tokens;
let venueId: number;
let roles: { id: string; label: string }[];

beforeAll(async () => {
  t = await tokens();
  venueId = await createVenue(t.coordinator, { name: '实时状态测试活动室', address: '青岛市市南区实时路 1 号' });
  roles = await sql(`select id, label from xinghuo.volunteer_roles where retired_at is null order by sort_order, id limit 2`);
});

const live = (slug: string, token?: string) => rpc('event_availability', { p_event_slug: slug }, token);

describe('event_availability', () => {
  it('answers anon, a signed-in volunteer and a coordinator alike for a published event', async () => {
    const ev = await publishedEvent(t.coordinator, eventInput(venueId, { roles: { [roles[0]!.id]: 2 } }));
    const answers = await Promise.all([live(ev.slug), live(ev.slug, t.user), live(ev.slug, t.coordinator)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.body).toEqual(answers[0]!.body);
  });

  it('gives status, time, venue and places per role with the catalogue labels, in catalogue order, no personal data', async () => {
    const [first, second] = roles;
    const starts = hoursFromNow(30);
    const ends = hoursFromNow(32);
    const ev = await publishedEvent(t.coordinator, eventInput(venueId, { starts_at: starts, ends_at: ends, roles: { [second!.id]: 1, [first!.id]: 3 } }));
    await signUp(ev.slug, { p_role: second!.id, p_name: '实时甲' });
    await signUp(ev.slug, { p_role: second!.id, p_name: '实时乙' });
    const res = await live(ev.slug);
    expect(res.body).toEqual({
      status: 'scheduled', cancel_reason: null,
      starts_at: expect.any(String), ends_at: expect.any(String),
      venue: { name: '实时状态测试活动室', address: '青岛市市南区实时路 1 号' },
      roles: [
        { id: first!.id, label: first!.label, slots: 3, confirmed: 0, waitlisted: 0 },
        { id: second!.id, label: second!.label, slots: 1, confirmed: 1, waitlisted: 1 },
      ],
    });
    expect(new Date(res.body.starts_at).getTime()).toBe(new Date(starts).getTime());
    expect(new Date(res.body.ends_at).getTime()).toBe(new Date(ends).getTime());
    expect(JSON.stringify(res.body)).not.toMatch(/实时甲|实时乙|internal|带横幅/);
  });

  it('shows a new time and a cancellation with its reason as soon as they are saved', async () => {
    const input = eventInput(venueId, { roles: { [roles[0]!.id]: 2 } });
    const ev = await publishedEvent(t.coordinator, input);
    const later = { starts_at: hoursFromNow(72), ends_at: hoursFromNow(74) };
    const moved = await rpc('coord_save_event', { p_event: { ...input, ...later, id: ev.id, revision: ev.revision } }, t.coordinator);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(new Date((await live(ev.slug)).body.starts_at).getTime()).toBe(new Date(later.starts_at).getTime());
    const cancelled = await rpc('coord_cancel_event', { p_event_id: ev.id, p_revision: moved.body.revision, p_reason: '场地临时维修' }, t.coordinator);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect((await live(ev.slug)).body).toMatchObject({ status: 'cancelled', cancel_reason: '场地临时维修' });
  });

  it('an online event has no venue', async () => {
    const ev = await publishedEvent(t.coordinator, eventInput(venueId, { kind: 'online', channel: 'video_channel', venue_id: undefined, roles: { [roles[0]!.id]: 1 } }));
    expect((await live(ev.slug)).body.venue).toBeNull();
  });

  it('a draft and an unknown slug answer event_not_found, for everyone', async () => {
    const draft = await saveEvent(t.coordinator, eventInput(venueId, { roles: { [roles[0]!.id]: 2 } }));
    for (const slug of [draft.slug, 'no-such-event']) {
      for (const token of [undefined, t.user, t.coordinator]) {
        const res = await live(slug, token);
        expect(res.status, slug).toBe(400);
        expect(res.body).toMatchObject({ code: 'P0001', message: 'event_not_found' });
      }
    }
  });
});
