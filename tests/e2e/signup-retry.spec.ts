// A sign-up whose answer is lost after the database committed it: the volunteer sees "cannot
// reach", reloads the page, types the same again and gets the same sign-up and a working link —
// not "this number is already signed up" with no way to reach the place they hold.
import { expect, test } from '@playwright/test';
import { availability, enterCode, fillForm, openForm, rpc, signupEventSlugs, smsTo, uniquePhone } from './signup-helpers';

test('an answer lost after commit: the retry after a reload returns the same sign-up and link', async ({ page, request }) => {
  const slug = (await signupEventSlugs(page))[0]!;
  const role = (await availability(request, slug)).find((a) => a.slots > 0)!.id;
  const values = { role, name: '重试志愿者', phone: uniquePhone(), organisation: '', consent: true };

  await openForm(page, slug);
  // The request reaches the API and the sign-up is made; the answer never reaches the page.
  await page.route('**/rest/v1/rpc/sign_up', async (route) => {
    await route.fetch();
    await route.abort('connectionreset');
  }, { times: 1 });
  await fillForm(page, values);
  await page.getByRole('button', { name: '提交报名' }).click();
  await expect(page.locator('[data-signup-summary]')).toContainText('暂时连不上报名系统');
  // It was made: the number got its code.
  await smsTo(request, values.phone, /验证码\d{6}/);

  await page.reload();
  await openForm(page, slug);
  await fillForm(page, values);
  await page.getByRole('button', { name: '提交报名' }).click();
  // The retry comes back to the same hold: the code sent the first time works (no second one is sent).
  await enterCode(page, values.phone);
  await expect(page.getByRole('heading', { name: /报名成功|已加入候补名单/ })).toBeFocused();
  const href = (await page.getByTestId('manage-link').getAttribute('href'))!;
  const token = decodeURIComponent(href.split('#t=')[1]!);
  // The link of the sign-up made by the lost attempt (the number can hold only one place here).
  expect((await rpc(request, 'signup_status', { p_token: token })).body).toMatchObject({
    event_slug: slug, role, phone_masked: `${values.phone.slice(0, 3)}****${values.phone.slice(-4)}`,
  });
});
