// The events loader against a real HTTP server answering as the API would: valid rows pass (times as
// Dates, both event shapes), and each way of failing gives one line that says what went wrong and where.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventsLoadError, eventsLoader, fetchPublishedEvents } from '../../src/lib/events-loader';

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString().replace('Z', '+00:00');

function placeRow(slug: string, extra: Record<string, unknown> = {}) {
  return {
    slug, title: '守好养老钱讲座', summary: '讲清楚养老诈骗的常见说法和应对办法。', description: '第一段。\n\n第二段。',
    kind: 'community', channel: null, online_url: null,
    venue: { name: '某社区党群服务中心', address: '青岛市市北区某路 12 号' }, district: 'shibei', lat: 36.0889, lng: 120.375,
    starts_at: inHours(24), ends_at: inHours(26), audiences: ['elderly'], topics: ['pension-scam'], partners: ['某街道办事处'],
    roles: [{ id: 'role_a', label: '讲师', slots: 2 }], status: 'scheduled', cancel_reason: null, series: null,
    revision: 1, updated_at: inHours(-1), ...extra,
  };
}
const onlineRow = (slug: string, extra: Record<string, unknown> = {}) =>
  placeRow(slug, { kind: 'online', channel: 'live_stream', online_url: 'https://live.example.cn/x', venue: null, district: null, lat: null, lng: null, ...extra });

let server: Server;
let base: string;
let answer: { status: number; body: string } = { status: 200, body: '[]' };
const seen: { path: string; apikey: string; authorization: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', apikey: String(req.headers.apikey), authorization: String(req.headers.authorization) });
    req.resume();
    req.on('end', () => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const serve = (rows: unknown, status = 200) => { answer = { status, body: typeof rows === 'string' ? rows : JSON.stringify(rows) }; };
const load = (allowEmpty = false) => fetchPublishedEvents({ url: base, anonKey: 'anon-key', allowEmpty });
async function failure(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(EventsLoadError);
  const message = (e as Error).message;
  expect(message).not.toContain('\n');
  expect((e as Error).stack).toBe('');
  return message;
}

describe('fetchPublishedEvents', () => {
  it('calls published_events with the anon key and returns both shapes, times as Dates', async () => {
    serve([placeRow('a-place'), onlineRow('b-online', { online_url: null })]);
    const events = await load();
    expect(seen.at(-1)).toEqual({ path: '/rest/v1/rpc/published_events', apikey: 'anon-key', authorization: 'Bearer anon-key' });
    expect(events.map((e) => [e.slug, e.kind])).toEqual([['a-place', 'community'], ['b-online', 'online']]);
    expect(events[0]!.starts_at).toBeInstanceOf(Date);
    expect(events[0]!.ends_at.getTime() - events[0]!.starts_at.getTime()).toBe(2 * HOUR);
  });

  it('keeps a path prefix of the API URL (a gateway behind a reverse proxy)', async () => {
    serve([placeRow('behind-proxy')]);
    await fetchPublishedEvents({ url: `${base}/supabase/`, anonKey: 'k' });
    expect(seen.at(-1)!.path).toBe('/supabase/rest/v1/rpc/published_events');
  });

  it('fails with one line naming the URL when the API cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    const message = await failure(fetchPublishedEvents({ url, anonKey: 'k' }));
    expect(message).toMatch(new RegExp(`^星火: cannot read published events from ${url}: .*ECONNREFUSED`));
  });

  it('fails with the HTTP status and PostgREST code of an error answer', async () => {
    serve({ code: 'PGRST202', message: 'Could not find the function public.published_events', details: null, hint: null }, 404);
    expect(await failure(load())).toBe(`星火: cannot read published events from ${base}: HTTP 404 PGRST202 Could not find the function public.published_events`);
  });

  it('fails on an answer that is not an array of events', async () => {
    serve('<html>proxy error</html>');
    expect(await failure(load())).toContain('the answer is not JSON: <html>proxy error</html>');
    serve({ slug: 'x' });
    expect(await failure(load())).toContain('expected an array of events');
  });

  it('refuses an empty programme unless allowed', async () => {
    serve([]);
    expect(await failure(load())).toContain('returned no events; refusing to build an empty programme');
    expect(await load(true)).toEqual([]);
  });

  it.each([
    ['an end before its start', placeRow('bad-time', { ends_at: inHours(20) }), 'ends_at'],
    ['an online event without a channel', onlineRow('bad-online', { channel: null }), 'channel'],
    ['an online link that is not https', onlineRow('bad-link', { online_url: 'http://live.example.cn/x' }), 'online_url'],
    ['a place event without a venue', placeRow('bad-venue', { venue: null }), 'venue'],
    ['a position outside the city', placeRow('bad-pos', { lat: 39.9 }), 'lat'],
    ['an unknown district', placeRow('bad-district', { district: 'atlantis' }), 'district'],
    ['an unknown kind', placeRow('bad-kind', { kind: 'party' }), 'kind'],
    ['a role without places', placeRow('bad-role', { roles: [{ id: 'r', label: '讲师', slots: 0 }] }), 'roles.0.slots'],
    ['an unknown topic', placeRow('bad-topic', { topics: ['alien-scam'] }), 'topics.0'],
    ['a slug that is no URL key', placeRow('Bad Slug'), 'slug'],
  ])('fails on %s, naming the event and the field', async (_what, row, field) => {
    serve([placeRow('fine-one'), row, placeRow('bad-too', { title: 'x' })]);
    const message = await failure(load());
    expect(message).toContain(`invalid published event from ${base}: "${row.slug}" (`);
    expect(message).toContain(`${field}:`);
    expect(message).toMatch(/and 1 more invalid event\(s\)$/);
  });
});

describe('eventsLoader', () => {
  it('replaces the whole collection with the published events, id = slug', async () => {
    const stored = new Map<string, unknown>([['unpublished-since', {}]]);
    const store = {
      clear: () => stored.clear(),
      set: ({ id, data }: { id: string; data: unknown }) => { stored.set(id, data); return true; },
    };
    serve([placeRow('kept-1'), onlineRow('kept-2')]);
    const loader = eventsLoader({ url: base, anonKey: 'k' });
    expect(loader.name).toBe('xinghuo-events');
    const context = { store, generateDigest: (d: unknown) => JSON.stringify(d), logger: { info: () => {} } };
    await loader.load(context as unknown as Parameters<typeof loader.load>[0]);
    expect([...stored.keys()]).toEqual(['kept-1', 'kept-2']);
    expect((stored.get('kept-2') as { channel: string }).channel).toBe('live_stream');
  });
});
