// The volunteer's whole message journey (issue 11): a new user signs up, reads the SMS code in the
// message viewer (its JSON API), confirms; a coordinator presses "现在发送活动提醒"; the reminder's
// link lets the volunteer decline, and the next waitlisted person is promoted and told by SMS.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { apiToken, rpc as coordRpc, signInUi } from './coordinator-helpers';
import { enterCode, fillForm, openForm, signUpViaApi, smsTo, uniquePhone } from './signup-helpers';

test('sign up with the SMS code, get the reminder, decline it: the next person is promoted and told', async ({ page, request }) => {
  const token = await apiToken(request);
  // The latest upcoming event whose volunteer role has a free place and nobody waiting (the other
  // journeys take the earliest ones).
  const events = (await coordRpc<any[]>(request, 'coord_events', {}, token)).body
    .filter((e) => e.status === 'scheduled' && new Date(e.starts_at).getTime() > Date.now() + 3_600_000)
    .sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at));
  let event: { id: number; slug: string } | undefined;
  let free = 0;
  for (const e of events) {
    const roster = (await coordRpc<any>(request, 'coord_roster', { p_event_id: e.id }, token)).body;
    const volunteers = roster.signups.filter((s: any) => s.role === 'volunteer');
    free = (roster.slots.volunteer ?? 0) - volunteers.filter((s: any) => s.status === 'confirmed').length;
    if (free > 0 && !volunteers.some((s: any) => s.status === 'waitlisted')) {
      event = { id: e.id, slug: e.slug };
      break;
    }
  }
  if (!event) throw new Error('no upcoming event with a free volunteer place and an empty waitlist');

  // The new user, in the browser.
  const phone = uniquePhone();
  await openForm(page, event.slug);
  await fillForm(page, { role: 'volunteer', name: '提醒志愿者', phone, consent: true });
  await page.getByRole('button', { name: '提交报名' }).click();
  await enterCode(page, phone);
  await expect(page.getByRole('heading', { name: '报名成功' })).toBeFocused();

  // The rest of the places taken, and one person waiting.
  for (let i = 1; i < free; i++) expect((await signUpViaApi(request, event.slug, 'volunteer')).status).toBe('confirmed');
  const waitingPhone = uniquePhone();
  expect((await signUpViaApi(request, event.slug, 'volunteer', waitingPhone)).waitlist_position).toBe(1);

  // The coordinator's button.
  await signInUi(page);
  await page.goto(`/coordinator/#/events/${event.id}`);
  await page.getByRole('button', { name: '现在发送活动提醒' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已安排给' })).toContainText(`${free} 位已确认的志愿者`);

  // The reminder reaches the new user; its link offers both answers.
  const reminder = await smsTo(request, phone, /提醒：/);
  const link = /(http:\/\/\S+\/signup\/reply\/#r=\S+)$/.exec(reminder)![1]!;
  await page.goto(new URL(link).pathname + new URL(link).hash);
  await expect(page.getByRole('button', { name: '确认参加' })).toBeEnabled();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '无法参加' }).click();
  await expect(page.locator('[data-reply-answer]')).toContainText('名额已让给下一位');
  await expect(page.locator('[data-reply-answer]')).toBeFocused();
  await expectNoAxeViolations(page);

  // The next person is promoted and told.
  expect(await smsTo(request, waitingPhone, /候补转为正式报名/)).toContain('有了空位');
});
