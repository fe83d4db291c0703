// The coordinator's day, end to end against the built site and the e2e stack: a volunteer signs up,
// the coordinator checks them in, reports the event, and the dashboard, the home page counters and
// the exports all show the new figures. Then every state of the report form (errors, conflict,
// saved) is checked with axe. Serial: both tests change the global totals.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  apiToken, digits, publishedEvent, readDashboard, readHomeCounters, rpc, signInUi, signUpVolunteer, type PickedEvent,
} from './coordinator-helpers';

test.describe.configure({ mode: 'serial' });

let journeyEvent: PickedEvent | undefined;

test('sign-up → check-in → report → dashboard, home counters and CSV exports change', async ({ page, request }) => {
  const token = await apiToken(request);
  // Starts within the hour: check-in is open (from 2 hours before the start).
  journeyEvent = await publishedEvent(request, token, '测试活动：协调员的一天', 1, { volunteer: 6 });
  const event = journeyEvent;
  const volunteer = await signUpVolunteer(request, event.slug);
  const second = await signUpVolunteer(request, event.slug);

  const homeBefore = await readHomeCounters(page);
  await signInUi(page);
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
  const dashBefore = await readDashboard(page);
  await expectNoAxeViolations(page, ['.coord-map']);

  // Check in by tapping the volunteer's name.
  await page.goto(`/coordinator/#/events/${event.id}`);
  const row = page.getByRole('listitem').filter({ hasText: volunteer.name });
  await expect(row).toContainText(`${volunteer.phone.slice(0, 3)}****${volunteer.phone.slice(-4)}`);
  await expect(row).not.toContainText(volunteer.phone);
  await row.getByRole('button', { name: `签到：${volunteer.name}` }).click();
  await expect(row).toContainText('已签到');
  await expect(page.getByRole('status').filter({ hasText: `${volunteer.name} 签到成功` })).toBeVisible();
  await expectNoAxeViolations(page);

  // Check in by the code on the confirmation: a wrong code first (error state), then the right one.
  const codeInput = page.getByLabel('输入签到码');
  await codeInput.fill('12');
  await page.getByRole('button', { name: '按签到码签到' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '签到码是 6 位数字' })).toBeVisible();
  await expect(codeInput).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await codeInput.fill(second.code);
  await page.getByRole('button', { name: '按签到码签到' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: second.name })).toContainText('已签到');

  // Report: add to whatever the event already had.
  await page.getByRole('link', { name: '填写 / 查看活动报告' }).click();
  const people = page.getByLabel('群众覆盖人次');
  await expect(people).toBeVisible();
  const oldPeople = digits(await people.inputValue());
  const hadReport = (await people.inputValue()) !== '';
  const leaflet = page.getByLabel('折页');
  const oldLeaflet = digits(await leaflet.inputValue());
  const present = page.getByLabel('到场志愿者人数');
  const checkedIn = digits(await present.inputValue());
  expect(checkedIn).toBeGreaterThanOrEqual(2);
  await people.fill(String(oldPeople + 137));
  // Everyone counted once, split by audience (a fresh event: all 137 here are older people).
  await page.getByLabel('老年人').fill(String(digits(await page.getByLabel('老年人').inputValue()) + 137));
  await leaflet.fill(String(oldLeaflet + 25));
  await page.getByLabel('解答咨询数').fill('9');
  await page.getByRole('button', { name: '保存报告' }).click();
  await expect(page.locator('#report-status')).toContainText('已保存');
  await expectNoAxeViolations(page);
  await expect(page.getByRole('heading', { name: '修改记录' })).toBeVisible();
  await expect(page.getByText(/第 \d+ 版 · .* · 示范协调员/).first()).toBeVisible();

  const dashAfter = await readDashboard(page);
  expect(dashAfter.people_reached).toBe(dashBefore.people_reached + 137);
  expect(dashAfter.materials).toBe(dashBefore.materials + 25);
  // An upcoming event counts as held once it has a report.
  expect(dashAfter.events_held).toBe(dashBefore.events_held + (hadReport ? 0 : 1));

  // Events CSV (all time, as readDashboard left the dashboard) holds the new figures for this event.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出活动统计 CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const line = csv.split('\r\n').find((l) => l.startsWith(event.title) || l.startsWith(`"${event.title}`));
  expect(line, `row for ${event.title}`).toBeDefined();
  expect(line!.split(',')).toEqual(expect.arrayContaining([String(oldPeople + 137), '9']));

  // The roster export: full phone, confidential in name and first line.
  await page.goto(`/coordinator/#/events/${event.id}`);
  const [rosterFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出名单 CSV/ }).click()]);
  expect(rosterFile.suggestedFilename()).toContain('保密');
  expect(rosterFile.suggestedFilename()).not.toContain(volunteer.phone);
  const roster = readFileSync((await rosterFile.path())!, 'utf8').replace(/^\uFEFF/, '');
  expect(roster.split('\r\n')[0]).toContain('保密');
  expect(roster).toContain(volunteer.phone);

  // The printable A4 report (all time) carries the same headline total.
  await page.goto('/coordinator/print/');
  await expect(page.getByText('统计期间：截至目前；范围：全部支行')).toBeVisible();
  const reached = dashAfter.people_reached.toLocaleString('zh-CN');
  await expect(page.locator('.print-report')).toContainText(new RegExp(`覆盖群众\\s*${reached}\\s*人次`));
  await expectNoAxeViolations(page);

  const homeAfter = await readHomeCounters(page);
  expect(homeAfter.people_reached).toBe(homeBefore.people_reached + 137);
  expect(homeAfter.materials_handed_out).toBe(homeBefore.materials_handed_out + 25);
  expect(homeAfter.events_held).toBe(homeBefore.events_held + (hadReport ? 0 : 1));
});

test('report form: field errors, a conflicting save by another coordinator, then saved (axe on each)', async ({ page, request }) => {
  const token = await apiToken(request);
  const event = await publishedEvent(request, token, '测试活动：两位协调员同时填报告', 30, { volunteer: 2 });
  await signInUi(page);
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
  await page.goto(`/coordinator/#/events/${event.id}/report`);
  const people = page.getByLabel('群众覆盖人次');
  await expect(people).toBeVisible();
  const present = page.getByLabel('到场志愿者人数');
  const checkedIn = await present.inputValue();

  // Errors: negative, fractional, text.
  await people.fill('-5');
  await present.fill('2.5');
  await page.getByLabel('折页').fill('很多');
  await page.getByRole('button', { name: '保存报告' }).click();
  await expect(page.locator('#report-status')).toContainText('有 3 处需要修改');
  await expect(people).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('群众覆盖人次不能是负数。')).toBeVisible();
  await expect(page.getByText('到场志愿者人数请填写整数，不要带小数。')).toBeVisible();
  await expect(page.getByText('数量请填写数字。')).toBeVisible();
  await expect(people).toBeFocused();
  await expectNoAxeViolations(page);

  // Another coordinator saves first (same demo account, another session: the versions are what count).
  const current = (await rpc(request, 'coord_get_report', { p_event_id: event.id }, token)).body;
  const version = current.report?.version ?? 0;
  const other = await rpc(request, 'coord_save_report', {
    p_event_id: event.id, p_expected_version: version, p_people_reached: 4321, p_reach_by_audience: { elderly: 4000, other: 321 },
    p_volunteers_present: current.checked_in,
    p_questions_answered: 3, p_materials: { booklet: 7 }, p_notes: '另一位协调员的数字',
  }, token);
  expect(other.status, JSON.stringify(other.body)).toBe(200);

  await people.fill('88');
  await page.getByLabel('老年人').fill('88');
  await present.fill(checkedIn);
  await page.getByLabel('折页').fill('10');
  await page.getByRole('button', { name: '保存报告' }).click();
  const conflict = page.getByRole('heading', { name: '另一位协调员已保存了新数字' });
  await expect(conflict).toBeFocused();
  await expect(page.getByText('4,321')).toBeVisible();
  await expect(people).toHaveValue('88'); // my edits are still there
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: '用我的数字重新保存' }).click();
  await expect(page.locator('#report-status')).toContainText(`已保存（第 ${version + 2} 版`);
  await expect(conflict).toBeHidden();
  await expectNoAxeViolations(page);

  const saved = (await rpc(request, 'coord_get_report', { p_event_id: event.id }, token)).body;
  expect(saved.report).toMatchObject({ version: version + 2, people_reached: 88, materials: { leaflet: 10 } });
  expect(saved.revisions[0].before).toMatchObject({ people_reached: 4321 });
  expect(saved.revisions[1].after).toMatchObject({ people_reached: 4321 });
});
