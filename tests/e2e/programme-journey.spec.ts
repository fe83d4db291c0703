// The programme's whole journey at 375 px, keyboard only, axe in both text sizes at every state: a
// coordinator adds a role and a venue, creates an event (first with every mistake), publishes it, and
// the dev server's public pages show it (list, map data, calendar, its own page); a volunteer signs
// up; the coordinator moves it, then cancels it, and the public page says so. Dates are relative to
// the run. The volunteer uses the event page's own form. The public pages are read from the astro dev server (e2ePorts.dev), which shows a
// workspace change on the next page load.
import { expect, test, type Page } from '@playwright/test';
import { e2ePorts } from '../../scripts/e2e-env.mjs';
import { apiToken, rpc, signInUi } from './coordinator-helpers';
import { smsCode, uniquePhone } from './signup-helpers';
import { expectAxeBothSizes, press, shanghaiLocal, typeDateTime, typeInto } from './programme-helpers';

test.use({ viewport: { width: 375, height: 800 } });
// Long journeys with an axe run in two text sizes at every state: slower than the default minute on 2 shared cores.
test.describe.configure({ timeout: 240_000 });
test.describe.configure({ mode: 'serial' });

const devUrl = `http://127.0.0.1:${e2ePorts.dev}`;
const run = Date.now() % 1_000_000;
const roleLabel = `社区金融讲师${run}`;
const venueName = `旅程测试社区中心${run}`;
const title = `旅程测试讲座${run}`;

async function addRole(page: Page): Promise<void> {
  await press(page.getByRole('link', { name: '岗位目录' }));
  await expect(page.getByRole('heading', { name: '志愿者岗位目录' })).toBeFocused();
  await typeInto(page.getByLabel(/新岗位名称/), roleLabel);
  await press(page.getByRole('button', { name: '添加岗位' }));
  await expect(page.getByRole('status').filter({ hasText: `已添加岗位：${roleLabel}` })).toBeVisible();
  await expectAxeBothSizes(page);
}

async function addVenue(page: Page): Promise<void> {
  await press(page.getByRole('link', { name: '场地簿' }));
  await press(page.getByRole('button', { name: '添加场地' }));
  const form = page.locator('#venue-form');
  await typeInto(form.getByLabel(/场地名称/), venueName);
  await typeInto(form.getByLabel('地址'), '青岛市市北区旅程路 8 号');
  await form.getByLabel('所在区（市）').focus();
  await form.getByLabel('所在区（市）').selectOption('shibei');
  await typeInto(form.getByLabel('纬度'), '36.0871');
  await typeInto(form.getByLabel('经度'), '120.3741');
  await press(form.getByRole('button', { name: '保存场地' }));
  await expect(page.getByRole('listitem').filter({ hasText: venueName })).toBeVisible();
}

let eventId = 0;
let slug = '';

test('coordinator: role, venue, event with every mistake then right, published', async ({ page }) => {
  await signInUi(page);
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
  await addRole(page);
  await addVenue(page);

  await press(page.getByRole('link', { name: '活动与签到' }));
  await press(page.getByRole('link', { name: '新建活动' }));
  await expect(page.getByRole('heading', { name: '新建活动' })).toBeVisible();
  const form = page.locator('#event-form');
  // Wrong on purpose: too short a title, end before start, a negative place count.
  await typeInto(form.getByLabel(/活动名称|标题/), '讲座');
  await typeDateTime(form.getByLabel(/开始时间/), shanghaiLocal(5, 14));
  await typeDateTime(form.getByLabel(/结束时间/), shanghaiLocal(5, 13));
  await typeInto(form.getByLabel(roleLabel), '-1');
  await press(form.getByRole('button', { name: '保存为草稿' }));
  await expect(form.getByLabel(/活动名称|标题/)).toBeFocused();
  for (const field of ['title', 'summary', 'venue_id', 'ends_at', 'audiences', 'topics', 'roles']) {
    await expect(form.locator(`#ev-${field}-error`), field).not.toBeEmpty();
  }
  // The negative count is named under its own role's field.
  await expect(form.getByLabel(roleLabel)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('[id^="ev-role-"][id$="-error"]')).toContainText('名额不能是负数');
  await expectAxeBothSizes(page);

  await typeInto(form.getByLabel(/活动名称|标题/), title);
  await typeInto(form.getByLabel(/简介/), '手把手教大家识破冒充公检法的电话');
  await form.getByLabel(/场地/).focus();
  await form.getByLabel(/场地/).selectOption({ label: `${venueName}（市北区）` });
  await typeDateTime(form.getByLabel(/结束时间/), shanghaiLocal(5, 16));
  await press(form.getByLabel('老年人'), 'Space');
  await press(form.getByLabel('冒充公检法'), 'Space');
  await typeInto(form.getByLabel(roleLabel), '2');
  await press(form.getByRole('button', { name: '保存为草稿' }));
  await expect(page).toHaveURL(/#\/events\/\d+$/);
  eventId = Number(/#\/events\/(\d+)$/.exec(page.url())![1]);
  await expect(page.getByText('草稿（未发布）').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '活动修改记录' })).toBeVisible();
  await expectAxeBothSizes(page);

  await press(page.getByRole('button', { name: '发布', exact: true }));
  await expect(page.getByRole('status').filter({ hasText: '已发布' })).toBeVisible();
  await expect(page.getByRole('button', { name: '取消发布' })).toBeVisible();
  const history = page.locator('section[aria-labelledby="event-history-title"] li');
  await expect(history.first()).toContainText('发布');
  await expect(history.first()).toContainText('发布状态：草稿（未发布） → 已发布');
  await expectAxeBothSizes(page);

  const token = await apiToken(page.request);
  slug = (await rpc<{ slug: string }>(page.request, 'coord_get_event', { p_event_id: eventId }, token)).body.slug;
  expect(slug).toMatch(/-\d+$/);
});

test('public: the dev server lists it, maps it, has it in the calendar and on its own page; a volunteer signs up', async ({ page, request }) => {
  // Serial mode: this runs only after the first test passed, which sets eventId.
  expect(eventId).toBeGreaterThan(0);
  await page.goto(`${devUrl}/events/`);
  await expect(page.getByRole('link', { name: title }).first()).toBeVisible();
  expect(await page.locator('[data-events-map]').getAttribute('data-points')).toContain(slug);
  const ics = await (await request.get(`${devUrl}/calendar.ics`)).text();
  expect(ics).toContain(title);
  await page.goto(`${devUrl}/events/${slug}/`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(venueName).first()).toBeVisible();

  // The volunteer signs up on that page with the keyboard, in the new role, and confirms the SMS code.
  const roles = (await rpc<{ id: string; label: string }[]>(request, 'coord_roles', {}, await apiToken(request))).body;
  const role = roles.find((r) => r.label === roleLabel)!;
  const form = page.locator('[data-signup-form]');
  await expect(form.getByRole('button', { name: '提交报名' })).toBeEnabled();
  const phone = uniquePhone();
  await press(page.locator(`#signup-role-${role.id}`), 'Space');
  await typeInto(page.locator('#signup-name'), '旅程志愿者');
  await typeInto(page.locator('#signup-phone'), phone);
  await press(page.locator('#signup-consent'), 'Space');
  await press(form.getByRole('button', { name: '提交报名' }));
  await expect(page.getByRole('heading', { name: '请输入短信验证码' })).toBeFocused();
  await typeInto(page.locator('#signup-code'), await smsCode(request, phone));
  await press(page.getByRole('button', { name: '确认验证码' }));
  await expect(page.getByRole('heading', { name: '报名成功' })).toBeFocused();
  await expectAxeBothSizes(page);
});

test('coordinator moves it, then cancels it; the public page says so', async ({ page }) => {
  // Serial mode: this runs only after the first test passed, which sets eventId.
  expect(eventId).toBeGreaterThan(0);
  await signInUi(page);
  await page.goto(`/coordinator/#/events/${eventId}/edit`);
  const form = page.locator('#event-form');
  await expect(form.getByLabel(/开始时间/)).toHaveValue(shanghaiLocal(5, 14));
  await typeDateTime(form.getByLabel(/开始时间/), shanghaiLocal(6, 9, 30));
  await typeDateTime(form.getByLabel(/结束时间/), shanghaiLocal(6, 11));
  await press(form.getByRole('button', { name: '保存修改' }));
  await expect(page).toHaveURL(new RegExp(`#/events/${eventId}$`));
  const history = page.locator('section[aria-labelledby="event-history-title"] li');
  await expect(history.first()).toContainText('开始时间');
  await expectAxeBothSizes(page);
  // A page of its own: the dev server may reload its other open pages when it refreshes the content.
  const pub = await page.context().newPage();
  await pub.goto(`${devUrl}/events/${slug}/`);
  await expect(pub.getByText('09:30–11:00').first()).toBeVisible();

  await press(page.getByRole('button', { name: '取消活动…' }));
  await press(page.getByRole('button', { name: '确认取消这场活动' }));
  await expect(page.getByLabel(/取消原因/)).toBeFocused();
  await expect(page.locator('#cancel-reason-error')).not.toBeEmpty();
  await expectAxeBothSizes(page);
  await typeInto(page.getByLabel(/取消原因/), '场地临时维修，改期另行通知');
  await press(page.getByRole('button', { name: '确认取消这场活动' }));
  await expect(page.getByRole('status').filter({ hasText: '活动已取消' })).toBeVisible();
  await expect(history.first()).toContainText('取消活动');
  await expectAxeBothSizes(page);

  await pub.goto(`${devUrl}/events/${slug}/`);
  await expect(pub.getByText('已取消').first()).toBeVisible();
  await expect(pub.getByText('场地临时维修，改期另行通知').first()).toBeVisible();
});
