// The dashboard's period, scope and exports (issue 14), keyboard only: all time for every branch,
// the .xlsx downloaded and read back (its 汇总 equals the numbers on screen), the 简报 copied with
// 「已复制」 beside the button and its numbers equal to the screen's, one branch, the demo campaign,
// a branch coordinator fixed to their branch, and adding a campaign. Axe-clean in both text sizes.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { apiToken, digits, rpc, signInUi } from './coordinator-helpers';

const totalKeys = ['events_held', 'people_reached', 'materials', 'volunteer_participations', 'volunteer_hours', 'questions_answered'] as const;
type Totals = Record<(typeof totalKeys)[number], number>;

async function screenTotals(page: Page): Promise<Totals> {
  const out = {} as Totals;
  // volunteer_hours has one decimal (13.5): read it as a number, not as digits.
  for (const k of totalKeys) out[k] = Number((await page.locator(`[data-total="${k}"]`).textContent())!.replace(/,/g, ''));
  return out;
}

/** Keyboard only: focus a select and step through its options with the arrow keys. */
async function chooseByKeys(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  await select.focus();
  const options = await select.locator('option').allTextContents();
  const from = options.indexOf(await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.textContent!));
  const to = options.findIndex((o) => o.startsWith(option));
  expect(to, `${label}: ${option}`).toBeGreaterThanOrEqual(0);
  for (let i = from; i !== to; i += Math.sign(to - from)) await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
}

test('all time: the .xlsx 汇总 and the copied 简报 say what the screen says', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInUi(page);
  await page.goto('/coordinator/#/dashboard');
  await chooseByKeys(page, '统计期间', '全部时间');
  await expect(page.getByRole('heading', { name: '截至目前（全部支行）合计' })).toBeVisible();
  const shown = await screenTotals(page);
  const api = (await rpc(request, 'coord_figures', {}, await apiToken(request))).body;
  expect(shown).toEqual(Object.fromEntries(totalKeys.map((k) => [k, Number(api.totals[k])])));
  expect(shown.events_held).toBeGreaterThan(0);

  const xlsxButton = page.getByRole('button', { name: '导出数据表（Excel）' });
  await xlsxButton.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('宣传数据-全部-全部支行.xlsx');
  const book = new ExcelJS.Workbook();
  const bytes = readFileSync((await download.path())!);
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '活动明细', '分受众', '分渠道', '分支行', '合作单位']);
  const summary = new Map<string, number>();
  book.getWorksheet('汇总')!.eachRow((row) => summary.set(String(row.getCell(1).value), Number(row.getCell(2).value)));
  const labels = await page.locator('[data-testid="dashboard-totals"] dt').allTextContents();
  expect(labels.map((l) => summary.get(l))).toEqual(totalKeys.map((k) => shown[k]));
  await expect(page.getByText(/^已导出 \d+ 场活动的数据表。$/)).toBeVisible();

  const paragraph = (await page.getByTestId('briefing').textContent())!;
  const elderly = api.by_audience.find((r: { key: string }) => r.key === 'elderly')?.people_reached ?? 0;
  const numbers = [...paragraph.matchAll(/[\d,]+(?= (场|份|人次))/g)].map((m) => digits(m[0]));
  expect(numbers).toEqual([shown.events_held, shown.materials, shown.people_reached, elderly]);
  expect(paragraph).toMatch(/^截至目前，累计开展线上线下活动 [\d,]+ 场，发放宣传资料 [\d,]+ 份，覆盖群众 [\d,]+ 人次，其中老年人 [\d,]+ 人次。$/);
  await page.getByRole('button', { name: '复制简报' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('briefing-copied')).toHaveText('已复制');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(paragraph);
  await expectNoAxeViolations(page, ['.coord-map']);
});

test('one branch, then the demo campaign: the screen follows the same RPC answer', async ({ page, request }) => {
  const token = await apiToken(request);
  const branches = (await rpc(request, 'coord_branches', {}, token)).body.branches;
  const first = branches[0];
  await signInUi(page);
  await page.goto('/coordinator/#/dashboard');
  await chooseByKeys(page, '统计期间', '全部时间');
  await chooseByKeys(page, '支行', first.label);
  await expect(page.getByRole('heading', { name: `截至目前（${first.label}）合计` })).toBeVisible();
  const scoped = (await rpc(request, 'coord_figures', { p_branch: first.id }, token)).body;
  expect((await screenTotals(page)).people_reached).toBe(scoped.totals.people_reached);
  await expect(page.getByTestId('by-branch').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('briefing')).toContainText(`截至目前，${first.label}累计开展线上线下活动 ${scoped.totals.events_held.toLocaleString('zh-CN')} 场`);

  await chooseByKeys(page, '支行', '全部支行');
  await chooseByKeys(page, '统计期间', '活动专题');
  const campaign = (await rpc(request, 'coord_campaigns', {}, token)).body.find((c: { label: string }) => c.label === '示范专题：反诈宣传季');
  await chooseByKeys(page, '活动专题', '示范专题：反诈宣传季'); // other runs may have added newer ones
  await expect(page.getByLabel('活动专题', { exact: true })).toHaveValue(campaign.id);
  await expect(page.getByRole('heading', { name: /专题：示范专题：反诈宣传季）合计$/ })).toBeVisible();
  const inCampaign = (await rpc(request, 'coord_figures', { p_campaign: campaign.id }, token)).body;
  expect((await screenTotals(page)).events_held).toBe(inCampaign.totals.events_held);
  await expectNoAxeViolations(page, ['.coord-map']);
});

test('a branch coordinator sees their branch fixed; custom dates the wrong way round and a nameless campaign are refused beside the field (large text)', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('text-size', 'large'));
  await signInUi(page, { email: 'branch@xinghuo.local', password: 'xinghuo-demo-2026' });
  await page.goto('/coordinator/#/dashboard');
  await expect(page.getByText('支行：市南支行（您只能查看本支行的数据）')).toBeVisible();
  await expect(page.getByLabel('支行', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /（市南支行）合计$/ })).toBeVisible();
  await chooseByKeys(page, '统计期间', '自定义');
  // A date field's typed order follows the browser's locale; fill() sets the ISO value it holds.
  await page.getByLabel('开始日期', { exact: true }).fill('2026-09-30');
  await page.getByLabel('结束日期', { exact: true }).fill('2026-09-01');
  await page.getByRole('button', { name: '查看' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#dash-to-error')).toHaveText('结束日期不能早于开始日期。');
  await expect(page.getByLabel('结束日期', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, ['.coord-map']);

  // A campaign added here (any coordinator may): first with no name, refused beside the field.
  await page.getByText('添加活动专题（如“反诈宣传月”）').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '保存专题' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#campaign-label-error')).toHaveText('请填写专题名称，例如“反诈宣传月”。');
  await expect(page.getByLabel('专题名称')).toBeFocused();
  await expectNoAxeViolations(page, ['.coord-map']);
  const name = `测试专题${Date.now() % 1_000_000}`;
  await page.keyboard.type(name);
  await page.getByLabel('专题开始日期').fill('2026-09-01');
  await page.getByLabel('专题结束日期').fill('2026-09-30');
  await page.getByRole('button', { name: '保存专题' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`已添加专题“${name}”。`)).toBeVisible();
  await chooseByKeys(page, '统计期间', '活动专题');
  await expect(page.getByLabel('活动专题', { exact: true }).locator('option', { hasText: name })).toHaveCount(1);
});
