// Arranging the programme through the coordinator RPCs, as the workspace does: venues, events,
// and the checks every programme suite repeats (a refusal's code and problems, nothing stored).
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { rpc, sql, type RpcResult } from './harness';

const hour = 3_600_000;

// The suites' own volunteer roles (no test depends on the roles a database happens to hold),
// created by ensureRoles() in each suite's beforeAll; sort order speaker, helper, greeter.
const tag = randomUUID().replace(/-/g, '').slice(0, 8);
export const speaker = `speaker_${tag}`;
export const helper = `helper_${tag}`;
export const greeter = `greeter_${tag}`;
export const roleLabels: Record<string, string> = { [speaker]: `讲师${tag}`, [helper]: `引导员${tag}`, [greeter]: `接待员${tag}` };

export async function ensureRoles(): Promise<void> {
  const ids = [speaker, helper, greeter];
  await sql(
    `insert into xinghuo.volunteer_roles (id, label, sort_order)
     select r.id, r.label, r.n from unnest($1::text[], $2::text[]) with ordinality r(id, label, n) on conflict do nothing`,
    [ids, ids.map((id) => roleLabels[id])]);
}

/** An ISO timestamp `hours` from now, on the minute. */
export function hoursFromNow(hours: number): string {
  return new Date(Math.floor((Date.now() + hours * hour) / 60_000) * 60_000).toISOString();
}

export function venueInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: `测试社区党群服务中心${randomUUID().slice(0, 6)}`, address: '青岛市市南区测试路1号', district: 'shinan', lat: 36.066, lng: 120.383, ...over };
}

export async function createVenue(token: string, over: Record<string, unknown> = {}): Promise<number> {
  const res = await rpc('coord_save_venue', { p_venue: venueInput(over) }, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

/** A valid p_event for coord_save_event (an offline event at venueId, two days ahead). */
export function eventInput(venueId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '社区防骗讲座',
    summary: '民警和银行工作人员讲解常见骗局，现场答疑。',
    description: '第一段说明。\n\n第二段说明。',
    kind: 'community',
    venue_id: venueId,
    starts_at: hoursFromNow(48),
    ends_at: hoursFromNow(50),
    audiences: ['elderly'],
    topics: ['pension-scam', 'fake-officials'],
    partners: ['某某街道办事处'],
    internal_notes: '带横幅',
    roles: { [speaker]: 4, [helper]: 1 },
    ...over,
  };
}

export interface Saved {
  id: number;
  slug: string;
  revision: number;
}

export async function saveEvent(token: string, event: Record<string, unknown>): Promise<Saved> {
  const res = await rpc('coord_save_event', { p_event: event }, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Saves and publishes; returns the published event's id, slug and revision. */
export async function publishedEvent(token: string, event: Record<string, unknown>): Promise<Saved> {
  const saved = await saveEvent(token, event);
  const res = await rpc('coord_publish_event', { p_event_id: saved.id, p_revision: saved.revision }, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...saved, revision: res.body.revision };
}

export interface Problem {
  field: string;
  code: string;
  row?: number;
  role?: string;
}

/** A field refusal: HTTP 400, SQLSTATE P0001, the message, and the problems as a JSON array. */
export function problemsOf(res: RpcResult, message: string): Problem[] {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body).toMatchObject({ code: 'P0001', message });
  return JSON.parse(res.body.details);
}

/** A single refusal raised as its code. */
export function expectRefused(res: RpcResult, code: string, status = 400): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.message).toBe(code);
}

export interface ProgrammeCounts {
  events: number;
  slots: number;
  history: number;
  venues: number;
  series: number;
  revisions: number;
}

/** Row counts of every programme table: equal before and after a refused call means nothing stored. */
export async function programmeCounts(): Promise<ProgrammeCounts> {
  const [row] = await sql<ProgrammeCounts>(
    `select (select count(*) from xinghuo.events)::int as events, (select count(*) from xinghuo.event_slots)::int as slots,
            (select count(*) from xinghuo.event_history)::int as history, (select count(*) from xinghuo.venues)::int as venues,
            (select count(*) from xinghuo.event_series)::int as series,
            (select coalesce(sum(revision), 0) from xinghuo.events)::int as revisions`,
  );
  return row!;
}
