// The waitlist path: a role filled through the API first, then a volunteer joins its waitlist in the
// browser and is promoted when a confirmed volunteer cancels.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { availability, enterCode, fillForm, openForm, rpc, signUpViaApi, signupEventSlugs, smsTo, uniquePhone } from './signup-helpers';

test('a full role puts the volunteer on the waitlist, and a cancellation promotes them', async ({ page, request }) => {
  // A role nobody is waiting for and with a free place we fill ourselves, so we hold tokens to cancel.
  let slug = '';
  let target: Awaited<ReturnType<typeof availability>>[number] | undefined;
  for (const candidate of (await signupEventSlugs(page)).slice(1)) {
    target = (await availability(request, candidate)).find((a) => a.waitlisted === 0 && a.confirmed < a.slots);
    slug = candidate;
    if (target) break;
  }
  if (!target) throw new Error('no upcoming event has a role with a free place and an empty waitlist');
  const confirmedTokens: string[] = [];
  for (let i = target.confirmed; i < target.slots; i++) {
    const r = await signUpViaApi(request, slug, target.id);
    expect(r.status).toBe('confirmed');
    confirmedTokens.push(r.cancel_token);
  }
  const before = (await availability(request, slug)).find((a) => a.id === target.id)!;
  expect(before).toMatchObject({ confirmed: before.slots, waitlisted: 0 });

  await openForm(page, slug);
  await expect(page.locator(`#signup-role-${target.id}-places`)).toContainText('已满，可排队候补');
  const phone = uniquePhone();
  await fillForm(page, { role: target.id, name: '候补志愿者', phone, consent: true });
  await page.getByRole('button', { name: '提交报名' }).click();
  await enterCode(page, phone);
  await expect(page.getByRole('heading', { name: '已加入候补名单' })).toBeFocused();
  await expect(page.getByTestId('waitlist-position')).toHaveText('1');
  await expectNoAxeViolations(page);

  const href = (await page.getByTestId('manage-link').getAttribute('href'))!;
  await page.goto(href);
  await expect(page.getByTestId('manage-status')).toHaveText('候补中，候补第 1 位');
  await expectNoAxeViolations(page);

  // One confirmed volunteer cancels: the first on the waitlist (ours) is promoted.
  expect((await rpc(request, 'cancel_signup', { p_token: confirmedTokens[0] })).body).toEqual({ status: 'cancelled', already: false });
  await page.reload();
  await expect(page.getByTestId('manage-status')).toHaveText(/已报名/);
  expect(await smsTo(request, phone, /候补转为正式报名/)).toContain('有了空位');
});
