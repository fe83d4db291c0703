// The role catalogue at 375 px, keyboard only: add (a duplicate name refused beside the field),
// rename, retire (then absent from a new event's places), restore. axe in both text sizes.
import { expect, test } from '@playwright/test';
import { signInUi } from './coordinator-helpers';
import { expectAxeBothSizes, press, typeInto } from './programme-helpers';

test.use({ viewport: { width: 375, height: 800 } });
// Long journeys with an axe run in two text sizes at every state: slower than the default minute on 2 shared cores.
test.describe.configure({ timeout: 240_000 });

test('add, refuse a duplicate, rename, retire and restore a role', async ({ page }) => {
  const label = `反诈宣讲员${Date.now() % 100000}`;
  const renamed = `${label}（社区）`;
  await signInUi(page);
  await press(page.getByRole('link', { name: '岗位目录' }));
  await typeInto(page.getByLabel(/新岗位名称/), label);
  await press(page.getByRole('button', { name: '添加岗位' }));
  await expect(page.getByRole('status').filter({ hasText: `已添加岗位：${label}` })).toBeVisible();

  await typeInto(page.getByLabel(/新岗位名称/), label);
  await press(page.getByRole('button', { name: '添加岗位' }));
  await expect(page.getByLabel(/新岗位名称/)).toBeFocused();
  await expect(page.locator('#role-new-error')).toContainText('已经有叫这个名称的岗位');
  await expectAxeBothSizes(page);

  const item = page.getByRole('listitem').filter({ has: page.getByLabel(label, { exact: true }) });
  await typeInto(item.getByRole('textbox'), renamed);
  await press(item.getByRole('button', { name: `改名：${label}` }));
  await expect(page.getByRole('status').filter({ hasText: `已改名为：${renamed}` })).toBeVisible();
  const row = page.getByRole('listitem').filter({ has: page.getByLabel(renamed, { exact: true }) });
  await press(row.getByRole('button', { name: `停用岗位：${renamed}` }));
  await expect(page.getByLabel(`${renamed}（已停用）`)).toBeVisible();
  await expectAxeBothSizes(page);

  await page.goto('/coordinator/#/events/new');
  await expect(page.locator('#event-form')).toBeVisible();
  await expect(page.locator('#event-form').getByLabel(renamed)).toHaveCount(0);

  await page.goto('/coordinator/#/roles');
  await press(page.getByRole('button', { name: `恢复岗位：${renamed}` }));
  await expect(page.getByRole('status').filter({ hasText: `已恢复：${renamed}` })).toBeVisible();
  await page.goto('/coordinator/#/events/new');
  await expect(page.locator('#event-form').getByLabel(renamed)).toHaveCount(1);
});
