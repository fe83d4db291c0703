import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { e2eEmptyDistrict } from '../../scripts/e2e-env.mjs';
import { filterLinks, listedEvents } from './events-helpers';

// Map tiles are third-party images (absent offline); everything else on the page is ours to check.
const tiles = ['.leaflet-tile-pane'];

test('/events/ with the map drawn has no axe violations', async ({ page }) => {
  await page.goto('/events/');
  const map = page.locator('[data-events-map]');
  await map.scrollIntoViewIfNeeded();
  await expect(map).toHaveAttribute('data-ready', 'true');
  await expectNoAxeViolations(page, tiles);
});

test('district filter pages (with and without events) and the past page have no axe violations', async ({ page }) => {
  await page.goto('/events/');
  const districts = await filterLinks(page, '按区域看即将举行的活动');
  const withEvents = districts.find((d) => d.count > 0)!;
  await page.goto(withEvents.href);
  await expect(page.locator('[data-event-card]:not([data-event-state="cancelled"])')).toHaveCount(withEvents.count);
  await expectNoAxeViolations(page);
  // The e2e build leaves one district without events (scripts/e2e-env.mjs), so this state always runs.
  const empty = districts.find((d) => d.href === `/events/district/${e2eEmptyDistrict}/`);
  expect(empty?.count, `${e2eEmptyDistrict} is listed with no upcoming events`).toBe(0);
  await page.goto(empty!.href);
  await expect(page.locator('[data-event-card]')).toHaveCount(0);
  await expect(page.locator('#event-list')).toContainText('暂时没有即将举行的活动');
  await expectNoAxeViolations(page);
  await page.goto('/events/past/');
  await expectNoAxeViolations(page);
});

test('a past or cancelled event page shows its banner and has no axe violations', async ({ page }) => {
  await page.goto('/events/past/');
  const past = (await listedEvents(page))[0];
  // The e2e build always has one (scripts/e2e-events.mjs), whatever the demo content's dates.
  expect(past, 'an ended event is listed on /events/past/').toBeTruthy();
  await page.goto(past!.href);
  await expect(page.locator('[data-event-banner]')).toBeVisible();
  await expect(page.locator('[data-availability]')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a cancelled upcoming event: banner, no sign-up, calendar says CANCELLED, no axe violations', async ({ page }) => {
  await page.goto('/events/');
  const cancelled = (await listedEvents(page)).find((e) => e.cancelled);
  expect(cancelled, 'a cancelled upcoming event is listed (scripts/e2e-events.mjs adds one)').toBeTruthy();
  await page.goto(cancelled!.href);
  await expect(page.locator('[data-event-banner="cancelled"]')).toContainText('本场活动已取消');
  await expect(page.locator('[data-availability]')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /志愿者/ })).toHaveCount(0);
  const ics = await (await page.request.get(`/events/${cancelled!.slug}.ics`)).text();
  expect(ics).toContain('STATUS:CANCELLED');
  await expectNoAxeViolations(page);
});
