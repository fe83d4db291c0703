// The programme of the end-to-end run, made the way coordinators make it: signed in as the demo
// coordinator, through the coordinator RPCs, dated relative to the run (the demo seed's dates are
// relative to when the local database was created, and the journeys must not depend on them).
// Every spec finds what it needs here: three open upcoming events with places (plus an online one and
// one the live-box spec changes), a cancelled upcoming one and an ended one; and one district with no
// upcoming events at all.
import { anonKey, demoAccounts, demoPassword } from '../supabase/local/keys.mjs';
import { e2eEmptyDistrict } from './e2e-env.mjs';

const HOUR = 3_600_000;

const venues = {
  shinan: { name: '测试社区党群服务中心（市南）', address: '青岛市市南区测试路 1 号', lat: 36.0665, lng: 120.3822 },
  laoshan: { name: '测试社区活动室（崂山）', address: '青岛市崂山区测试路 2 号', lat: 36.1073, lng: 120.4686 },
  chengyang: { name: '测试老年大学（城阳）', address: '青岛市城阳区测试路 3 号', lat: 36.3074, lng: 120.3966 },
  licang: { name: '测试银行网点（李沧）', address: '青岛市李沧区测试路 4 号', lat: 36.1451, lng: 120.4323 },
  shibei: { name: '测试街道办事处（市北）', address: '青岛市市北区测试路 5 号', lat: 36.0871, lng: 120.3749 },
};

export const liveBoxSlug = 'e2e-live-box';

/** What each spec relies on, by slug (given at creation: slugs are assigned once and never change). */
export const e2eEvents = [
  { slug: 'e2e-open-soon', title: '测试活动：防范冒充公检法', district: 'shinan', startsInHours: 30,
    audiences: ['elderly', 'everyone'], topics: ['fake-officials', 'pension-scam'] },
  { slug: 'e2e-open-later', title: '测试活动：识破刷单返利', district: 'laoshan', startsInHours: 80,
    audiences: ['students'], topics: ['task-rebate'] },
  { slug: 'e2e-open-third', title: '测试活动：守好养老钱', district: 'chengyang', startsInHours: 55,
    audiences: ['elderly'], topics: ['pension-scam', 'illegal-fundraising'] },
  { slug: 'e2e-online', title: '测试活动：线上直播讲网贷陷阱', kind: 'online', channel: 'live_stream', startsInHours: 40,
    audiences: ['new-residents', 'everyone'], topics: ['online-loan'] },
  // Moved and then cancelled by tests/e2e/event-live-box.spec.ts after the build (so no other spec signs up for it).
  { slug: liveBoxSlug, title: '测试活动：之后会改时间的宣讲', district: 'shinan', startsInHours: 100,
    audiences: ['everyone'], topics: ['fake-investment'] },
  { slug: 'e2e-cancelled', title: '测试活动：已取消的宣讲', district: 'licang', startsInHours: 120,
    audiences: ['everyone'], topics: ['fake-refund'], cancelReason: '场地临时维修' },
  // Search for 养老 must find an ended event (marked 已结束), whatever the demo seed holds.
  { slug: 'e2e-ended', title: '测试活动：已结束的养老防骗宣讲', district: 'shibei', startsInHours: -170,
    audiences: ['everyone'], topics: ['pension-scam'] },
];

// Places per role by the catalogue's order (the roles themselves are read from the database).
const placesByPosition = [3, 2, 2, 1, 6];

/** A client of one stack's API: signed in as the demo coordinator; `call` raises on any error answer. */
export async function coordinatorApi(apiUrl) {
  const headers = { apikey: anonKey, 'content-type': 'application/json' };
  const signIn = await fetch(`${apiUrl}/auth/v1/token?grant_type=password`, {
    method: 'POST', headers, body: JSON.stringify({ email: demoAccounts.coordinator, password: demoPassword }),
  });
  if (!signIn.ok) throw new Error(`demo coordinator sign-in: HTTP ${signIn.status} ${await signIn.text()}`);
  const { access_token: token } = await signIn.json();
  async function call(fn, args = {}, { anon = false } = {}) {
    const res = await fetch(`${apiUrl}/rest/v1/rpc/${fn}`, {
      method: 'POST', headers: { ...headers, authorization: `Bearer ${anon ? anonKey : token}` }, body: JSON.stringify(args),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${fn}: HTTP ${res.status} ${JSON.stringify(body)}`);
    return body;
  }
  return { call };
}

/** Creates and publishes the e2e events; unpublishes every upcoming demo event of e2eEmptyDistrict. */
export async function createE2eProgramme(apiUrl, roleIds, now = Date.now()) {
  const { call } = await coordinatorApi(apiUrl);
  const roles = Object.fromEntries(roleIds.map((id, i) => [id, placesByPosition[i % placesByPosition.length]]));
  const venueIds = {};
  for (const [district, v] of Object.entries(venues)) venueIds[district] = (await call('coord_save_venue', { p_venue: { ...v, district } })).id;
  const created = [];
  for (const e of e2eEvents) {
    // Whole hours, so the times read naturally on the pages.
    const start = Math.floor((now + e.startsInHours * HOUR) / HOUR) * HOUR;
    const place = e.kind === 'online' ? { kind: 'online', channel: e.channel, online_url: 'https://live.example.cn/e2e' } : { kind: 'community', venue_id: venueIds[e.district] };
    const saved = await call('coord_save_event', {
      p_event: {
        slug: e.slug, title: e.title, ...place,
        summary: '端到端测试创建的活动，日期相对于测试开始的时间，测试不依赖示例数据的日期。',
        description: '测试用活动：现场宣讲与答疑。\n\n带上身份证和手机，现场可以帮您检查手机里的可疑软件。',
        starts_at: new Date(start).toISOString(), ends_at: new Date(start + 2 * HOUR).toISOString(),
        audiences: e.audiences, topics: e.topics, partners: ['测试派出所'], roles,
      },
    });
    let { revision } = await call('coord_publish_event', { p_event_id: saved.id, p_revision: saved.revision });
    if (e.cancelReason) ({ revision } = await call('coord_cancel_event', { p_event_id: saved.id, p_revision: revision, p_reason: e.cancelReason }));
    created.push({ ...e, id: saved.id, revision });
  }
  // The demo programme has upcoming events in every district; one district's empty state needs none.
  const published = await call('published_events', {}, { anon: true });
  const hidden = published.filter((e) => e.district === e2eEmptyDistrict && new Date(e.ends_at).getTime() > now).map((e) => e.slug);
  if (hidden.length > 0) {
    const ids = new Map((await call('coord_events')).map((e) => [e.slug, e.id]));
    for (const slug of hidden) {
      const { revision } = await call('coord_get_event', { p_event_id: ids.get(slug) });
      await call('coord_unpublish_event', { p_event_id: ids.get(slug), p_revision: revision });
    }
  }
  return { created, unpublished: hidden };
}
