// QR check-in and offline sync (issue 14), on a 375 px phone, keyboard only: the coordinator scans
// a volunteer's check-in QR with the camera (a generated QR fed to Chromium's fake camera), with the
// network cut; the screen says what waits; back online it syncs, and the database holds exactly one
// check-in. A name tapped in the roster without signal waits and syncs the same way. A report draft saved offline syncs; one that another coordinator overtook meanwhile is
// shown as a conflict and the coordinator chooses, nothing overwritten. Events are made here, dated
// relative to the run.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { checkinQrText } from '../../src/lib/checkin-qr';
import { qrSvg } from '../../src/lib/qr';
import { expectNoAxeViolations } from './axe';
import { apiToken, publishedEvent, rpc, signInUi, signUpVolunteer, type PickedEvent } from './coordinator-helpers';
import { writeQrVideo } from './fake-camera';

mkdirSync(resolve('.tmp'), { recursive: true });
const cameraFile = resolve(`.tmp/qr-camera-${process.pid}.y4m`);
// Chromium reads the file when the camera starts; this placeholder only makes the flag's file exist.
writeQrVideo(cameraFile, 'placeholder');

const base = config.use!.launchOptions!;
test.use({
  launchOptions: {
    ...base,
    args: [...(base.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${cameraFile}`],
  },
  permissions: ['camera'],
  viewport: { width: 375, height: 667 },
});
test.describe.configure({ mode: 'serial' });

let token: string;
let event: PickedEvent;
let volunteer: { name: string; code: string; cancelToken: string };

test.beforeAll(async ({ request }) => {
  token = await apiToken(request);
  // Starts within the hour: check-in is open (from 2 hours before the start).
  event = await publishedEvent(request, token, '测试活动：地下活动室里的扫码签到', 1, { volunteer: 3 });
  volunteer = await signUpVolunteer(request, event.slug);
  writeQrVideo(cameraFile, checkinQrText(event.slug, volunteer.code));
});

async function signIn(page: Page): Promise<void> {
  await signInUi(page);
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
}

async function press(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
}

test('scan a volunteer\'s QR with the network cut; it waits, then syncs once when the signal returns', async ({ page, context, request }) => {
  await signIn(page);
  // The QR detector (and its WebAssembly) loads while there is signal: the basement has none.
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm') && r.ok());
  await page.goto(`/coordinator/#/events/${event.id}`);
  await expect(page.getByRole('heading', { name: event.title })).toBeVisible();
  await wasm;

  await context.setOffline(true);
  await press(page, '用摄像头扫码签到');
  await expect(page.getByTestId('scan-status')).toHaveText(`已读到签到码 ${volunteer.code}。`, { timeout: 20_000 });
  await expect(page.getByTestId('offline-status')).toContainText('有 1 条签到等待同步');
  await expect(page.getByTestId('checkin-notice')).toContainText(`签到码 ${volunteer.code} 已存在这台手机上`);
  await press(page, '关闭摄像头');
  await expectNoAxeViolations(page);
  // Nothing reached the server yet.
  const before = (await rpc(request, 'coord_roster', { p_event_id: event.id }, token)).body;
  expect(before.signups.filter((s: { checked_in_at: string | null }) => s.checked_in_at)).toHaveLength(0);

  await context.setOffline(false);
  await expect(page.getByTestId('offline-status')).toHaveCount(0, { timeout: 20_000 });
  const row = page.getByRole('listitem').filter({ hasText: volunteer.name });
  await expect(row).toContainText('已签到');
  await expect(page.getByText(`${volunteer.name} 签到成功。`)).toBeVisible();
  const after = (await rpc(request, 'coord_roster', { p_event_id: event.id }, token)).body;
  expect(after.signups.filter((s: { checked_in_at: string | null }) => s.checked_in_at).map((s: { name: string }) => s.name)).toEqual([volunteer.name]);

  // The same code typed again (online) is not a second check-in.
  await page.getByLabel('输入签到码').fill(volunteer.code);
  await press(page, '按签到码签到');
  await expect(page.getByText(`${volunteer.name} 之前已签到。`)).toBeVisible();
  const again = (await rpc(request, 'coord_roster', { p_event_id: event.id }, token)).body;
  expect(again.signups.filter((s: { checked_in_at: string | null }) => s.checked_in_at)).toHaveLength(1);
});

test('the volunteer\'s own page shows the check-in QR: the event and the code, nothing personal', async ({ page }) => {
  await page.goto(`/signup/manage/#t=${encodeURIComponent(volunteer.cancelToken)}`);
  const qr = page.getByTestId('checkin-qr').locator('svg');
  await expect(qr).toHaveAttribute('aria-label', `签到二维码，签到码 ${volunteer.code}`);
  // Drawn by the same library with the same options: the same modules mean the same text.
  const expected = [...(await qrSvg(checkinQrText(event.slug, volunteer.code), '')).matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);
  expect(expected.length).toBeGreaterThan(0);
  expect(await qr.locator('path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')))).toEqual(expected);
  await expectNoAxeViolations(page);
});

async function fillPeople(page: Page, people: number): Promise<void> {
  await page.getByLabel('群众覆盖人次').fill(String(people));
  await page.getByLabel('老年人').fill(String(people));
}

const storedReport = async (request: Parameters<typeof rpc>[0]) =>
  (await rpc(request, 'coord_get_report', { p_event_id: event.id }, token)).body.report as { version: number; people_reached: number } | null;

test('a report draft saved offline syncs; one overtaken meanwhile is a conflict the coordinator settles', async ({ page, context, request }) => {
  await signIn(page);
  await page.goto(`/coordinator/#/events/${event.id}/report`);
  await expect(page.getByLabel('群众覆盖人次')).toBeVisible();
  const status = page.locator('#report-status');

  await context.setOffline(true);
  await fillPeople(page, 40);
  await press(page, '保存报告');
  await expect(status).toHaveText('现在没有网络：报告草稿已存在这台手机上，网络恢复后会自动同步。');
  await expect(page.getByTestId('offline-status')).toContainText('有 1 份报告草稿等待同步');
  await expectNoAxeViolations(page);
  expect(await storedReport(request)).toBeNull();
  await context.setOffline(false);
  await expect(status).toHaveText(/^已保存（第 1 版/, { timeout: 20_000 });
  expect(await storedReport(request)).toMatchObject({ version: 1, people_reached: 40 });

  // Offline again: a draft on version 1, while another coordinator saves version 2.
  await context.setOffline(true);
  await fillPeople(page, 60);
  await press(page, '保存报告');
  await expect(page.getByTestId('offline-status')).toContainText('有 1 份报告草稿等待同步');
  const other = await rpc(request, 'coord_save_report', {
    p_event_id: event.id, p_expected_version: 1, p_people_reached: 99, p_reach_by_audience: { elderly: 99 },
    p_volunteers_present: 1, p_adjust_reason: null, p_questions_answered: 3, p_notes: null, p_materials: {},
  }, token);
  expect(other.status, JSON.stringify(other.body)).toBe(200);
  await context.setOffline(false);
  await expect(page.getByRole('heading', { name: '另一位协调员已保存了新数字' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: '另一位协调员已保存了新数字' })).toBeFocused();
  await expect(page.getByTestId('offline-status')).toContainText('一份报告没有保存：另一位协调员在此期间改过这份报告');
  expect(await storedReport(request)).toMatchObject({ version: 2, people_reached: 99 });
  await expect(page.getByLabel('群众覆盖人次')).toHaveValue('60');
  await expectNoAxeViolations(page);

  await press(page, '用我的数字重新保存');
  await expect(status).toHaveText(/^已保存（第 3 版/);
  expect(await storedReport(request)).toMatchObject({ version: 3, people_reached: 60 });
  await expect(page.getByTestId('offline-status')).toHaveCount(0);
});

// Last: its second check-in would change the report test's count of check-ins.
test('a name tapped with the network cut waits on the phone, then is checked in once when the signal returns', async ({ page, context, request }) => {
  const tapped = await signUpVolunteer(request, event.slug);
  await signIn(page);
  await page.goto(`/coordinator/#/events/${event.id}`);
  const row = page.getByRole('listitem').filter({ hasText: tapped.name });
  await expect(row.getByRole('button', { name: `签到：${tapped.name}`, exact: true })).toBeVisible();

  await context.setOffline(true);
  await press(page, `签到：${tapped.name}`);
  await expect(row.getByTestId('tap-waiting')).toHaveText('已签到，等待同步');
  await expect(page.getByTestId('offline-status')).toContainText('有 1 条签到等待同步');
  await expect(page.getByText(`现在没有网络：${tapped.name} 的签到已存在这台手机上`)).toBeVisible();
  await expectNoAxeViolations(page);
  const checkedIn = async () => ((await rpc(request, 'coord_roster', { p_event_id: event.id }, token)).body.signups as
    { name: string; checked_in_at: string | null }[]).filter((s) => s.name === tapped.name && s.checked_in_at);
  expect(await checkedIn()).toHaveLength(0);

  await context.setOffline(false);
  await expect(page.getByTestId('offline-status')).toHaveCount(0, { timeout: 20_000 });
  await expect(row.getByTestId('tap-waiting')).toHaveCount(0);
  await expect(row).toContainText('已签到');
  expect(await checkedIn()).toHaveLength(1);
});
