// Every error appears in Chinese beside its field, linked for screen readers, with focus on the
// first problem and a polite summary; server-side refusals land beside the right field too.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { fieldError, fillForm, openForm, signUpViaApi, signupEventSlugs, smsTo, uniquePhone } from './signup-helpers';

test('client-side checks: each message beside its field, focus on the first, summary announced', async ({ page }) => {
  const slug = (await signupEventSlugs(page))[2]!;
  await openForm(page, slug);
  await page.getByRole('button', { name: '提交报名' }).click();

  const firstRadio = page.locator('[data-signup-form] input[type=radio]').first();
  await expect(firstRadio).toBeFocused();
  expect(await fieldError(page, '[data-signup-form] input[type=radio] >> nth=0')).toBe('请选择一个岗位。');
  expect(await fieldError(page, '#signup-name')).toBe('请填写姓名。');
  expect(await fieldError(page, '#signup-phone')).toBe('请填写手机号码。');
  expect(await fieldError(page, '#signup-consent')).toBe('请阅读个人信息说明，并勾选同意。');
  await expect(page.locator('#signup-organisation')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-signup-form] [aria-live="polite"]')).toContainText('有 4 处需要修改：岗位、姓名、手机号码、同意个人信息说明');
  await expectNoAxeViolations(page);

  // Keyboard: pick the first role with Space, then fix the others with wrong values.
  await firstRadio.focus();
  await page.keyboard.press('Space');
  await fillForm(page, { name: '<b>张三</b>', phone: '12345', organisation: 'a; drop table', consent: true });
  await page.getByRole('button', { name: '提交报名' }).click();
  await expect(page.locator('#signup-name')).toBeFocused();
  expect(await fieldError(page, '#signup-name')).toContain('姓名只能是文字');
  expect(await fieldError(page, '#signup-phone')).toContain('请填写 11 位手机号码');
  expect(await fieldError(page, '#signup-organisation')).toContain('单位名称里不能有');
  await expect(firstRadio).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await fillForm(page, { name: '张'.repeat(41), phone: '138123456789', organisation: '' });
  await page.getByRole('button', { name: '提交报名' }).click();
  expect(await fieldError(page, '#signup-name')).toBe('姓名太长了，最多 40 个字。');
  expect(await fieldError(page, '#signup-phone')).toContain('请填写 11 位手机号码');
});

test('a number that already holds a place gets the code step like any other; its owner is told by SMS', async ({ page, request }) => {
  const slug = (await signupEventSlugs(page))[2]!;
  const phone = uniquePhone();
  await openForm(page, slug);
  const firstRole = (await page.locator('[data-signup-form] input[type=radio]').first().getAttribute('value'))!;
  await signUpViaApi(request, slug, firstRole, phone);

  await fillForm(page, { role: firstRole, name: '重复报名', phone, consent: true });
  await page.getByRole('button', { name: '提交报名' }).click();
  // Nothing on screen tells whoever typed the number that it is signed up here.
  await expect(page.getByRole('heading', { name: '请输入短信验证码' })).toBeFocused();
  expect(await smsTo(request, phone, /此号码已报名/)).toContain('找回我的报名');
  await page.locator('#signup-code').fill('12345');
  await page.getByRole('button', { name: '确认验证码' }).click();
  await expect(page.locator('#signup-code')).toBeFocused();
  expect(await fieldError(page, '#signup-code')).toContain('6 位数字');
  await page.locator('#signup-code').fill('000000');
  await page.getByRole('button', { name: '确认验证码' }).click();
  await expect(page.locator('#signup-code-error')).toContainText('还可以再试 4 次');
  await expect(page.getByRole('heading', { name: '报名成功' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('the honeypot is invisible to people, assistive technology and the keyboard', async ({ page }) => {
  const slug = (await signupEventSlugs(page))[2]!;
  await openForm(page, slug);
  const trap = page.locator('#signup-website');
  await expect(trap).toHaveAttribute('tabindex', '-1');
  await expect(page.locator('.signup-trap')).toHaveAttribute('aria-hidden', 'true');
  expect(await trap.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThan(0);
  await expect(page.getByRole('textbox', { name: /网站/ })).toHaveCount(0);
});
