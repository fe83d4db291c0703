// The .xlsx export (src/lib/figures-xlsx.ts) of one coord_figures answer, read back with exceljs:
// 汇总 equals the RPC's totals and 活动明细 sums to them; the 简报 says the same numbers. The events
// sit in a 支行 of the test's own, with hand-computed figures.
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { createEvent, rpc, tokens, type Tokens } from './harness';
import { addSignup, reportArgs } from './coord-fixtures';
import { attend } from './record-fixtures';
import { figures, freshBranch, setPartners } from './figures-fixtures';
import { figuresSheets, figuresWorkbook } from '../../src/lib/figures-xlsx';
import { briefing } from '../../src/lib/briefing';
import { figureDefinitions } from '../../src/lib/figures';
import type { FiguresData, FiguresWithRows } from '../../src/lib/dashboard';

let t: Tokens;
let f: FiguresWithRows;
beforeAll(async () => {
  t = await tokens();
  const branch = await freshBranch('xl');
  const a = (await createEvent({ startsInHours: -50, hours: 2, branchId: branch })).id;
  const b = (await createEvent({ startsInHours: -26, hours: 1, branchId: branch })).id;
  await setPartners(a, ['社区居委会', '派出所']);
  const s = await addSignup(a);
  await attend(s.id, 0, 75);
  const splitA = { elderly: 700, students: 200, 'new-residents': 0, other: 100 };
  const ra = await rpc('coord_save_report', reportArgs(a, 0, { p_people_reached: 1000, p_reach_by_audience: splitA, p_volunteers_present: 1 }), t.coordinator);
  expect(ra.status, JSON.stringify(ra.body)).toBe(200);
  const rb = await rpc('coord_save_report', reportArgs(b, 0, { p_people_reached: 250, p_materials: { leaflet: 40 }, p_volunteers_present: 3, p_adjust_reason: '纸质签到' }), t.coordinator);
  expect(rb.status, JSON.stringify(rb.body)).toBe(200);
  f = await figures(t.coordinator, { p_branch: branch });
  // By hand: 1,250 people (700 + 250 = 950 older people), 150 materials, 4 present, 75 + 3 × 60 = 255 min = 4.3 h.
  expect(f.totals).toMatchObject({ events_held: 2, people_reached: 1250, materials: 150, volunteer_participations: 4, volunteer_hours: 4.3 });
});

async function readBack(): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await figuresWorkbook(f, '测试支行'));
  return book;
}
const values = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));

it('has the six sheets, 汇总 equal to the RPC totals', async () => {
  const book = await readBack();
  expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '活动明细', '分受众', '分渠道', '分支行', '合作单位']);
  const summary = Object.fromEntries(values(book.getWorksheet('汇总')!).map((r) => [r[0], r[1]]));
  for (const [key, def] of Object.entries(figureDefinitions)) expect(summary[def.label], key).toBe(Number(f.totals[key as keyof FiguresData['totals']]));
});

it('活动明细 sums to the totals (minutes summed, then shown as hours)', async () => {
  const [header, ...rows] = values((await readBack()).getWorksheet('活动明细')!);
  const col = (name: string) => rows.reduce((s, r) => s + Number(r[header!.indexOf(name)]), 0);
  expect(rows).toHaveLength(f.totals.events_held);
  expect(col('覆盖人次')).toBe(f.totals.people_reached);
  expect(col('宣传资料（份）')).toBe(f.totals.materials);
  expect(col('志愿者到场（人次）')).toBe(f.totals.volunteer_participations);
  expect(col('其中老年人')).toBe(950);
  expect(Math.round((col('志愿服务（分钟）') / 60) * 10) / 10).toBe(f.totals.volunteer_hours);
});

it('分支行, 分受众 and 合作单位 agree with the answer; the 简报 quotes the same totals', async () => {
  const sheets = Object.fromEntries(figuresSheets(f, '测试支行').map((s) => [s.name, s.rows]));
  expect(sheets['分支行']!.slice(1).reduce((s, r) => s + Number(r[2]), 0)).toBe(f.totals.people_reached);
  expect(sheets['分受众']!.slice(1).reduce((s, r) => s + Number(r[1]), 0)).toBe(f.totals.people_reached);
  expect(sheets['合作单位']!.slice(1, 3).map((r) => r.slice(0, 3))).toEqual([['派出所', 1, 1000], ['社区居委会', 1, 1000]]);
  expect(briefing(f)).toBe('截至目前，累计开展线上线下活动 2 场，发放宣传资料 150 份，覆盖群众 1,250 人次，其中老年人 950 人次。');
});
