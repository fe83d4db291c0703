// Shared steps of the coordinator journeys: API calls through the e2e stack's gateway (to arrange a
// volunteer sign-up and to play a second coordinator) and signing in through the real UI.
import { randomInt } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { e2ePorts } from '../../scripts/e2e-env.mjs';
import { signUpViaApi } from './signup-helpers';

export const apiUrl = process.env.XINGHUO_E2E_API_URL ?? `http://127.0.0.1:${e2ePorts.api}`;
export const anonKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
export const demoCoordinator = { email: 'coordinator@xinghuo.local', password: 'xinghuo-demo-2026' };
export const demoVolunteer = { email: 'volunteer@xinghuo.local', password: 'xinghuo-demo-2026' };

export async function apiToken(request: APIRequestContext, who = demoCoordinator): Promise<string> {
  const res = await request.post(`${apiUrl}/auth/v1/token?grant_type=password`, {
    headers: { apikey: anonKey },
    data: who,
  });
  expect(res.status()).toBe(200);
  return (await res.json()).access_token as string;
}

export async function rpc<T = any>(request: APIRequestContext, fn: string, args: object, token = anonKey, headers: Record<string, string> = {}) {
  const res = await request.post(`${apiUrl}/rest/v1/rpc/${fn}`, {
    headers: { apikey: anonKey, Authorization: `Bearer ${token}`, ...headers },
    data: args,
  });
  return { status: res.status(), body: (await res.json().catch(() => null)) as T };
}

export interface PickedEvent {
  id: number;
  slug: string;
  title: string;
}

const at = (hours: number) => new Date(Math.floor((Date.now() + hours * 3_600_000) / 60_000) * 60_000).toISOString();

/**
 * A published community event made through the coordinator RPCs, starting `startsInHours` from now
 * (check-in opens 2 hours before the start, so a journey that checks people in starts within that).
 */
export async function publishedEvent(
  request: APIRequestContext, token: string, title: string, startsInHours: number, roles: Record<string, number>,
): Promise<PickedEvent> {
  const venue = await rpc(request, 'coord_save_venue', {
    p_venue: { name: `测试社区活动室${randomInt(0, 1_000_000)}`, address: '青岛市市南区测试路1号', district: 'shinan', lat: 36.066, lng: 120.383 },
  }, token);
  expect(venue.status, JSON.stringify(venue.body)).toBe(200);
  const saved = await rpc(request, 'coord_save_event', {
    p_event: {
      title, summary: '端到端测试用的社区宣讲，日期相对于测试运行时间。', kind: 'community', venue_id: venue.body.id,
      starts_at: at(startsInHours), ends_at: at(startsInHours + 2), audiences: ['elderly', 'students'],
      topics: ['fake-officials'], roles,
    },
  }, token);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const published = await rpc(request, 'coord_publish_event', { p_event_id: saved.body.id, p_revision: saved.body.revision }, token);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return { id: saved.body.id, slug: saved.body.slug, title };
}

const nameChars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
/** Signs a volunteer up through the public sign-up RPC, as the event page would. */
export async function signUpVolunteer(request: APIRequestContext, slug: string) {
  const phone = `13${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  const name = `测试${nameChars[randomInt(0, nameChars.length)]}${nameChars[randomInt(0, nameChars.length)]}${nameChars[randomInt(0, nameChars.length)]}`;
  const res = await signUpViaApi(request, slug, 'volunteer', phone, name);
  expect(res.status).toBe('confirmed');
  return { name, phone, code: res.checkin_code, cancelToken: res.cancel_token };
}

export async function signInUi(page: Page, who = demoCoordinator): Promise<void> {
  await page.goto('/coordinator/');
  await page.getByLabel('邮箱').fill(who.email);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
}

export function digits(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

/** The dashboard's totals for all time (every branch), as shown on screen. */
export interface DashboardTotals {
  events_held: number;
  people_reached: number;
  materials: number;
  volunteer_participations: number;
}

export async function readDashboard(page: Page): Promise<DashboardTotals> {
  await page.goto('/coordinator/#/dashboard');
  await page.getByLabel('统计期间').selectOption('all');
  await expect(page.getByRole('heading', { name: '截至目前（全部支行）合计' })).toBeVisible();
  const read = async (key: keyof DashboardTotals) => digits(await page.locator(`[data-total="${key}"]`).textContent());
  return {
    events_held: await read('events_held'),
    people_reached: await read('people_reached'),
    materials: await read('materials'),
    volunteer_participations: await read('volunteer_participations'),
  };
}

export interface HomeCounters {
  events_held: number;
  materials_handed_out: number;
  people_reached: number;
}

export async function readHomeCounters(page: Page): Promise<HomeCounters> {
  await page.goto('/');
  // client:visible: the island hydrates (and fetches) once its section is on screen.
  await page.getByRole('heading', { name: '我们的足迹' }).scrollIntoViewIfNeeded();
  // Filled in once the backend answers; a counter at zero is filled but hidden (never shown as 0).
  await expect(page.locator('[data-impact="people_reached"]')).toHaveText(/\d/);
  const read = async (key: keyof HomeCounters) => digits(await page.locator(`[data-impact="${key}"]`).textContent());
  return {
    events_held: await read('events_held'),
    materials_handed_out: await read('materials_handed_out'),
    people_reached: await read('people_reached'),
  };
}
