// The venue book at 375 px, keyboard only: bad input gets its message beside the field and saves
// nothing; a position pasted from a Chinese map app (GCJ-02) is stored as WGS-84; typed lat/lng work
// without map tiles (this closed network serves none).
import { expect, test } from '@playwright/test';
import { signInUi } from './coordinator-helpers';
import { expectAxeBothSizes, press, typeInto } from './programme-helpers';

test.use({ viewport: { width: 375, height: 800 } });
// Long journeys with an axe run in two text sizes at every state: slower than the default minute on 2 shared cores.
test.describe.configure({ timeout: 240_000 });

test('add a venue: errors beside fields, pasted GCJ-02 position converted, saved to the book', async ({ page }) => {
  await signInUi(page);
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
  await press(page.getByRole('link', { name: '场地簿' }));
  await expect(page.getByRole('heading', { name: '场地簿' })).toBeFocused();
  await press(page.getByRole('button', { name: '添加场地' }));
  const form = page.locator('#venue-form');
  await expect(page.getByRole('heading', { name: '添加场地' })).toBeFocused();

  // Nothing filled, a position outside the city typed: every problem named, focus on the first.
  await typeInto(form.getByLabel('纬度'), '39.9');
  await typeInto(form.getByLabel('经度'), '116.4');
  await press(form.getByRole('button', { name: '保存场地' }));
  await expect(form.getByLabel(/场地名称/)).toBeFocused();
  await expect(form.locator('#venue-name-error')).not.toBeEmpty();
  await expect(form.locator('#venue-address-error')).not.toBeEmpty();
  await expect(form.locator('#venue-district-error')).not.toBeEmpty();
  await expect(form.locator('#venue-lat-error')).not.toBeEmpty();
  await expectAxeBothSizes(page, ['.leaflet-container']);

  const name = `测试场地${Date.now() % 100000}`;
  await typeInto(form.getByLabel(/场地名称/), name);
  await typeInto(form.getByLabel('地址'), '青岛市市南区测试路 1 号');
  await form.getByLabel('所在区（市）').focus();
  await form.getByLabel('所在区（市）').selectOption('shinan');
  // Not two numbers → its own message; then a 高德-style "lng,lat" in GCJ-02.
  await typeInto(form.getByLabel(/粘贴从高德/), '市南区');
  await press(form.getByRole('button', { name: '换算并填入' }));
  await expect(form.locator('#venue-paste-error')).toContainText('没有读出坐标');
  await typeInto(form.getByLabel(/粘贴从高德/), '120.388,36.0647');
  await press(form.getByRole('button', { name: '换算并填入' }));
  await expect(form.getByRole('status')).toContainText('已换算');
  const lat = Number(await form.getByLabel('纬度').inputValue());
  const lng = Number(await form.getByLabel('经度').inputValue());
  // GCJ-02 is offset north-east of WGS-84 in Qingdao by a few hundred metres.
  expect(lat).toBeLessThan(36.0647);
  expect(lng).toBeLessThan(120.388);
  expect(120.388 - lng).toBeGreaterThan(0.002);
  expect(120.388 - lng).toBeLessThan(0.01);
  await press(form.getByRole('button', { name: '保存场地' }));
  await expect(page.getByRole('status').filter({ hasText: `已保存` })).toBeVisible();
  const item = page.getByRole('listitem').filter({ hasText: name });
  await expect(item).toContainText('市南区');
  await expect(item).toContainText(`纬度 ${lat}`);
  await expectAxeBothSizes(page);

  // Typed coordinates alone are enough when the map shows no tiles.
  await press(item.getByRole('button', { name: `修改场地：${name}` }));
  await typeInto(form.getByLabel('纬度'), '36.07');
  await typeInto(form.getByLabel('经度'), '120.39');
  await press(form.getByRole('button', { name: '保存场地' }));
  await expect(item).toContainText('纬度 36.07，经度 120.39');
});
