// A series at 375 px, keyboard only: "every second week, 3 times" creates three drafts, listed with
// links; one of them is moved on its own and the others keep their times; an event is cloned into a
// new draft. axe in both text sizes at each state.
import { expect, test } from '@playwright/test';
import { apiToken, rpc, signInUi } from './coordinator-helpers';
import { expectAxeBothSizes, press, shanghaiLocal, typeDateTime, typeInto } from './programme-helpers';

test.use({ viewport: { width: 375, height: 800 } });
// Long journeys with an axe run in two text sizes at every state: slower than the default minute on 2 shared cores.
test.describe.configure({ timeout: 240_000 });

test('every second week, 3 times: three drafts, one moved alone, then cloned', async ({ page, request }) => {
  const token = await apiToken(request);
  const role = (await rpc<{ id: string; label: string; retired_at: string | null }[]>(request, 'coord_roles', {}, token)).body.find((r) => !r.retired_at)!;
  const venue = (await rpc<{ id: number; name: string; retired_at: string | null }[]>(request, 'coord_venues', {}, token)).body.find((v) => !v.retired_at)!;
  const title = `月进社区系列${Date.now() % 100000}`;

  await signInUi(page);
  await press(page.getByRole('link', { name: '新建系列活动' }));
  await expect(page.getByRole('heading', { name: '新建系列活动' })).toBeVisible();
  const form = page.locator('#series-form');
  await typeInto(form.getByLabel(/活动名称|标题/), title);
  await typeInto(form.getByLabel(/简介/), '每两周一次，到社区讲一种新骗局');
  await form.getByLabel(/场地/).focus();
  await form.getByLabel(/场地/).selectOption({ value: String(venue.id) });
  await typeDateTime(form.getByLabel(/开始时间/), shanghaiLocal(10, 9));
  await typeDateTime(form.getByLabel(/结束时间/), shanghaiLocal(10, 10, 30));
  await press(form.getByLabel('老年人'), 'Space');
  await press(form.getByLabel('养老诈骗'), 'Space');
  await typeInto(form.getByLabel(role.label), '2');
  await typeInto(form.getByLabel(/每隔几周/), '2');
  // 1 occurrence is not a series: the rule's own message, beside the rule.
  await typeInto(form.getByLabel(/一共几场/), '1');
  await press(form.getByRole('button', { name: '创建系列活动' }));
  await expect(form.locator('#series-rule-error')).not.toBeEmpty();
  await expectAxeBothSizes(page);

  await typeInto(form.getByLabel(/一共几场/), '3');
  await press(form.getByRole('button', { name: '创建系列活动' }));
  await expect(page.getByRole('heading', { name: '已创建 3 场（草稿）' })).toBeVisible();
  const links = page.locator('#series-created a');
  await expect(links).toHaveCount(3);
  await expectAxeBothSizes(page);

  const second = Number(/#\/events\/(\d+)/.exec((await links.nth(1).getAttribute('href'))!)![1]);
  const ids = await Promise.all([0, 2].map(async (i) => Number(/#\/events\/(\d+)/.exec((await links.nth(i).getAttribute('href'))!)![1])));
  const startsOf = async (id: number) => (await rpc<{ starts_at: string }>(request, 'coord_get_event', { p_event_id: id }, token)).body.starts_at;
  const others = await Promise.all(ids.map(startsOf));
  expect(new Date(others[1]!).getTime() - new Date(others[0]!).getTime()).toBe(28 * 86_400_000);

  await press(links.nth(1));
  await expect(page.getByText('系列活动中的一场')).toBeVisible();
  await press(page.getByRole('link', { name: '编辑活动' }));
  const edit = page.locator('#event-form');
  await expect(edit.getByLabel(/开始时间/)).toHaveValue(shanghaiLocal(24, 9));
  await typeDateTime(edit.getByLabel(/开始时间/), shanghaiLocal(24, 14));
  await typeDateTime(edit.getByLabel(/结束时间/), shanghaiLocal(24, 15, 30));
  await press(edit.getByRole('button', { name: '保存修改' }));
  await expect(page).toHaveURL(new RegExp(`#/events/${second}$`));
  expect(new Date(await startsOf(second)).getTime()).toBe(new Date(`${shanghaiLocal(24, 14)}:00+08:00`).getTime());
  expect(await Promise.all(ids.map(startsOf))).toEqual(others);

  await press(page.getByRole('button', { name: '复制为新草稿' }));
  await expect(page.getByRole('heading', { name: '编辑活动' })).toBeVisible();
  await expect(page.locator('#event-form').getByLabel(/活动名称|标题/)).toHaveValue(title);
  expect(Number(/#\/events\/(\d+)\/edit/.exec(page.url())![1])).not.toBe(second);
  await expectAxeBothSizes(page);
});

test('a stale revision overwrites nothing: plain message, reload shows the other edit', async ({ page, request }) => {
  const token = await apiToken(request);
  const role = (await rpc<{ id: string; retired_at: string | null }[]>(request, 'coord_roles', {}, token)).body.find((r) => !r.retired_at)!;
  const venue = (await rpc<{ id: number; retired_at: string | null }[]>(request, 'coord_venues', {}, token)).body.find((v) => !v.retired_at)!;
  const base = {
    title: `两人同时修改${Date.now() % 100000}`, summary: '两位协调员同时打开同一场活动', kind: 'community', venue_id: venue.id,
    starts_at: `${shanghaiLocal(12, 9)}:00+08:00`, ends_at: `${shanghaiLocal(12, 10)}:00+08:00`,
    audiences: ['elderly'], topics: ['fake-refund'], roles: { [role.id]: 2 },
  };
  const created = (await rpc<{ id: number; revision: number }>(request, 'coord_save_event', { p_event: base }, token)).body;

  await signInUi(page);
  await page.goto(`/coordinator/#/events/${created.id}/edit`);
  const form = page.locator('#event-form');
  await expect(form.getByLabel(/活动名称|标题/)).toHaveValue(base.title);
  // The other coordinator saves first.
  const theirs = `${base.title}（对方改）`;
  expect((await rpc(request, 'coord_save_event', { p_event: { ...base, id: created.id, revision: created.revision, title: theirs } }, token)).status).toBe(200);

  await typeInto(form.getByLabel(/活动名称|标题/), `${base.title}（我改）`);
  await press(form.getByRole('button', { name: '保存修改' }));
  await expect(page.getByRole('alert')).toContainText('另一位协调员已经改过这场活动');
  await expectAxeBothSizes(page);
  expect((await rpc<{ title: string }>(request, 'coord_get_event', { p_event_id: created.id }, token)).body.title).toBe(theirs);
  await press(page.getByRole('button', { name: /重新载入最新内容/ }));
  await expect(form.getByLabel(/活动名称|标题/)).toHaveValue(theirs);
});
