// One meaning per figure, on screen (issue 14), on a 375 px phone, keyboard only where it matters:
// every role with places on the roster (0/3), a walk-in added at the door, check-in closed weeks
// before an event, the report split by audience with its "已保存" beside the button and in view,
// the dashboard's definitions and channels adding up, and a printed report that wraps no date,
// figure or column header at A4. The events are made here through the coordinator RPCs, dated
// relative to the run. Serial: the report changes the totals the dashboard test reads.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { apiToken, digits, publishedEvent, rpc, signInUi, signUpVolunteer, type PickedEvent } from './coordinator-helpers';

test.describe.configure({ mode: 'serial' });

const phone = { width: 375, height: 667 };
let today: PickedEvent;
let later: PickedEvent;
let roleLabels: Record<string, string>;

test.beforeAll(async ({ request }) => {
  const token = await apiToken(request);
  // A long title: the printed list must wrap it, not the dates and figures beside it.
  today = await publishedEvent(request, token, '测试活动：今天下午在社区活动室举办的防范冒充公检法与养老诈骗专题宣讲及现场答疑', 1, { volunteer: 2, lawyer: 3 });
  later = await publishedEvent(request, token, '测试活动：五十天后的宣讲', 50 * 24, { volunteer: 2 });
  const roster = (await rpc(request, 'coord_roster', { p_event_id: today.id }, token)).body;
  roleLabels = Object.fromEntries(roster.roles.map((r: { id: string; label: string }) => [r.id, r.label]));
});

async function signIn(page: Page): Promise<void> {
  await page.setViewportSize(phone);
  await signInUi(page);
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
}

test('roster: every role with places (0/3), a walk-in added at the door; check-in closed 50 days ahead', async ({ page, request }) => {
  const volunteer = await signUpVolunteer(request, today.slug);
  await signIn(page);
  await page.goto(`/coordinator/#/events/${today.id}`);
  await expect(page.getByRole('heading', { name: `${roleLabels.lawyer}（已确认 0/3）` })).toBeVisible();
  await expect(page.getByRole('heading', { name: `${roleLabels.volunteer}（已确认 1/2）` })).toBeVisible();

  // The walk-in, keyboard only: open the section, type, choose the role, submit.
  const summary = page.getByText('添加现场志愿者（未报名、直接到场）');
  await summary.focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('姓名').focus();
  await page.keyboard.press('Enter'); // empty name → the sign-up form's own message beside the field
  await expect(page.getByText('请填写姓名。')).toBeVisible();
  await expect(page.getByLabel('姓名')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.type('现场老张');
  await page.getByLabel('岗位').selectOption(roleLabels.lawyer!);
  await page.getByLabel('手机号码（选填）').focus();
  await page.keyboard.press('Enter');
  const row = page.getByRole('listitem').filter({ hasText: '现场老张（现场加入）' });
  await expect(row).toContainText('已签到');
  await expect(page.getByRole('heading', { name: `${roleLabels.lawyer}（已确认 1/3）` })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: volunteer.name })).toBeVisible();
  await expectNoAxeViolations(page);

  // Fifty days ahead: the window is shown, nobody can be checked in.
  await signUpVolunteer(request, later.slug);
  await page.goto(`/coordinator/#/events/${later.id}`);
  await expect(page.getByTestId('checkin-window')).toContainText('签到将于');
  await expect(page.getByRole('button', { name: /^签到：/ })).toHaveCount(0);
  await expect(page.getByLabel('输入签到码')).toHaveCount(0);
});

test('report: people split by audience must add up; "已保存" appears beside the button, in view on a phone', async ({ page }) => {
  await signIn(page);
  await page.goto(`/coordinator/#/events/${today.id}/report`);
  await page.getByLabel('群众覆盖人次').fill('120');
  await page.getByLabel('老年人').fill('70');
  await page.getByLabel('学生和家长').fill('30');
  await page.getByLabel('其他', { exact: true }).fill('10');
  const save = page.getByRole('button', { name: '保存报告' });
  await save.click();
  await expect(page.getByText('各对象人次相加要等于群众覆盖人次，请核对。')).toBeVisible();
  await expect(page.getByLabel('老年人')).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel('其他', { exact: true }).fill('20');
  await expect(page.getByText('合计 120 人次')).toBeVisible();
  await save.focus();
  await page.keyboard.press('Enter');
  const status = page.locator('#report-status');
  await expect(status).toContainText('已保存');
  await expect(status).toBeInViewport();
  await expect(save).toBeInViewport();
  await expectNoAxeViolations(page);
});

test('dashboard: each figure with its definition; channels add up to the total; the walk-in counts as present', async ({ page, request }) => {
  await signIn(page);
  await page.goto('/coordinator/#/dashboard');
  await page.getByLabel('统计期间').selectOption('all');
  await expect(page.getByRole('heading', { name: '截至目前（全部支行）合计' })).toBeVisible();
  await expect(page.getByText('签到人数；报告写明原因更正过的，以更正后的人数为准。')).toBeVisible();
  const total = digits(await page.locator('[data-total="people_reached"]').textContent());
  let channels = 0;
  for (const key of ['on_site', 'lobby', 'online']) channels += digits(await page.locator(`[data-channel="${key}"]`).textContent());
  expect(channels).toBe(total);
  const token = await apiToken(request);
  const api = (await rpc(request, 'coord_dashboard', { p_year: null }, token)).body;
  expect(digits(await page.locator('[data-total="volunteer_participations"]').textContent())).toBe(api.totals.volunteer_participations);
  const held = (await rpc(request, 'coord_held_events', { p_year: null }, token)).body;
  expect(held.find((h: { id: number }) => h.id === today.id)).toMatchObject({ volunteers_present: 1, people_reached: 120 });
  expect(api.by_audience.reduce((s: number, r: { people_reached: number }) => s + r.people_reached, 0)).toBe(api.totals.people_reached);
  await expectNoAxeViolations(page, ['.coord-map']);
});

test('print: no date, figure or column header wraps at A4, on screen and in print media', async ({ page, request }) => {
  // The long-titled event is listed once it has a report (the report test saves one; run alone, save it here).
  const token = await apiToken(request);
  const current = (await rpc(request, 'coord_get_report', { p_event_id: today.id }, token)).body;
  if (!current.report) {
    const saved = await rpc(request, 'coord_save_report', {
      p_event_id: today.id, p_expected_version: 0, p_people_reached: 120, p_reach_by_audience: { elderly: 120 },
      p_volunteers_present: current.checked_in, p_materials: { leaflet: 30 },
    }, token);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }
  await signIn(page);
  // A4 minus the @page margins (14 mm each side): 182 mm = 688 CSS px.
  await page.setViewportSize({ width: 688, height: 1000 });
  await page.goto('/coordinator/print/'); // no period: all time
  await expect(page.locator('.print-report table').last()).toContainText(today.title);
  for (const media of ['screen', 'print'] as const) {
    await page.emulateMedia({ media });
    const wrapped = await page.evaluate(() => {
      const lines = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      };
      // Every header, date and figure, found by what it says (not by our own class names).
      const dateOrFigure = /^(\d{4}\/\d{2}\/\d{2}|[\d,]+|—)$/;
      return [...document.querySelectorAll('.print-report th, .print-report td')]
        .filter((el) => el.tagName === 'TH' || dateOrFigure.test((el.textContent ?? '').trim()))
        .filter((el) => lines(el) > 1)
        .map((el) => el.textContent);
    });
    expect(wrapped, `${media}: cells broken over lines`).toEqual([]);
    // The long title is what wraps instead.
    const titleLines = await page.locator('.print-report td', { hasText: today.title }).evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(titleLines).toBeGreaterThan(1);
  }
  await page.emulateMedia({ media: 'screen' });
  await expectNoAxeViolations(page);
});

test('large text at 320 px: roster with the walk-in form, report form and dashboard fit the screen and pass axe', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('text-size', 'large'));
  await signIn(page);
  await page.setViewportSize({ width: 320, height: 568 });
  // The page scrolls sideways only if something sticks out; then name what does (clipped map tiles don't count).
  const fits = () => page.evaluate(() =>
    document.documentElement.scrollWidth <= window.innerWidth ? [] :
      [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}#${el.id} ${(el.textContent ?? '').trim().slice(0, 20)}`));
  await page.goto(`/coordinator/#/events/${today.id}`);
  await expect(page.getByRole('heading', { name: new RegExp(`^${roleLabels.lawyer}（已确认 \\d/3）$`) })).toBeVisible();
  await page.getByText('添加现场志愿者（未报名、直接到场）').click();
  await expect(page.getByLabel('姓名')).toBeVisible();
  expect(await fits()).toEqual([]);
  await expectNoAxeViolations(page);
  await page.goto(`/coordinator/#/events/${today.id}/report`);
  await expect(page.getByLabel('老年人')).toBeVisible();
  await page.getByText('停用或恢复物料类别').click();
  await expect(page.getByRole('button', { name: '停用：折页' })).toBeVisible();
  expect(await fits()).toEqual([]);
  await expectNoAxeViolations(page);
  await page.goto('/coordinator/#/dashboard');
  await expect(page.locator('[data-testid="reach-by-channel"]')).toBeVisible();
  expect(await fits()).toEqual([]);
  await expectNoAxeViolations(page, ['.coord-map']);
});
