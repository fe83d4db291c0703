import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

// Online events (线上: 直播, 视频号, 公众号文章): listed and findable, with where to watch instead of an address.

test('an online event: channel and link instead of an address, no navigation, listed under 线上活动', async ({ page }) => {
  await page.goto('/events/e2e-online/');
  const essentials = page.locator('[data-event-essentials]');
  await expect(essentials.locator('[data-event-online]')).toContainText('线上：直播');
  await expect(essentials.getByRole('link', { name: '打开观看链接' })).toHaveAttribute('href', 'https://live.example.cn/e2e');
  await expect(essentials).not.toContainText('地点');
  await expect(page.locator('main a[href^="geo:"], main a[href*="amap.com"]')).toHaveCount(0);
  await expect(page.locator('[data-add-to-calendar]')).toBeVisible();
  await expect(page.locator('[data-event-description] p')).toHaveCount(2);
  await expectNoAxeViolations(page);

  await page.goto('/events/online/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('线上活动');
  const cards = page.locator('[data-event-card]');
  await expect(cards.filter({ has: page.locator('[data-event-place="venue"]') })).toHaveCount(0);
  await expect(page.locator('[data-event-card="e2e-online"]')).toBeVisible();
  await page.locator('details[data-filters] summary').click();
  await expect(page.getByRole('link', { name: /^线上活动（\d+）$/ })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);

  const ics = await (await page.request.get('/events/e2e-online.ics')).text();
  expect(ics).toContain('LOCATION:线上：直播');
  expect(ics).not.toContain('GEO:');
});
