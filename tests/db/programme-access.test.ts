// Every programme RPC allowed and denied: anon 401, a signed-in non-coordinator and an inactive
// coordinator 403 forbidden, the service role 403 (no grant); an active coordinator 200. A denied
// call stores nothing. published_events is the public's: anon and signed-in users alike.
import { beforeAll, describe, expect, it } from 'vitest';
import { inactiveCoordinatorToken } from './coord-fixtures';
import { rpc, tokens, type Tokens } from './harness';
import { createVenue, ensureRoles, eventInput, hoursFromNow, programmeCounts, saveEvent, venueInput } from './programme-fixtures';

let t: Tokens;
let inactive: string;
let venueId: number;

beforeAll(async () => {
  t = await tokens();
  await ensureRoles();
  inactive = await inactiveCoordinatorToken();
  venueId = await createVenue(t.coordinator);
});

/** A fresh draft per call, so each allowed call has its own event at revision 1. */
const draft = () => saveEvent(t.coordinator, eventInput(venueId));

// [function, arguments for this call (made fresh each time)]
const calls: [string, () => Promise<Record<string, unknown>>][] = [
  ['coord_save_event', async () => ({ p_event: eventInput(venueId) })],
  ['coord_get_event', async () => ({ p_event_id: (await draft()).id })],
  ['coord_publish_event', async () => ({ p_event_id: (await draft()).id, p_revision: 1 })],
  ['coord_unpublish_event', async () => {
    const { id } = await draft();
    await rpc('coord_publish_event', { p_event_id: id, p_revision: 1 }, t.coordinator);
    return { p_event_id: id, p_revision: 2 };
  }],
  ['coord_cancel_event', async () => ({ p_event_id: (await draft()).id, p_revision: 1, p_reason: '场地维修' })],
  ['coord_clone_event', async () => ({ p_event_id: (await draft()).id })],
  ['coord_event_history', async () => ({ p_event_id: (await draft()).id })],
  ['coord_venues', async () => ({})],
  ['coord_save_venue', async () => ({ p_venue: venueInput() })],
  ['coord_retire_venue', async () => ({ p_venue_id: await createVenue(t.coordinator) })],
  ['coord_create_series', async () => ({
    p_event: eventInput(venueId, { title: `系列访问测试${Date.now()}`, starts_at: hoursFromNow(30), ends_at: hoursFromNow(31) }),
    p_rule: { every: 'week', interval: 1, count: 2 },
  })],
  ['coord_import_events', async () => ({ p_rows: [{ ...eventInput(venueId), venue_id: undefined, venue_name: undefined }], p_commit: false })],
  ['coord_events', async () => ({})],
];

describe('programme RPCs are denied to everyone but active coordinators', () => {
  for (const [fn, args] of calls) {
    it(`${fn}: anon 401, user/inactive/service 403, coordinator 200; denied calls store nothing`, async () => {
      const a = await args();
      const before = await programmeCounts();
      const anon = await rpc(fn, a, t.anon);
      expect(anon.status).toBe(401);
      expect(anon.body.code).toBe('42501');
      for (const token of [t.user, inactive]) {
        const denied = await rpc(fn, a, token);
        expect(denied.status).toBe(403);
        expect(denied.body).toMatchObject({ code: '42501', message: 'forbidden' });
      }
      const service = await rpc(fn, a, t.service);
      expect(service.status).toBe(403);
      expect(service.body.code).toBe('42501');
      expect(await programmeCounts()).toEqual(before);
      const ok = await rpc(fn, a, t.coordinator);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    });
  }
});

describe('published_events is public', () => {
  it('anon and a signed-in user may read it; the service role holds no grant', async () => {
    for (const token of [t.anon, t.user, t.coordinator]) {
      const res = await rpc('published_events', {}, token);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
    }
    expect((await rpc('published_events', {}, t.service)).status).toBe(403);
  });
});
