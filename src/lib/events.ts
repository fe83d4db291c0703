// Pure helpers over event entries: upcoming/past relative to an injected `now`, ordering, filters,
// grouping, counts and zh-CN time labels. Plain objects in, so unit tests need no Astro runtime.
import { districtName, site } from '../site.config';
import { onlineChannels, type Audience, type EventKind, type OnlineChannel, type ScamType } from './taxonomy';

export interface EventLike {
  id: string;
  data: {
    title: string;
    kind: EventKind;
    starts_at: Date;
    ends_at: Date;
    /** null for online events, which happen nowhere in particular */
    district: string | null;
    audiences: readonly Audience[];
    topics: readonly ScamType[];
    status: 'scheduled' | 'cancelled';
  };
}

/** An event stays "upcoming" until it has ended, so one in progress is still listed for latecomers. */
export function isUpcoming(e: EventLike, now: Date): boolean {
  return e.data.ends_at.getTime() > now.getTime();
}

/** Soonest first; ties by id so every build orders them the same way. */
export function sortSoonestFirst<T extends EventLike>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.data.starts_at.getTime() - b.data.starts_at.getTime() || a.id.localeCompare(b.id));
}

/** Most recent first (for the past-events page). */
export function sortLatestFirst<T extends EventLike>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => b.data.starts_at.getTime() - a.data.starts_at.getTime() || a.id.localeCompare(b.id));
}

export function splitByTime<T extends EventLike>(list: readonly T[], now: Date): { upcoming: T[]; past: T[] } {
  return {
    upcoming: sortSoonestFirst(list.filter((e) => isUpcoming(e, now))),
    past: sortLatestFirst(list.filter((e) => !isUpcoming(e, now))),
  };
}

export function byDistrict<T extends EventLike>(list: readonly T[], district: string): T[] {
  return list.filter((e) => e.data.district === district);
}

/** "everyone" events are meant for every audience, so they appear under each audience too. */
export function byAudience<T extends EventLike>(list: readonly T[], audience: Audience): T[] {
  return list.filter((e) => e.data.audiences.includes(audience) || e.data.audiences.includes('everyone'));
}

/** Online events (公众号文章, 视频号, 直播…): half of what the team does, so they get their own list. */
export function onlineOnly<T extends EventLike>(list: readonly T[]): T[] {
  return list.filter((e) => e.data.kind === 'online');
}

/** Events with a place (a pin on the map, a navigation link); online ones have none. */
export function withPlace<T extends { data: { lat: number | null; lng: number | null } }>(list: readonly T[]): (T & { data: { lat: number; lng: number } })[] {
  return list.filter((e): e is T & { data: { lat: number; lng: number } } => e.data.lat !== null && e.data.lng !== null);
}

/** Where, in a list line: "市南区 · 某社区活动室", or "线上 · 视频号" (the word 线上 first, so it stands out). */
export function placeLabel(d: { channel: OnlineChannel | null; venue: { name: string } | null; district: string | null }): string {
  if (d.channel) return `线上 · ${onlineChannels[d.channel]}`;
  return [d.district && districtName(d.district), d.venue?.name].filter(Boolean).join(' · ');
}

export function byTopic<T extends EventLike>(list: readonly T[], topic: ScamType): T[] {
  return list.filter((e) => e.data.topics.includes(topic));
}

/** Events that will still take place: cancelled ones stay listed (marked) but are never counted,
 *  mapped or advertised as upcoming. */
export function takingPlace<T extends EventLike>(list: readonly T[]): T[] {
  return list.filter((e) => e.data.status !== 'cancelled');
}

/** Next `count` upcoming events that still take place (cancelled ones are not advertised). */
export function nextUpcoming<T extends EventLike>(list: readonly T[], now: Date, count: number): T[] {
  return takingPlace(splitByTime(list, now).upcoming).slice(0, count);
}

/** How many events per key (district id, audience id…), for filter links such as "市南区 (3)". */
export function countBy<T extends EventLike>(list: readonly T[], keys: readonly string[], match: (e: T, key: string) => boolean): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, list.filter((e) => match(e, k)).length]));
}

const monthKeyFmt = new Intl.DateTimeFormat('en-CA', { timeZone: site.timeZone, year: 'numeric', month: '2-digit' });
const monthLabelFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: site.timeZone, year: 'numeric', month: 'long' });

/** Groups keep the list's order; months are computed in Asia/Shanghai, not the build machine's zone. */
export function groupByMonth<T extends EventLike>(list: readonly T[]): { key: string; label: string; events: T[] }[] {
  const groups = new Map<string, { key: string; label: string; events: T[] }>();
  for (const e of list) {
    const key = monthKeyFmt.format(e.data.starts_at).slice(0, 7);
    if (!groups.has(key)) groups.set(key, { key, label: monthLabelFmt.format(e.data.starts_at), events: [] });
    groups.get(key)!.events.push(e);
  }
  return [...groups.values()];
}

const dayFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: site.timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
const timeFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: site.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const isoDayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: site.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026年12月5日星期六 09:30–11:30" (Asia/Shanghai); spans of several days show both dates. */
export function formatEventTime(start: Date, end: Date): string {
  const sameDay = isoDayFmt.format(start) === isoDayFmt.format(end);
  return sameDay
    ? `${dayFmt.format(start)} ${timeFmt.format(start)}–${timeFmt.format(end)}`
    : `${dayFmt.format(start)} ${timeFmt.format(start)} 至 ${dayFmt.format(end)} ${timeFmt.format(end)}`;
}

/** ISO 8601 with the site's fixed offset (+08:00), for <time datetime>. Asia/Shanghai has no DST. */
export function isoInSiteZone(d: Date): string {
  const [, sign, hh, mm] = /^([+-])(\d\d):(\d\d)$/.exec(site.utcOffset)!;
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm)) * 60_000;
  const shifted = new Date(d.getTime() + offsetMs);
  return `${shifted.toISOString().slice(0, 19)}${site.utcOffset}`;
}

/** The public description: plain text whose paragraphs are separated by blank lines (rendered escaped). */
export function paragraphs(text: string): string[] {
  return text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean);
}
