import { expect, test } from '@playwright/test';
import { coordinatorApi, liveBoxSlug } from '../../scripts/e2e-programme.mjs';
import { expectNoAxeViolations } from './axe';
import { apiUrl } from './signup-helpers';

// The built page is older than the programme: once the coordinator moves or cancels the event, its
// page says so (the live box) before any rebuild.
test('the live box shows a new time, then the cancellation with its reason, on the built page', async ({ page }) => {
  const { call } = await coordinatorApi(apiUrl);
  const id = (await call('coord_events')).find((e: { slug: string }) => e.slug === liveBoxSlug).id;
  const box = page.locator('[data-live-status]');

  await page.goto(`/events/${liveBoxSlug}/`);
  await expect(page.locator('[data-signup-form] button[type="submit"]')).toBeEnabled();
  await expect(box, 'nothing changed yet: no box').toBeHidden();

  const stored = await call('coord_get_event', { p_event_id: id });
  const start = new Date(stored.starts_at).getTime() + 24 * 3_600_000;
  const moved = { ...stored, starts_at: new Date(start).toISOString(), ends_at: new Date(start + 7_200_000).toISOString() };
  for (const k of ['slug', 'publication', 'status', 'venue_name', 'venue_address', 'district', 'lat', 'lng', 'series_id', 'cancel_reason']) delete moved[k];
  const { revision } = await call('coord_save_event', { p_event: moved });
  await page.reload();
  await expect(box).toBeVisible();
  await expect(box).toContainText('时间已改为');
  const shownTime = await page.locator('[data-event-time]').innerText();
  await expect(box).not.toContainText(shownTime);
  await expectNoAxeViolations(page);

  await call('coord_cancel_event', { p_event_id: id, p_revision: revision, p_reason: '讲师临时有事' });
  await page.reload();
  await expect(box).toContainText('本场活动已取消（讲师临时有事），请不要前往。');
  await expect(box).not.toContainText('时间已改为');
  await expectNoAxeViolations(page);
});
