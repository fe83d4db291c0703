import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { columnOfField, programmeTable, readProgrammeTable, sheetColumns, sheetRoles, sheetTime, type ExportEvent } from '../../src/lib/programme-sheet';
import { readSheetFile, writeSheetFile } from '../../src/lib/programme-xlsx';
import { parseCsv, toCsv } from '../../src/lib/csv';

// Dates are built relative to the run, never fixed to a calendar day.
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
const wall = (d: Date, hh: string) => `${d.toISOString().slice(0, 10)}T${hh}:00+08:00`;

const header = ['标题', '简介', '类型', '开始', '结束', '场地', '对象', '主题', '岗位名额', '合作单位', '渠道', '链接', '备注'];

describe('readProgrammeTable', () => {
  it('maps Chinese columns (any order) to coord_import_events rows and keeps spreadsheet row numbers', () => {
    const day = inDays(10);
    const ymd = day.toISOString().slice(0, 10);
    const table = [
      [...header].reverse(),
      [...['防诈讲座进社区', '教老人识破冒充公检法', '社区宣讲', `${ymd} 9:30`, `${ymd} 11:00`, '某社区党群服务中心', '老年人、所有人', '冒充公检法', '银行工作人员 3；民警 1', '市南区某街道，某派出所', '', '', '带折页']].reverse(),
      Array(13).fill(''),
      [...['线上直播课', '直播讲清刷单返利的套路', '线上', day, day, '', '学生和家长', '刷单返利', '律师：2', '', '直播', 'https://live.example.cn/1', '']].reverse(),
    ];
    const read = readProgrammeTable(table);
    expect(read.problems).toEqual([]);
    expect(read.sheetRows).toEqual([2, 4]);
    expect(read.rows[0]).toMatchObject({
      title: '防诈讲座进社区',
      kind: '社区宣讲',
      starts_at: `${ymd}T09:30:00+08:00`,
      ends_at: `${ymd}T11:00:00+08:00`,
      venue_name: '某社区党群服务中心',
      audiences: ['老年人', '所有人'],
      roles: { 银行工作人员: 3, 民警: 1 },
      partners: ['市南区某街道', '某派出所'],
      internal_notes: '带折页',
    });
    expect(read.rows[1]).toMatchObject({ channel: '直播', online_url: 'https://live.example.cn/1', roles: { 律师: 2 } });
    expect(read.rows[1]!.venue_name).toBeUndefined();
  });

  it('names every missing required column', () => {
    const read = readProgrammeTable([['标题', '开始'], ['x', 'y']]);
    expect(read.problems.map((p) => p.column)).toEqual(['简介', '类型', '结束']);
    expect(read.problems.every((p) => p.code === 'column_missing' && p.sheetRow === 1)).toBe(true);
  });
});

describe('sheetTime', () => {
  it('reads an xlsx date cell (wall clock as UTC) and an Excel serial number as Qingdao time', () => {
    expect(sheetTime(new Date(Date.UTC(2031, 4, 6, 14, 5)))).toBe('2031-05-06T14:05:00+08:00');
    // Serial 47000.5 is 2028-09-04 12:00 (45658 is 2025-01-01) in Excel's calendar.
    expect(sheetTime(47000.5)).toBe('2028-09-04T12:00:00+08:00');
  });
  it('reads the ways people type a time and leaves anything else for the database to refuse', () => {
    expect(sheetTime('2030/1/2 8:05')).toBe('2030-01-02T08:05:00+08:00');
    expect(sheetTime('2030年1月2日 8:05')).toBe('2030-01-02T08:05:00+08:00');
    expect(sheetTime('下周三上午')).toBe('下周三上午');
  });
});

describe('sheetRoles', () => {
  it('splits "label number" items, allowing full-width separators, and marks an item without a number', () => {
    expect(sheetRoles('其他志愿者（学生、退休人员等） 5；民警×1, 律师:2')).toEqual({ '其他志愿者（学生、退休人员等）': 5, 民警: 1, 律师: 2 });
    expect(sheetRoles('民警 若干')).toEqual({ '民警 若干': null });
    // A negative number stays a number, so the database answers slots_negative, not role_unknown.
    expect(sheetRoles('民警 -1')).toEqual({ 民警: -1 });
  });
});

describe('columnOfField', () => {
  it('names the column of a database problem field', () => {
    expect(columnOfField('venue_id')).toBe('场地');
    expect(columnOfField('slots')).toBe('岗位名额');
    expect(columnOfField('ends_at')).toBe('结束');
    expect(columnOfField('branch_id')).toBe('支行');
  });
});

const exported: ExportEvent = {
  title: '反诈宣讲进网点',
  summary: '在网点大厅讲解养老诈骗的常见话术',
  kind: 'lobby',
  starts_at: wall(inDays(20), '09:00'),
  ends_at: wall(inDays(20), '10:30'),
  venue_name: '某支行营业部',
  audiences: ['elderly'],
  topics: ['pension-scam', 'fake-officials'],
  roles: [{ label: '讲师', slots: 2 }, { label: '引导员', slots: 0 }],
  partners: ['某社区居委会'],
  channel: null,
  online_url: null,
  internal_notes: '提前半小时到',
  description: '第一段\n\n第二段',
  branch: '市南支行',
};

describe('programmeTable → xlsx → readProgrammeTable', () => {
  it('an exported programme imports again with the same values', async () => {
    const bytes = await writeSheetFile(programmeTable([exported]), '活动');
    const read = readProgrammeTable(await readSheetFile('programme.xlsx', bytes));
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      {
        title: exported.title, summary: exported.summary, kind: '网点厅堂', starts_at: exported.starts_at, ends_at: exported.ends_at,
        venue_name: '某支行营业部', audiences: ['老年人'], topics: ['养老诈骗', '冒充公检法'], roles: { 讲师: 2 }, partners: ['某社区居委会'],
        channel: undefined, online_url: undefined, internal_notes: '提前半小时到', description: '第一段\n\n第二段',
        branch: '市南支行',
      },
    ]);
    // 不属任何支行 goes out as an empty cell and comes back as no branch.
    const none = readProgrammeTable(await readSheetFile('programme.xlsx', await writeSheetFile(programmeTable([{ ...exported, branch: null }]), '活动')));
    expect(none.rows[0]!.branch).toBeUndefined();
    expect(programmeTable([])[0]).toEqual(sheetColumns.map((c) => c.header));
  });

  it('reads a workbook made elsewhere: real date cells, rich text and formulas give their values', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('计划');
    sheet.addRow(header);
    sheet.addRow([{ richText: [{ text: '防诈' }, { text: '讲座' }] }, '简介文字够长了', '社区宣讲', new Date(Date.UTC(2031, 0, 5, 9, 30)), { formula: 'D2+1/24', result: new Date(Date.UTC(2031, 0, 5, 10, 30)) }]);
    const read = readProgrammeTable(await readSheetFile('计划.XLSX', (await book.xlsx.writeBuffer()) as ArrayBuffer));
    expect(read.rows[0]).toMatchObject({ title: '防诈讲座', starts_at: '2031-01-05T09:30:00+08:00', ends_at: '2031-01-05T10:30:00+08:00' });
  });

  it('reads CSV saved by Excel as UTF-8 with BOM or as GB18030', async () => {
    const csv = toCsv([header, ['标题一', '简介，带逗号', '线上', '2031-01-05 09:30', '2031-01-05 10:30']]);
    const utf8 = new TextEncoder().encode(csv);
    expect(readProgrammeTable(await readSheetFile('a.csv', utf8.buffer as ArrayBuffer)).rows[0]).toMatchObject({ summary: '简介，带逗号', kind: '线上' });
    // "标题,类型\r\n讲座,线上\r\n" in GB18030, as Chinese Excel saves "CSV (逗号分隔)".
    const gb = Uint8Array.from([0xb1, 0xea, 0xcc, 0xe2, 0x2c, 0xc0, 0xe0, 0xd0, 0xcd, 0x0d, 0x0a, 0xbd, 0xb2, 0xd7, 0xf9, 0x2c, 0xcf, 0xdf, 0xc9, 0xcf, 0x0d, 0x0a]);
    expect(await readSheetFile('b.csv', gb.buffer)).toEqual([['标题', '类型'], ['讲座', '线上']]);
  });
});

describe('parseCsv', () => {
  it('keeps quoted commas, quotes and line breaks inside a cell', () => {
    expect(parseCsv('a,"b,""c""\nd"\r\ne,f')).toEqual([['a', 'b,"c"\nd'], ['e', 'f']]);
  });
});

describe('problemsByCell', () => {
  it('gives one entry per bad cell, in sheet order, each code once', async () => {
    const { problemsByCell } = await import('../../src/lib/programme-sheet');
    expect(problemsByCell([
      { sheetRow: 9, column: '岗位名额', code: 'slots_negative' },
      { sheetRow: 3, column: '标题', code: 'title_too_long' },
      { sheetRow: 9, column: '岗位名额', code: 'roles_required' },
      { sheetRow: 9, column: '岗位名额', code: 'roles_required' },
      { sheetRow: 9, column: '结束', code: 'ends_before_start' },
    ])).toEqual([
      { sheetRow: 3, column: '标题', codes: ['title_too_long'] },
      { sheetRow: 9, column: '岗位名额', codes: ['slots_negative', 'roles_required'] },
      { sheetRow: 9, column: '结束', codes: ['ends_before_start'] },
    ]);
  });
});
