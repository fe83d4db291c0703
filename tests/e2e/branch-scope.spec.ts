// 支行 at 375 px, keyboard only, axe in both text sizes at every state: the team lead adds a branch
// on 「支行与协调员」 and puts a second coordinator (added with scripts/add-coordinator.mjs, as the
// README says) in it; signed in, that coordinator sees only their branch's events, is told plainly
// when opening another branch's event, and their new event is their branch's without a choice.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { e2ePorts } from '../../scripts/e2e-env.mjs';
import { apiToken, publishedEvent, rpc, signInUi } from './coordinator-helpers';
import { expectAxeBothSizes, press, shanghaiLocal, typeDateTime, typeInto } from './programme-helpers';

test.use({ viewport: { width: 375, height: 800 } });
// Long journeys with an axe run in two text sizes at every state: slower than the default minute on 2 shared cores.
test.describe.configure({ timeout: 240_000 });

const run = Date.now() % 1_000_000;
const branchLabel = `测试支行${run}`;
const second = { email: `branch-${randomUUID().slice(0, 8)}@xinghuo.local`, password: `pw-${randomUUID().slice(0, 12)}`, name: `支行测试员${run}` };

test('a lead scopes a coordinator to a new branch; that coordinator runs only its events', async ({ page }) => {
  // A second coordinator, made as the README tells a team to (a team lead until given a branch).
  execFileSync(process.execPath, ['scripts/add-coordinator.mjs', second.email, second.password, second.name], {
    env: { ...process.env, DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${e2ePorts.db}/postgres` },
    stdio: 'pipe',
  });

  await signInUi(page);
  await expect(page.getByText('已登录：示范协调员')).toBeVisible();
  await press(page.getByRole('link', { name: '支行与协调员' }));
  await expect(page.getByRole('heading', { name: '支行与协调员' })).toBeFocused();
  await typeInto(page.getByLabel(/新支行名称/), branchLabel);
  await press(page.getByRole('button', { name: '添加支行' }));
  await expect(page.getByRole('status').filter({ hasText: `已添加支行：${branchLabel}` })).toBeVisible();
  await expectAxeBothSizes(page);

  const card = page.locator(`[data-coordinator="${second.name}"]`);
  await card.getByLabel('所属支行').focus();
  await card.getByLabel('所属支行').selectOption({ label: branchLabel });
  await press(card.getByLabel(/团队负责人/), 'Space');
  await press(card.getByRole('button', { name: `保存：${second.name}` }));
  await expect(page.getByRole('status').filter({ hasText: `已保存：${second.name} — ${branchLabel}` })).toBeVisible();
  await expect(card).toContainText(`现在：${branchLabel}协调员`);
  await expectAxeBothSizes(page);
  // At 320 px in large text the screen still fits the phone: nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  await press(page.locator('[data-text-size-toggle]'));
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await press(page.locator('[data-text-size-toggle]'));
  await page.setViewportSize({ width: 375, height: 800 });

  // One event in the new branch, one of another branch (the demo's 市南支行), made by the lead.
  const lead = await apiToken(page.request);
  const branchId = (await rpc<{ branches: { id: string; label: string }[] }>(page.request, 'coord_branches', {}, lead)).body
    .branches.find((b) => b.label === branchLabel)!.id;
  const mine = await publishedEvent(page.request, lead, `本支行的讲座${run}`, 72, { volunteer: 2 });
  const theirs = await publishedEvent(page.request, lead, `别的支行讲座${run}`, 72, { volunteer: 2 });
  for (const [e, b] of [[mine, branchId], [theirs, 'shinan']] as const) {
    // An edit as the event form sends it: the stored fields, with the branch changed.
    const stored = (await rpc(page.request, 'coord_get_event', { p_event_id: e.id }, lead)).body;
    const moved = await rpc(page.request, 'coord_save_event', { p_event: { ...stored, branch_id: b } }, lead);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  // The lead's list shows each event's branch and filters by it.
  await page.goto('/coordinator/#/events');
  await page.getByLabel('按支行查看').focus();
  await page.getByLabel('按支行查看').selectOption({ label: branchLabel });
  await expect(page.locator(`[data-event-id="${mine.id}"]`)).toContainText(branchLabel);
  await expect(page.locator(`[data-event-id="${theirs.id}"]`)).toHaveCount(0);
  await expectAxeBothSizes(page);
  await press(page.getByRole('button', { name: '退出登录' }));

  // Signed in as the branch coordinator: their branch's events only, no 支行与协调员 screen.
  await signInUi(page, second);
  await expect(page.getByText(`已登录：${second.name}`)).toBeVisible();
  await expect(page.getByText(`这里只列出 ${branchLabel} 的活动`)).toBeVisible();
  await expect(page.locator(`[data-event-id="${mine.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-event-id="${theirs.id}"]`)).toHaveCount(0);
  await expect(page.getByRole('link', { name: '支行与协调员' })).toHaveCount(0);
  await expect(page.getByLabel('按支行查看')).toHaveCount(0);
  await expectAxeBothSizes(page);

  await page.goto(`/coordinator/#/events/${theirs.id}`);
  await expect(page.getByRole('alert').filter({ hasText: '这是其他支行的活动，您只能查看和管理本支行的活动' })).toBeVisible();
  await expectAxeBothSizes(page);

  await page.goto('/coordinator/#/events');
  await press(page.getByRole('link', { name: '新建活动' }));
  const form = page.locator('#event-form');
  await expect(form.getByText(`支行：${branchLabel}`)).toBeVisible();
  await expect(form.getByRole('combobox', { name: '支行' })).toHaveCount(0);
  const title = `支行自己的讲座${run}`;
  await typeInto(form.getByLabel(/标题/), title);
  await typeInto(form.getByLabel(/简介/), '支行协调员新建的社区宣讲活动');
  await form.getByLabel(/场地/).focus();
  await form.getByLabel(/场地/).selectOption({ index: 1 });
  await typeDateTime(form.getByLabel(/开始时间/), shanghaiLocal(6, 14));
  await typeDateTime(form.getByLabel(/结束时间/), shanghaiLocal(6, 16));
  await press(form.getByLabel('老年人'), 'Space');
  await press(form.getByLabel('冒充公检法'), 'Space');
  await typeInto(form.locator('[id^="ev-role-"]').first(), '2');
  await expectAxeBothSizes(page);
  await press(form.getByRole('button', { name: '保存为草稿' }));
  await expect(page).toHaveURL(/#\/events\/\d+$/);
  const createdId = Number(/#\/events\/(\d+)$/.exec(page.url())![1]);
  expect((await rpc(page.request, 'coord_get_event', { p_event_id: createdId }, lead)).body.branch_id).toBe(branchId);
  await page.goto('/coordinator/#/events');
  await press(page.getByRole('button', { name: '即将举行' }), 'Space');
  await expect(page.locator(`[data-event-id="${createdId}"]`)).toContainText(branchLabel);
  await expectAxeBothSizes(page);
});
