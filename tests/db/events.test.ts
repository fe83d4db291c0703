// public.sync_events: the only way events reach the database. Service role only, idempotent,
// withdraws what left the content, replaces places per role, and stores nothing from bad input.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

interface DbEventInput {
  slug: string;
  title: string;
  starts_at: string;
  ends_at: string;
  district: string;
  audiences: string[];
  topics: string[];
  status: string;
  lat: number | null;
  lng: number | null;
  slots: Record<string, number>;
}

function event(overrides: Partial<DbEventInput> = {}): DbEventInput {
  const start = new Date(Date.now() + 72 * 3_600_000);
  return {
    slug: `ev-${randomUUID().slice(0, 10)}`,
    title: '社区防骗讲座',
    starts_at: start.toISOString(),
    ends_at: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    district: 'licang',
    audiences: ['elderly'],
    topics: ['pension-scam'],
    status: 'scheduled',
    lat: 36.16,
    lng: 120.43,
    slots: { bank_staff: 2, volunteer: 4 },
    ...overrides,
  };
}

/** Everything published now, in sync_events' input shape, so a call keeps other events as they are. */
async function published(): Promise<DbEventInput[]> {
  const rows = await sql(
    `select e.slug, e.title, e.starts_at, e.ends_at, e.district, e.audiences, e.topics, e.status, e.lat, e.lng,
            coalesce((select jsonb_object_agg(s.role, s.slots) from xinghuo.event_slots s where s.event_id = e.id), '{}') as slots
     from xinghuo.events e where e.status <> 'withdrawn'`,
  );
  return rows.map((e) => ({ ...e, starts_at: e.starts_at.toISOString(), ends_at: e.ends_at.toISOString() }));
}

/** A stable picture of both tables, to prove that a refused call changed nothing. */
async function snapshot() {
  return sql(
    `select e.*, (select jsonb_object_agg(s.role, s.slots) from xinghuo.event_slots s where s.event_id = e.id) as slots
     from xinghuo.events e order by e.id`,
  );
}

async function slotsOf(slug: string) {
  const rows = await sql<{ role: string; slots: number }>(
    `select s.role, s.slots from xinghuo.event_slots s join xinghuo.events e on e.id = s.event_id
     where e.slug = $1 order by s.role`,
    [slug],
  );
  return Object.fromEntries(rows.map((r) => [r.role, r.slots]));
}

describe('who may call sync_events', () => {
  test('the service role may', async () => {
    const e = event();
    const res = await rpc('sync_events', { p_events: [...(await published()), e] }, t.service);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inserted: 1, withdrawn: 0 });
    const [row] = await sql('select title, district, status, audiences, topics from xinghuo.events where slug = $1', [e.slug]);
    expect(row).toEqual({ title: e.title, district: 'licang', status: 'scheduled', audiences: ['elderly'], topics: ['pension-scam'] });
    expect(await slotsOf(e.slug)).toEqual({ bank_staff: 2, volunteer: 4 });
  });

  test.each([
    ['anon', 401],
    ['user', 403],
    ['coordinator', 403],
  ] as const)('%s may not (HTTP %i, permission denied) and nothing is stored', async (who, status) => {
    const before = await snapshot();
    const e = event();
    const res = await rpc('sync_events', { p_events: [e] }, t[who]);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe('42501');
    expect(await snapshot()).toEqual(before);
  });
});

describe('sync semantics', () => {
  test('the same content twice changes nothing the second time', async () => {
    const e = event();
    const all = [...(await published()), e];
    expect((await rpc('sync_events', { p_events: all }, t.service)).body).toMatchObject({ inserted: 1 });
    const before = await snapshot();
    const again = await rpc('sync_events', { p_events: all }, t.service);
    expect(again.body).toEqual({ inserted: 0, updated: 0, unchanged: all.length, withdrawn: 0 });
    expect(await snapshot()).toEqual(before); // updated_at included
  });

  test('a changed event is updated in place; places per role are replaced', async () => {
    const e = event({ slots: { police: 1, lawyer: 2 } });
    await rpc('sync_events', { p_events: [...(await published()), e] }, t.service);
    const [{ id }] = await sql('select id from xinghuo.events where slug = $1', [e.slug]);
    const changed = { ...e, title: '改期后的讲座', slots: { lawyer: 3, volunteer: 5 } };
    const others = (await published()).filter((p) => p.slug !== e.slug);
    const res = await rpc('sync_events', { p_events: [...others, changed] }, t.service);
    expect(res.body).toMatchObject({ inserted: 0, updated: 1, withdrawn: 0 });
    const [row] = await sql('select id, title from xinghuo.events where slug = $1', [e.slug]);
    expect(row).toEqual({ id, title: '改期后的讲座' });
    expect(await slotsOf(e.slug)).toEqual({ lawyer: 3, volunteer: 5 });
  });

  test('an event gone from the content is withdrawn, not deleted, and comes back if republished', async () => {
    const { slug } = await createEvent();
    const rest = (await published()).filter((p) => p.slug !== slug);
    const res = await rpc('sync_events', { p_events: rest }, t.service);
    expect(res.body).toMatchObject({ withdrawn: 1 });
    expect(await sql('select status from xinghuo.events where slug = $1', [slug])).toEqual([{ status: 'withdrawn' }]);

    const back = event({ slug, status: 'cancelled' });
    await rpc('sync_events', { p_events: [...rest, back] }, t.service);
    expect(await sql('select status from xinghuo.events where slug = $1', [slug])).toEqual([{ status: 'cancelled' }]);
  });
});

describe('bad input is refused with a clear error and stores nothing', () => {
  const cases: [string, () => unknown, string][] = [
    ['not an array', () => ({ slug: 'x' }), 'p_events'],
    ['a slug with capitals', () => [event({ slug: 'Bad Slug' })], 'slug'],
    ['the same slug twice', () => { const e = event(); return [e, { ...e }]; }, 'slug'],
    ['no title', () => [event({ title: '  ' })], 'title'],
    ['an end before the start', () => [event({ ends_at: new Date(Date.now()).toISOString() })], 'ends_at'],
    ['a date that is not a date', () => [event({ starts_at: 'next tuesday' })], 'starts_at/ends_at'],
    ['status withdrawn from content', () => [event({ status: 'withdrawn' })], 'status'],
    ['an unknown role', () => [event({ slots: { chef: 2 } })], 'slots.chef'],
    ['negative places', () => [event({ slots: { volunteer: -1 } })], 'slots.volunteer'],
    ['fractional places', () => [event({ slots: { volunteer: 1.5 } })], 'slots.volunteer'],
    ['places as text', () => [event({ slots: { volunteer: '3' as unknown as number } })], 'slots.volunteer'],
    ['a district that is not an id', () => [event({ district: '市南区' })], 'district'],
    ['a latitude as text', () => [event({ lat: 'north' as unknown as number })], 'lat/lng'],
    ['a latitude out of range', () => [event({ lat: 123 })], 'lat/lng'],
  ];

  test.each(cases)('%s', async (_name, payload, field) => {
    const before = await snapshot();
    const good = event(); // a valid event in the same call must not be stored either
    const body = payload();
    const p_events = Array.isArray(body) ? [good, ...body] : body;
    const res = await rpc('sync_events', { p_events }, t.service);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'P0001', message: 'events_invalid', hint: field });
    expect(res.body.details).toEqual(expect.any(String));
    expect(await snapshot()).toEqual(before);
  });
});
