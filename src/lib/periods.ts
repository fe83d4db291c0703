// The dashboard's period presets as calendar dates in Asia/Shanghai (YYYY-MM-DD, both ends included,
// as coord_figures takes them). A period still running ends today, so a 简报 never speaks of days
// that have not happened yet.
import { site } from '../site.config';

export const periodPresets = {
  this_month: '本月',
  last_month: '上月',
  this_quarter: '本季度',
  last_quarter: '上季度',
  this_year: '今年',
  all: '全部时间',
  campaign: '活动专题…',
  custom: '自定义…',
} as const;
export type PeriodPreset = keyof typeof periodPresets;

export interface Period {
  from: string | null;
  to: string | null;
}

/** What the dashboard shows: a period (a preset's dates, a campaign's, or two typed), of one branch (null: all in scope). */
export interface FiguresScope extends Period {
  preset: PeriodPreset;
  branch: string | null;
  campaign: string | null;
}

const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: site.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** The last day of month m (1–12) of year y. */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The dates of a preset on the day `now` is in Qingdao; campaign and custom carry their own dates (null here). */
export function presetPeriod(preset: PeriodPreset, now = new Date()): Period {
  const today = isoDay.format(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const quarterStart = m - ((m - 1) % 3);
  switch (preset) {
    case 'this_month':
      return { from: iso(y, m, 1), to: today };
    case 'last_month': {
      const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: iso(py, pm, 1), to: iso(py, pm, lastDay(py, pm)) };
    }
    case 'this_quarter':
      return { from: iso(y, quarterStart, 1), to: today };
    case 'last_quarter': {
      const [qy, qm] = quarterStart === 1 ? [y - 1, 10] : [y, quarterStart - 3];
      return { from: iso(qy, qm, 1), to: iso(qy, qm + 2, lastDay(qy, qm + 2)) };
    }
    case 'this_year':
      return { from: iso(y, 1, 1), to: today };
    default:
      return { from: null, to: null };
  }
}

/** 2026年9月1日 (the year left out when it is `sameYearAs`'s). */
export function chineseDate(isoDate: string, sameYearAs?: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${sameYearAs?.slice(0, 4) === isoDate.slice(0, 4) ? '' : `${y}年`}${m}月${d}日`;
}

/** 「2026年9月1日至9月30日」, 「2026年9月1日以来」, 「截至2026年9月30日」 or 「截至目前」 for all time. */
export function periodWords(p: Period): string {
  if (p.from && p.to) return `${chineseDate(p.from)}至${chineseDate(p.to, p.from)}`;
  if (p.from) return `${chineseDate(p.from)}以来`;
  if (p.to) return `截至${chineseDate(p.to)}`;
  return '截至目前';
}

/** A period in a file name: 2026-09-01至2026-09-30, 全部 for all time. */
export function periodFileSpan(p: Period): string {
  return p.from || p.to ? `${p.from ?? '开始'}至${p.to ?? '今'}` : '全部';
}
