// Shapes the coord_dashboard / coord_events payloads for the coordinator screens and exports:
// labels in Chinese, bar lengths, progress against the yearly target, CSV rows.
import { districtName, site } from '../site.config';
import { scamTypes } from './taxonomy';
import { noBranchLabel, reachAudiences, reachChannels, unsplitReach, type ReachChannel } from './figures';
import type { CsvCell } from './csv';

export interface GroupRow {
  key: string;
  events: number;
  people_reached: number;
  materials: number;
}

export interface ReachRow {
  key: string;
  people_reached: number;
}

/** One held event with its figures, as coord_figures' rows list it (what the totals sum). */
export interface FigureRow {
  id: number;
  slug: string;
  title: string | null;
  starts_at: string;
  district: string;
  branch_id: string | null;
  channel: ReachChannel;
  partners: string[];
  reported: boolean;
  people_reached: number;
  reach_by_audience: Record<string, number>;
  materials: number;
  questions_answered: number;
  volunteers_present: number;
  service_minutes: number;
}

/** One branch's held events (key null: the team's own events, 不属任何支行). */
export interface BranchRow extends Omit<GroupRow, 'key'> {
  key: string | null;
  label: string | null;
  volunteer_hours: number;
}

/** One coord_figures answer: a period (either end open) of one scope; the screen, print, .xlsx and 简报 read it. */
export interface FiguresData {
  from: string | null;
  to: string | null;
  /** The branch the figures cover; null: every branch the caller may see. */
  branch: string | null;
  campaign: { id: string; label: string; starts_on: string; ends_on: string; retired: boolean } | null;
  totals: {
    events_held: number;
    events_reported: number;
    people_reached: number;
    questions_answered: number;
    materials: number;
    volunteer_participations: number;
    volunteer_hours: number;
  };
  materials_by_kind: { kind: string; label: string; quantity: number }[];
  by_month: GroupRow[];
  by_district: GroupRow[];
  /** One row per channel that has held events (keys of figures.ts reachChannels). */
  by_channel: GroupRow[];
  /** People, split by audience; adds up to totals.people_reached. */
  by_audience: ReachRow[];
  by_topic: GroupRow[];
  map_total: number;
  /** [event id, title, lat, lng, people reached, starts_at] */
  map: [number, string, number, number, number, string][];
  years: number[];
  /** Every held event (the branch's own events under null); adds up to the totals. */
  by_branch: BranchRow[];
  /** Partners worked with: an event with two partners counts once under each (not adding up). */
  by_partner: GroupRow[];
  /** Null unless asked for (coordFigures(…, true)). */
  rows: FigureRow[] | null;
}

/** An answer with every held event's row: what the exports and the printed list are made from. */
export type FiguresWithRows = FiguresData & { rows: FigureRow[] };

export interface CoordEvent {
  id: number;
  slug: string;
  title: string | null;
  starts_at: string;
  ends_at: string;
  district: string;
  /** The 支行 the event belongs to (null: the team's own). */
  branch_id?: string | null;
  status: string;
  audiences: string[] | null;
  topics: string[] | null;
  slots: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checked_in: number;
  report_version: number | null;
  people_reached: number | null;
  volunteers_present: number | null;
  questions_answered: number | null;
  materials: number;
}

export type GroupKind = 'month' | 'district' | 'channel' | 'audience' | 'topic';

const audienceRowLabels: Record<string, string> = { ...reachAudiences, ...unsplitReach };

export function groupLabel(kind: GroupKind, key: string): string {
  if (kind === 'district') return districtName(key);
  if (kind === 'channel') return (reachChannels as Record<string, { label: string }>)[key]?.label ?? key;
  if (kind === 'audience') return audienceRowLabels[key] ?? key;
  if (kind === 'topic') return (scamTypes as Record<string, string>)[key] ?? key;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${m[1]}年${Number(m[2])}月` : key;
}

/** A branch's name in every figure by branch (null: the team's own events). */
export function branchName(f: Pick<FiguresData, 'by_branch'>, id: string | null): string {
  return id === null ? noBranchLabel : (f.by_branch.find((b) => b.key === id)?.label ?? id);
}

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** 0–100: share of the largest value, for the bar's length. */
  share: number;
}

export function toBars(
  kind: GroupKind,
  rows: readonly (ReachRow & Partial<GroupRow>)[],
  metric: 'people_reached' | 'events' | 'materials',
): Bar[] {
  const value = (r: ReachRow & Partial<GroupRow>) => r[metric] ?? 0;
  const max = Math.max(0, ...rows.map(value));
  return rows.map((r) => ({
    key: r.key,
    label: groupLabel(kind, r.key),
    value: value(r),
    share: max > 0 ? Math.round((value(r) / max) * 1000) / 10 : 0,
  }));
}

/** All three channels in their fixed order, 0 where no event of that channel was held. */
export function channelRows(rows: readonly GroupRow[]): GroupRow[] {
  return (Object.keys(reachChannels) as ReachChannel[]).map(
    (key) => rows.find((r) => r.key === key) ?? { key, events: 0, people_reached: 0, materials: 0 },
  );
}

export function kindBars(rows: FiguresData['materials_by_kind']): Bar[] {
  const max = Math.max(0, ...rows.map((r) => r.quantity));
  return rows.map((r) => ({
    key: r.kind,
    label: r.label,
    value: r.quantity,
    share: max > 0 ? Math.round((r.quantity / max) * 1000) / 10 : 0,
  }));
}

export interface Progress {
  value: number;
  target: number;
  /** Whole percent reached (may pass 100). */
  percent: number;
  /** 0–100 for the bar. */
  bar: number;
}

export function progress(value: number, target: number): Progress {
  const percent = target > 0 ? Math.floor((value / target) * 100) : 0;
  return { value, target, percent, bar: Math.min(100, Math.max(0, percent)) };
}

/** Progress of the three headline figures against site.config's yearly target. */
export function yearlyProgress(data: FiguresData, target = site.yearlyTarget): { label: string; p: Progress }[] {
  return [
    { label: '活动场次', p: progress(data.totals.events_held, target.events) },
    { label: '群众覆盖人次', p: progress(data.totals.people_reached, target.peopleReached) },
    { label: '发放宣传资料（份）', p: progress(data.totals.materials, target.materials) },
  ];
}

const numberFormat = new Intl.NumberFormat('zh-CN');
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : numberFormat.format(n);
}

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: site.timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: site.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
/** 2026/11/27 in Asia/Shanghai. */
export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** 2026/11/27 14:30 in Asia/Shanghai. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '';
}

export const eventsCsvHeader = [
  '活动', '开始时间', '区（市）', '状态', '名额', '已确认', '候补', '签到', '群众覆盖人次', '到场志愿者', '解答咨询', '宣传资料（份）', '报告版本',
];

/**
 * One row per event. People reached and volunteers present come from the held events' figures
 * (coord_figures' rows: the dashboard's own definitions), so the file and the dashboard agree.
 */
export function eventsCsvRows(events: readonly CoordEvent[], held: readonly FigureRow[]): CsvCell[][] {
  const figures = new Map(held.map((h) => [h.id, h]));
  return [
    eventsCsvHeader,
    ...events.map((e) => {
      const f = figures.get(e.id);
      return [
        e.title ?? e.slug,
        formatDateTime(e.starts_at),
        districtName(e.district),
        e.status === 'scheduled' ? '如期举行' : '已取消',
        e.slots,
        e.confirmed,
        e.waitlisted,
        e.checked_in,
        f?.reported ? f.people_reached : null,
        f ? f.volunteers_present : null,
        e.questions_answered,
        e.report_version ? e.materials : null,
        e.report_version,
      ];
    }),
  ];
}

/** A confirmed volunteer who never checked in, once the event is over. */
export function isNoShow(
  s: { status: string; checked_in_at: string | null },
  eventEndsAt: string,
  now = new Date(),
): boolean {
  return s.status === 'confirmed' && !s.checked_in_at && new Date(eventEndsAt).getTime() < now.getTime();
}

/** The event has started (so it belongs under "已举行"). */
export function isPast(e: Pick<CoordEvent, 'starts_at'>, now = new Date()): boolean {
  return new Date(e.starts_at).getTime() <= now.getTime();
}
