// CSV that Excel on a Chinese Windows PC opens correctly: UTF-8 with a byte-order mark, CRLF line
// ends, RFC 4180 quoting, and text cells that start like a formula are defused (CSV injection).
import { periodFileSpan, type Period } from './periods';

export type CsvCell = string | number | null | undefined;

const BOM = '\uFEFF';

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  // A name such as "=HYPERLINK(...)" must stay text in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// --- Roster export: full phone numbers, so the file says "confidential" in its name and first line.
export interface RosterExportRow {
  role: string;
  name: string | null;
  phone: string | null;
  organisation: string | null;
  status: string;
  checked_in_at: string | null;
}

export const ROSTER_CONFIDENTIAL_LINE = '保密：本表含志愿者完整手机号，仅限活动联络使用，请勿转发，用完即删。';

const statusZh: Record<string, string> = { confirmed: '已确认', waitlisted: '候补', cancelled: '已取消' };

export function rosterCsv(
  eventTitle: string,
  rows: readonly RosterExportRow[],
  roleLabel: (role: string) => string,
  formatTime: (iso: string) => string,
): string {
  return toCsv([
    [ROSTER_CONFIDENTIAL_LINE],
    [`活动：${eventTitle}`],
    ['角色', '姓名', '手机号', '单位', '状态', '签到时间'],
    ...rows.map((r) => [
      roleLabel(r.role),
      r.name,
      r.phone,
      r.organisation,
      statusZh[r.status] ?? r.status,
      r.checked_in_at ? formatTime(r.checked_in_at) : '未签到',
    ]),
  ]);
}

/** Event slug only (never a name or phone) in the file name. */
export function rosterFilename(slug: string): string {
  return `保密-花名册-${slug.replace(/[^a-z0-9-]/gi, '')}.csv`;
}

/** 活动统计-2026-09-01至2026-09-30-市南支行.csv: the period and scope the file covers. */
export function eventsFilename(p: Period, scopeLabel: string): string {
  return `活动统计-${periodFileSpan(p)}-${scopeLabel}.csv`;
}

// --- Reading: a programme kept as CSV. Excel on a Chinese Windows PC saves "CSV" as GB18030 unless
// told "CSV UTF-8", so bytes that are not valid UTF-8 are read as GB18030.
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks; CRLF or LF line ends. */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}
