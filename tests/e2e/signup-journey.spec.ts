// A volunteer's whole journey in the browser: sign up → confirmation → private link → cancel →
// withdraw, with axe on every state, and the manage page's privacy promises checked.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { apiUrl, availability, enterCode, fillForm, openForm, rpc, signupEventSlugs, smsTo, uniquePhone } from './signup-helpers';

test('sign up, confirmation, cancel by link, withdraw', async ({ page, request }) => {
  const slug = (await signupEventSlugs(page))[0]!;
  const free = (await availability(request, slug)).filter((a) => a.slots - a.confirmed > 0);
  expect(free.length).toBeGreaterThan(0);
  const role = free.sort((a, b) => (b.slots - b.confirmed) - (a.slots - a.confirmed))[0]!.id;

  await openForm(page, slug);
  await expectNoAxeViolations(page);
  const phone = uniquePhone();
  await fillForm(page, { role, name: '测试 志愿者', phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)}-${phone.slice(7)}`, organisation: '星火社区', consent: true });
  await page.getByRole('button', { name: '提交报名' }).click();
  await expectNoAxeViolations(page);
  await enterCode(page, phone);

  const heading = page.getByRole('heading', { name: '报名成功' });
  await expect(heading).toBeFocused();
  await expect(page.getByTestId('checkin-code')).toHaveText(/^\d{6}$/);
  await expect(page.getByRole('link', { name: /加入手机日历/ })).toHaveAttribute('href', `/events/${slug}.ics`);
  const manage = page.getByTestId('manage-link');
  const href = (await manage.getAttribute('href'))!;
  expect(href).toMatch(/\/signup\/manage\/#t=[A-Za-z0-9_-]{43}$/);
  expect(href).not.toContain('?');
  await expect(page.getByTestId('manage-qr').locator('svg')).toHaveAttribute('aria-label', '专属链接的二维码');
  await expectNoAxeViolations(page);
  // The same link by SMS, with the answer.
  expect(await smsTo(request, phone, /您已报名/)).toContain(href);
  const token = decodeURIComponent(href.split('#t=')[1]!);
  expect((await rpc(request, 'signup_status', { p_token: token })).body).toMatchObject({ status: 'confirmed', phone_masked: `${phone.slice(0, 3)}****${phone.slice(-4)}` });

  // The manage page: no third-party requests, no referrer, token never in a request URL.
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(href);
  await expect(page.getByTestId('manage-status')).toHaveText(/已报名/);
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
  const siteOrigin = new URL(page.url()).origin;
  for (const url of requested) {
    expect([siteOrigin, new URL(apiUrl).origin]).toContain(new URL(url).origin);
    expect(url).not.toContain(token);
  }
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: '取消报名' }).click();
  await expect(page.getByRole('heading', { name: '确定要取消报名吗？' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '确定取消报名' }).click();
  await expect(page.getByTestId('manage-message')).toContainText('已取消报名');
  await expect(page.getByTestId('manage-status')).toHaveText(/已取消/);
  await expect(page.getByRole('button', { name: '取消报名' })).toHaveCount(0);
  expect((await rpc(request, 'signup_status', { p_token: token })).body.status).toBe('cancelled');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: '删除我的个人信息' }).click();
  await expect(page.getByRole('heading', { name: '确定要删除您的个人信息吗？' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '确定删除' }).click();
  await expect(page.getByTestId('manage-message')).toContainText('已删除您的姓名、手机号码和单位');
  await expect(page.getByText('个人信息已删除')).toBeVisible();
  await expectNoAxeViolations(page);
  expect((await rpc(request, 'signup_status', { p_token: token })).body).toMatchObject({ withdrawn: true, phone_masked: null });
});

test('manage page without a token or with a broken one explains what to do', async ({ page }) => {
  await page.goto('/signup/manage/');
  await expect(page.getByText('这个页面需要报名成功时得到的专属链接')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/signup/manage/#t=broken');
  await expect(page.getByRole('alert')).toContainText('链接不完整');
  await expectNoAxeViolations(page);
  await page.goto(`/signup/manage/#t=${'A'.repeat(43)}`);
  await expect(page.getByRole('alert')).toContainText('没有找到这条报名记录');
});

test('the privacy notice has its own page', async ({ page }) => {
  await page.goto('/privacy/');
  await expect(page.getByRole('heading', { level: 1, name: '个人信息说明' })).toBeVisible();
  await expect(page.getByText(/活动结束后 90 天/)).toBeVisible();
  await expectNoAxeViolations(page);
});
