// "找回我的报名": a volunteer who lost the link types the number, reads the code in the message viewer,
// and gets a new working link to each active sign-up (the old one stops working); axe on each step.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { availability, rpc, signUpViaApi, signupEventSlugs, smsCode, uniquePhone } from './signup-helpers';

test('phone + SMS code list the sign-ups with new links', async ({ page, request }) => {
  const slug = (await signupEventSlugs(page))[1]!;
  const role = (await availability(request, slug)).find((a) => a.slots > 0)!.id;
  const phone = uniquePhone();
  const lost = await signUpViaApi(request, slug, role, phone);

  await page.goto('/signup/recover/');
  await expectNoAxeViolations(page);
  await page.getByRole('textbox', { name: '手机号码' }).fill('12345');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.locator('#recover-phone-error')).toContainText('11 位手机号码');
  const signupCode = await smsCode(request, phone);
  await page.getByRole('textbox', { name: '手机号码' }).fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('heading', { name: '第二步：短信验证码' })).toBeFocused();
  await expectNoAxeViolations(page);
  // The newest code to the number is the recovery's (the sign-up's own code came before it).
  let code = signupCode;
  await expect.poll(async () => (code = await smsCode(request, phone)), { timeout: 20_000 }).not.toBe(signupCode);
  await page.getByRole('textbox', { name: '6 位验证码' }).fill(code);
  await page.getByRole('button', { name: '查看我的报名' }).click();
  await expect(page.getByRole('heading', { name: '您的报名' })).toBeFocused();
  await expectNoAxeViolations(page);
  const href = (await page.getByRole('link', { name: '打开专属链接' }).getAttribute('href'))!;
  const token = decodeURIComponent(href.split('#t=')[1]!);
  expect((await rpc(request, 'signup_status', { p_token: token })).body).toMatchObject({ event_slug: slug, role });
  expect((await rpc(request, 'signup_status', { p_token: lost.cancel_token })).body.message).toBe('token_not_found');
});
