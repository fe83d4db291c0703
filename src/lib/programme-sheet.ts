// A programme as coordinators keep it in a spreadsheet, one event per row, columns in Chinese.
// Import: sheet cells → coord_import_events rows (labels are sent as written; the database decides
// what they mean and reports every problem). Export: events → the same columns, so an exported
// file imports again unchanged.
import { site } from '../site.config';
import { audiences, eventKinds, onlineChannels, scamTypes } from './taxonomy';
import { toLocalInput } from './programme-time';

export const sheetColumns = [
  { header: '标题', field: 'title' },
  { header: '简介', field: 'summary' },
  { header: '类型', field: 'kind' },
  { header: '开始', field: 'starts_at' },
  { header: '结束', field: 'ends_at' },
  { header: '场地', field: 'venue_name' },
  { header: '对象', field: 'audiences' },
  { header: '主题', field: 'topics' },
  { header: '岗位名额', field: 'roles' },
  { header: '合作单位', field: 'partners' },
  { header: '渠道', field: 'channel' },
  { header: '链接', field: 'online_url' },
  { header: '备注', field: 'internal_notes' },
  { header: '详细介绍', field: 'description' },
  // By label (or id); an empty cell: the importer's own branch (a team lead's: 不属任何支行).
  { header: '支行', field: 'branch' },
] as const;
type SheetField = (typeof sheetColumns)[number]['field'];
const requiredHeaders = ['标题', '简介', '类型', '开始', '结束'];

/** What a spreadsheet cell can hold once read (xlsx dates arrive as Date, CSV cells as text). */
export type SheetCell = string | number | boolean | Date | null | undefined;

export interface ImportRow {
  title: string;
  summary: string;
  kind: string;
  starts_at: string;
  ends_at: string;
  venue_name?: string | undefined;
  audiences: string[];
  topics: string[];
  roles: Record<string, number | null>;
  partners: string[];
  channel?: string | undefined;
  online_url?: string | undefined;
  internal_notes?: string | undefined;
  description?: string | undefined;
  branch?: string | undefined;
}

export interface SheetProblem {
  /** The spreadsheet's own row number (the header is row 1), as the coordinator sees it in Excel. */
  sheetRow: number;
  column: string;
  code: string;
}

export interface ReadSheet {
  rows: ImportRow[];
  /** sheetRows[i] = spreadsheet row of rows[i] (blank rows are skipped). */
  sheetRows: number[];
  problems: SheetProblem[];
}

const text = (c: SheetCell): string => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c)).trim();
/** "老年人、所有人" → ['老年人', '所有人']: the separators people use between names in one cell or field. */
export function splitList(value: string): string[] {
  return value.split(/[、，,；;\n]+/).map((s) => s.trim()).filter(Boolean);
}
const list = (c: SheetCell): string[] => splitList(text(c));
const pad = (n: number) => String(n).padStart(2, '0');
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A start/end cell as an instant in the site's zone. Spreadsheet times have no zone: a date cell
 * (exceljs gives its wall-clock time as UTC) or a serial number, and text such as "2026/12/5 9:30"
 * are read as Qingdao time. Anything else is sent as written, and the database names the problem.
 */
export function sheetTime(c: SheetCell): string {
  const wall = (d: Date) =>
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${site.utcOffset}`;
  if (c instanceof Date) return wall(c);
  if (typeof c === 'number') return wall(new Date(EXCEL_EPOCH_MS + Math.round(c * 86_400) * 1000));
  const s = text(c);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+|T)(\d{1,2})[:：时](\d{2})分?$/.exec(s);
  return m ? `${m[1]}-${pad(+m[2]!)}-${pad(+m[3]!)}T${pad(+m[4]!)}:${m[5]}:00${site.utcOffset}` : s;
}

/** "银行工作人员 3；民警 1" → {银行工作人员: 3, 民警: 1}; an item without a number gets null (slots_invalid). */
export function sheetRoles(c: SheetCell): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const item of text(c).split(/[；;，,\n]+/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.*?)[\s:：×xX*]*(-?\d+)\s*[人名个]?$/.exec(item);
    if (m && m[1]!.trim()) out[m[1]!.trim()] = Number(m[2]);
    else out[item] = null;
  }
  return out;
}

/** The first table row names the columns (in any order); every later non-blank row is one event. */
export function readProgrammeTable(table: readonly (readonly SheetCell[])[]): ReadSheet {
  const header = (table[0] ?? []).map(text);
  const problems: SheetProblem[] = requiredHeaders
    .filter((h) => !header.includes(h))
    .map((column) => ({ sheetRow: 1, column, code: 'column_missing' }));
  const at = new Map<SheetField, number>();
  for (const { header: h, field } of sheetColumns) if (header.includes(h)) at.set(field, header.indexOf(h));
  const cell = (row: readonly SheetCell[], f: SheetField) => (at.has(f) ? row[at.get(f)!] : undefined);

  const rows: ImportRow[] = [];
  const sheetRows: number[] = [];
  table.slice(1).forEach((row, i) => {
    if (row.every((c) => text(c) === '')) return;
    const optional = (f: SheetField) => text(cell(row, f)) || undefined;
    rows.push({
      title: text(cell(row, 'title')),
      summary: text(cell(row, 'summary')),
      kind: text(cell(row, 'kind')),
      starts_at: sheetTime(cell(row, 'starts_at')),
      ends_at: sheetTime(cell(row, 'ends_at')),
      venue_name: optional('venue_name'),
      audiences: list(cell(row, 'audiences')),
      topics: list(cell(row, 'topics')),
      roles: sheetRoles(cell(row, 'roles')),
      partners: list(cell(row, 'partners')),
      channel: optional('channel'),
      online_url: optional('online_url'),
      internal_notes: optional('internal_notes'),
      description: optional('description'),
      branch: optional('branch'),
    });
    sheetRows.push(i + 2);
  });
  return { rows, sheetRows, problems };
}

/** The column header a database problem's field belongs to (several fields share one column). */
export function columnOfField(field: string): string {
  const alias: Record<string, SheetField> = { venue_id: 'venue_name', venue: 'venue_name', slots: 'roles', role: 'roles', branch_id: 'branch' };
  const f = alias[field] ?? field;
  return sheetColumns.find((c) => c.field === f)?.header ?? field;
}

export interface ExportEvent {
  title: string;
  summary: string;
  kind: string;
  starts_at: string;
  ends_at: string;
  venue_name: string | null;
  audiences: readonly string[];
  topics: readonly string[];
  roles: readonly { label: string; slots: number }[];
  partners: readonly string[];
  channel: string | null;
  online_url: string | null;
  internal_notes: string | null;
  description: string | null;
  /** The 支行's label; null: 不属任何支行 (an empty cell). */
  branch: string | null;
}

const label = (vocabulary: Record<string, string>, id: string) => vocabulary[id] ?? id;
const wallTime = (iso: string) => toLocalInput(iso).replace('T', ' ');

/** Header + one row per event, in sheetColumns' order, labels in Chinese. */
export function programmeTable(events: readonly ExportEvent[]): string[][] {
  const value = (e: ExportEvent, f: SheetField): string => {
    switch (f) {
      case 'kind': return label(eventKinds, e.kind);
      case 'channel': return e.channel ? label(onlineChannels, e.channel) : '';
      case 'starts_at': return wallTime(e.starts_at);
      case 'ends_at': return wallTime(e.ends_at);
      case 'audiences': return e.audiences.map((a) => label(audiences, a)).join('、');
      case 'topics': return e.topics.map((t) => label(scamTypes, t)).join('、');
      case 'partners': return e.partners.join('、');
      case 'roles': return e.roles.filter((r) => r.slots > 0).map((r) => `${r.label} ${r.slots}`).join('；');
      default: return e[f] ?? '';
    }
  };
  return [sheetColumns.map((c) => c.header), ...events.map((e) => sheetColumns.map((c) => value(e, c.field)))];
}

export interface CellProblems {
  sheetRow: number;
  column: string;
  codes: string[];
}

/** One entry per bad cell (several codes of one cell read as one message), in sheet order. */
export function problemsByCell(problems: readonly SheetProblem[]): CellProblems[] {
  const cells = new Map<string, CellProblems>();
  for (const p of problems) {
    const key = `${p.sheetRow}\u0000${p.column}`;
    const cell = cells.get(key) ?? { sheetRow: p.sheetRow, column: p.column, codes: [] };
    if (!cell.codes.includes(p.code)) cell.codes.push(p.code);
    cells.set(key, cell);
  }
  return [...cells.values()].sort((a, b) => a.sheetRow - b.sheetRow);
}
