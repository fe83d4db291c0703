// Signing in and out of /coordinator/, and who gets in.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoVolunteer, signInUi } from './coordinator-helpers';

test('the sign-in form and its error state pass axe; a wrong password gets a Chinese error', async ({ page }) => {
  await page.goto('/coordinator/');
  await expect(page.getByRole('heading', { name: '协调员登录' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('请填写邮箱和密码。');
  await page.getByLabel('邮箱').fill('coordinator@xinghuo.local');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('邮箱或密码不正确，请重新输入。');
  await expect(page.getByLabel('邮箱')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
});

test('a signed-in volunteer who is not a coordinator sees no access and no data', async ({ page }) => {
  await signInUi(page, demoVolunteer);
  await expect(page.getByRole('heading', { name: '没有访问权限' })).toBeVisible();
  await expect(page.getByRole('link', { name: '数据看板' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '协调员登录' })).toBeVisible();
});

test('the coordinator stays signed in across reloads and can sign out', async ({ page }) => {
  await signInUi(page);
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
  await page.reload();
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
  await expect(page.getByRole('heading', { name: '活动与报名' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '协调员登录' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '协调员登录' })).toBeVisible();
});

// 退出登录 ends this device's session only: the same coordinator signed in on another device (the
// office desktop) keeps working. Supabase's default sign-out would end every session of the account.
test('signing out on one device leaves the same coordinator signed in on another', async ({ page, browser }) => {
  const office = await browser.newPage();
  try {
    await signInUi(office);
    await expect(office.getByText('已登录：示范协调员')).toBeVisible();
    await signInUi(page);
    await expect(page.getByText('已登录：示范协调员')).toBeVisible();
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page.getByRole('heading', { name: '协调员登录' })).toBeVisible();
    await office.reload();
    await expect(office.getByText('已登录：示范协调员')).toBeVisible();
    await expect(office.getByRole('heading', { name: '活动与报名' })).toBeVisible();
    await expect(office.getByText('登录已失效')).toHaveCount(0);
  } finally {
    await office.close();
  }
});

test('the printable report page asks to sign in first when signed out', async ({ page }) => {
  await page.goto('/coordinator/print/');
  await expect(page.getByRole('link', { name: '登录协调员工作台' })).toBeVisible();
});
