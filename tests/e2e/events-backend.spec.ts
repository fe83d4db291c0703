import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { firstOpenEvent } from './events-helpers';

// Live places come from the e2e stack (real gateway + PostgreSQL, events synced from content).
test('an open event shows live places per role from the backend', async ({ page }) => {
  const event = await firstOpenEvent(page);
  await page.goto(event.href);
  const box = page.locator('[data-availability]');
  await expect(box).toHaveAttribute('data-availability', 'ready');
  // Each role listed statically ("银行工作人员：3 人") has a live line with the same total.
  const staticRoles = await page.locator('section[aria-labelledby="volunteer-heading"] > ul li').allInnerTexts();
  expect(staticRoles.length).toBeGreaterThan(0);
  const live = box.locator('li[data-role]');
  await expect(live).toHaveCount(staticRoles.length);
  for (const line of staticRoles) {
    const [, label, total] = /^(.+)：(\d+) 人$/.exec(line.trim())!;
    await expect(box.locator('li', { hasText: label! })).toContainText(new RegExp(`共 ${total} 个，(还剩 \\d+ 个|已报满)`));
  }
  await expectNoAxeViolations(page);
});

test('backend unreachable: plain message, every static detail still there', async ({ page }) => {
  await page.route('**/rest/v1/**', (route) => route.abort());
  const event = await firstOpenEvent(page);
  await page.goto(event.href);
  const box = page.locator('[data-availability]');
  await expect(box).toHaveAttribute('data-availability', 'unavailable', { timeout: 8000 });
  await expect(box).toContainText('现在暂时无法在网上查看名额和报名');
  await expect(box.getByRole('link', { name: /\d/ })).toHaveAttribute('href', /^tel:/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(event.title);
  await expect(page.locator('main dl')).toContainText('时间');
  await expect(page.locator('main dl')).toContainText('地址');
  await expect(page.getByRole('link', { name: '加入日历' })).toBeVisible();
  await expect(page.locator('[data-map-app="amap"]')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('backend that never answers: the island gives up within seconds instead of spinning', async ({ page }) => {
  await page.route('**/rest/v1/**', () => {
    /* never fulfilled: a hung server */
  });
  const event = await firstOpenEvent(page);
  await page.goto(event.href);
  const box = page.locator('[data-availability]');
  await expect(box).toHaveAttribute('data-availability', 'loading');
  await expect(box).toHaveAttribute('data-availability', 'unavailable', { timeout: 9000 });
});
