// Importing a programme spreadsheet at 375 px, keyboard only: a 200-row .xlsx (made here with
// exceljs, dates relative to the run) with 5 bad rows is refused with 5 precise messages (row and
// column) and saves nothing; fixed, all 200 are saved in one call.
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiToken, rpc, signInUi } from './coordinator-helpers';
import { expectAxeBothSizes, press, shanghaiLocal } from './programme-helpers';

test.use({ viewport: { width: 375, height: 800 } });

const header = ['标题', '简介', '类型', '开始', '结束', '场地', '对象', '主题', '岗位名额', '合作单位', '渠道', '链接', '备注'];

async function workbook(rows: (string | Date)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('活动计划');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('200 rows with 5 bad ones: 5 precise messages, nothing saved; fixed, 200 imported at once', async ({ page, request }) => {
  test.setTimeout(300_000);
  const token = await apiToken(request);
  const run = Date.now() % 1_000_000;
  const venueName = `导入测试场地${run}`;
  expect((await rpc(request, 'coord_save_venue', { p_venue: { name: venueName, address: '青岛市李沧区导入路 2 号', district: 'licang', lat: 36.16, lng: 120.43 } }, token)).status).toBe(200);
  const role = (await rpc<{ label: string; retired_at: string | null }[]>(request, 'coord_roles', {}, token)).body.find((r) => !r.retired_at)!;
  const prefix = `导入${run}第`;

  const good = (i: number): string[] => {
    const day = 20 + (i % 300);
    return [`${prefix}${i}场`, '社区里讲清楚常见的诈骗套路', i % 7 === 0 ? '网点厅堂' : '社区宣讲', shanghaiLocal(day, 9).replace('T', ' '),
      shanghaiLocal(day, 11).replace('T', ' '), venueName, '老年人、所有人', '冒充公检法', `${role.label} 2`, '某社区居委会', '', '', ''];
  };
  const rows = Array.from({ length: 200 }, (_, i) => good(i + 1));
  const bad = [...rows.map((r) => [...r])];
  // Spreadsheet rows are data rows + 1 (the header is row 1).
  bad[9]![4] = shanghaiLocal(29, 8).replace('T', ' ');             // row 11: ends before it starts
  bad[39]![2] = '茶话会';                                            // row 41: no such kind
  bad[79]![5] = `不存在的场地${run}`;                                  // row 81: not in the venue book
  bad[119]![8] = `${role.label} -1`;                                 // row 121: negative places
  bad[179]![0] = '长'.repeat(61);                                    // row 181: title over 60 characters

  // exceljs is loaded only when a file is read or written on this screen.
  const excelRequests: string[] = [];
  page.on('request', (r) => { if (/exceljs/i.test(r.url())) excelRequests.push(r.url()); });
  await signInUi(page);
  await expect(page.getByRole('heading', { name: '活动与报名' })).toBeVisible();
  await press(page.getByRole('link', { name: '导入 / 导出表格' }));
  await expect(page.getByRole('heading', { name: '导入 / 导出活动表格' })).toBeVisible();
  await expectAxeBothSizes(page);
  expect(excelRequests).toEqual([]);
  const input = page.getByLabel('选择 .xlsx 或 .csv 文件');
  await input.focus();
  await input.setInputFiles({ name: '活动计划.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook(bad) });
  const problems = page.locator('[data-import-problems] li');
  await expect(problems).toHaveCount(5);
  await expect(problems).toHaveText([
    /^表格第 11 行，“结束”：结束时间要晚于开始时间/,
    /^表格第 41 行，“类型”：/,
    /^表格第 81 行，“场地”：/,
    /^表格第 121 行，“岗位名额”：名额不能是负数/,
    /^表格第 181 行，“标题”：.*最多 60 个字/,
  ]);
  await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0);
  await expectAxeBothSizes(page);
  const listed = async () => (await rpc<{ title: string }[]>(request, 'coord_events', {}, token)).body.filter((e) => e.title?.startsWith(prefix)).length;
  expect(await listed()).toBe(0);

  await input.focus();
  await input.setInputFiles({ name: '活动计划-改好.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook(rows) });
  await expect(page.getByText('共 200 场活动，全部检查通过')).toBeVisible();
  await expectAxeBothSizes(page);
  await press(page.getByRole('button', { name: '确认导入这 200 场活动' }));
  await expect(page.getByText('已导入 200 场活动（草稿）')).toBeVisible();
  expect(await listed()).toBe(200);
  expect(excelRequests.length).toBeGreaterThan(0);
  await expectAxeBothSizes(page);

  // The export has the import's columns and one row per event, the imported ones included. Other
  // specs add events meanwhile, so the count lies between those listed before and after the export.
  const countEvents = async () => (await rpc<unknown[]>(request, 'coord_events', {}, token)).body.length;
  const before = await countEvents();
  const download = page.waitForEvent('download');
  await press(page.getByRole('button', { name: '导出全部活动（.xlsx）' }));
  const file = await (await download).path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0]!;
  expect((sheet.getRow(1).values as string[]).slice(1, header.length + 1)).toEqual(header);
  const after = await countEvents();
  expect(sheet.actualRowCount - 1).toBeGreaterThanOrEqual(before);
  expect(sheet.actualRowCount - 1).toBeLessThanOrEqual(after);
  const titles = sheet.getColumn(1).values.filter((v): v is string => typeof v === 'string' && v.startsWith(prefix));
  expect(titles).toHaveLength(200);
});
