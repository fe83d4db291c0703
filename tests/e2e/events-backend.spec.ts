import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { firstOpenEvent } from './events-helpers';

// Live places come from the e2e stack (real gateway + PostgreSQL, events synced from content).
test('an open event shows live places beside each role of the form, roles listed once', async ({ page }) => {
  const event = await firstOpenEvent(page);
  await page.goto(event.href);
  // The status box has nothing to say once places are known; the places are in the form.
  const box = page.locator('[data-availability]');
  await expect(box).toHaveAttribute('data-availability', 'ready');
  await expect(box).toBeHidden();
  const roles = page.locator('[data-signup-form] input[name="role"]');
  expect(await roles.count()).toBeGreaterThan(0);
  for (const input of await roles.all()) {
    const total = await input.getAttribute('data-slots');
    const places = page.locator(`#${await input.getAttribute('id')}-places`);
    await expect(places).toHaveText(new RegExp(`^(还剩 \\d+ 个名额（共 ${total} 个）|已满，可排队候补)`));
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
  await expect(page.locator('main dl')).toContainText('地点');
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
