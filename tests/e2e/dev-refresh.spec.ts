import { expect, test } from '@playwright/test';
import { e2ePorts } from '../../scripts/e2e-env.mjs';
import { coordinatorApi } from '../../scripts/e2e-programme.mjs';
import { apiUrl } from './signup-helpers';

// `npm start`'s astro dev shows a workspace change on the next page load: publish, edit and unpublish
// through the coordinator RPCs, then load the page on the dev server (webServer on e2ePorts.dev).
const devUrl = `http://127.0.0.1:${e2ePorts.dev}`;
// The dev server re-reads the programme at most once per 2 s (src/lib/events-dev-refresh.ts).
const refreshInterval = 2_100;
// An open dev page reloads itself when the programme changes (Vite's full reload), which would abort
// the test's own navigation: leave the page before each change.
const leave = (page: import('@playwright/test').Page) => page.goto('about:blank');

test('astro dev: a published, edited, then unpublished event shows on the next page load', async ({ page }) => {
  const { call } = await coordinatorApi(apiUrl);
  const slug = `dev-refresh-${Date.now()}`;
  const venue = await call('coord_save_venue', { p_venue: { name: `开发预览测试点${Date.now() % 100000}`, address: '青岛市市南区测试路 9 号', district: 'shinan', lat: 36.07, lng: 120.38 } });
  // A role of the catalogue, as the e2e programme gave it places (no role ids are written in tests).
  const [role] = (await call('published_events', {}, { anon: true })).find((e: { slug: string }) => e.slug === 'e2e-open-soon').roles;
  const start = Math.floor(Date.now() / 3_600_000 + 60) * 3_600_000;
  const draft = {
    slug, title: '开发预览：刚发布的活动', summary: '这场活动由测试通过协调员接口创建，用来检查开发服务器。', description: '说明。',
    kind: 'community', venue_id: venue.id, starts_at: new Date(start).toISOString(), ends_at: new Date(start + 7_200_000).toISOString(),
    audiences: ['everyone'], topics: ['fake-refund'], partners: [], roles: { [role.id]: 2 },
  };
  const saved = await call('coord_save_event', { p_event: draft });
  expect((await page.request.get(`${devUrl}/events/${slug}/`)).status(), 'a draft has no page').toBe(404);

  let { revision } = await call('coord_publish_event', { p_event_id: saved.id, p_revision: saved.revision });
  await page.waitForTimeout(refreshInterval);
  await page.goto(`${devUrl}/events/${slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('开发预览：刚发布的活动');
  await leave(page);

  ({ revision } = await call('coord_save_event', { p_event: { ...draft, id: saved.id, revision, title: '开发预览：改过标题的活动' } }));
  await page.waitForTimeout(refreshInterval);
  await page.goto(`${devUrl}/events/${slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('开发预览：改过标题的活动');
  await leave(page);

  await call('coord_unpublish_event', { p_event_id: saved.id, p_revision: revision });
  await page.waitForTimeout(refreshInterval);
  await page.goto(`${devUrl}/events/`);
  await expect(page.locator(`[data-event-card="${slug}"]`)).toHaveCount(0);
  expect((await page.request.get(`${devUrl}/events/${slug}/`)).status()).toBe(404);
});
