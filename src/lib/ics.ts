// iCalendar feeds (RFC 5545) for events: all upcoming, one per district, one per event.
// Times are written as Qingdao wall-clock time with TZID=Asia/Shanghai plus a VTIMEZONE block, so
// calendar apps show the event in the zone where it happens. Asia/Shanghai has had no DST since 1991,
// so its VTIMEZONE is one fixed STANDARD rule and we write it ourselves (no tz database needed).
import ical, { ICalAlarmType, ICalEventStatus } from 'ical-generator';
import type { PublishedEvent } from './event-schema';
import { onlineChannels } from './taxonomy';

export const ICS_TIMEZONE = 'Asia/Shanghai';

export interface IcsEvent {
  slug: string;
  title: string;
  summary: string;
  /** The venue's name, or for an online event "线上：<channel>" */
  location: string;
  /** Street address and WGS-84 position; null for online events */
  address: string | null;
  geo: { lat: number; lon: number } | null;
  /** Where to watch an online event, if it has a link */
  onlineUrl: string | null;
  start: Date;
  end: Date;
  status: 'scheduled' | 'cancelled';
  /** The event's revision: grows with every change (time, place, cancellation) */
  revision: number;
}

export interface CalendarOptions {
  name: string;
  /** Absolute site URL, e.g. https://xinghuo.example.cn — gives event URLs and the UID host. */
  siteUrl: string | URL;
  /** DTSTAMP for every event: the build time, injected so tests are deterministic. */
  generatedAt: Date;
}

export function eventUid(slug: string, siteUrl: string | URL): string {
  return `${slug}@${new URL(siteUrl).hostname}`;
}

export function vtimezone(tz: string): string | null {
  if (tz !== ICS_TIMEZONE) return null;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${ICS_TIMEZONE}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

// ical-generator prints a plain Date in the *build machine's* local zone when a TZID is set, which would
// be wrong on a UTC CI server. It also accepts Luxon-like objects (toJSDate/setZone/toFormat), so we hand
// it a tiny one that formats in Asia/Shanghai (fixed +08:00) whatever the machine's zone.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
function shanghaiTime(d: Date) {
  const wall = new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString(); // 2026-12-05T09:30:00.000Z
  const stub = {
    isValid: true as const,
    zone: { type: 'iana' },
    toJSDate: () => new Date(d.getTime()),
    setZone: () => stub,
    toFormat: (fmt: string) => {
      if (fmt === 'yyyyLLdd') return wall.slice(0, 10).replaceAll('-', '');
      if (fmt === 'HHmmss') return wall.slice(11, 19).replaceAll(':', '');
      throw new Error(`unsupported format ${fmt}`);
    },
  };
  return stub;
}

/** One VCALENDAR with the given events (already filtered by the caller). */
export function buildCalendar(events: readonly IcsEvent[], opts: CalendarOptions): string {
  const cal = ical({
    name: opts.name,
    prodId: { company: 'xinghuo', product: 'events', language: 'ZH' },
    // name: null keeps DTSTAMP in UTC; the generator adds a VTIMEZONE for each event's TZID.
    timezone: { name: null, generator: vtimezone },
  });
  for (const e of events) {
    const url = new URL(`/events/${e.slug}/`, opts.siteUrl).href;
    const cancelled = e.status === 'cancelled';
    const event = cal.createEvent({
      id: eventUid(e.slug, opts.siteUrl),
      // @ts-expect-error ical-generator types want a real Luxon DateTime; the stub has the members it uses.
      start: shanghaiTime(e.start),
      // @ts-expect-error see above
      end: shanghaiTime(e.end),
      timezone: ICS_TIMEZONE,
      stamp: opts.generatedAt,
      summary: cancelled ? `【已取消】${e.title}` : e.title,
      description: `${e.summary}\n\n${e.onlineUrl ? `观看链接：${e.onlineUrl}\n` : ''}详情与报名：${url}`,
      location: { title: e.location, ...(e.address ? { address: e.address } : {}), ...(e.geo ? { geo: e.geo } : {}) },
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // RFC 5545 3.8.7.4: calendar apps only replace the copy they hold when SEQUENCE grows; the
      // event's revision grows with every change (a move, a cancellation), and starts at 1.
      sequence: e.revision - 1,
    });
    // Reminder the day before, so people can arrange the trip (not for cancelled events).
    if (!cancelled) {
      event.createAlarm({ type: ICalAlarmType.display, trigger: 24 * 3600, description: `明天：${e.title}（${e.location}）` });
    }
  }
  // RFC 5545 3.4 and 3.6: every content line ends in CRLF (ical-generator leaves the last one bare) and
  // a VCALENDAR holds at least one component, so a feed with no events still carries its VTIMEZONE.
  const body = cal.toString();
  const withComponent = events.length > 0 ? body : body.replace(/END:VCALENDAR$/, `${vtimezone(ICS_TIMEZONE)}\r\nEND:VCALENDAR`);
  return `${withComponent}\r\n`;
}

/** Published event (the events collection) → calendar event; the entry id is the slug. */
export function toIcsEvent(entry: { id: string; data: PublishedEvent }): IcsEvent {
  const d = entry.data;
  const { title, summary, status, revision } = d;
  const place = d.kind === 'online'
    ? { location: `线上：${onlineChannels[d.channel]}`, address: null, geo: null, onlineUrl: d.online_url }
    : { location: d.venue.name, address: d.venue.address, geo: { lat: d.lat, lon: d.lng }, onlineUrl: null };
  return { slug: entry.id, title, summary, start: d.starts_at, end: d.ends_at, status, revision, ...place };
}

/** An HTTP response with the iCalendar media type (static hosts infer it from the .ics extension). */
export function icsResponse(body: string): Response {
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
}
