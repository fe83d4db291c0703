import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, eventUid, type IcsEvent } from '../../src/lib/ics';

const site = 'https://xinghuo.example.cn';
const generatedAt = new Date('2026-11-27T08:00:00Z');

function event(slug: string, over: Partial<IcsEvent> = {}): IcsEvent {
  return {
    slug,
    title: '守好养老钱：社区反诈讲座',
    summary: '讲讲常见的养老诈骗套路，现场答疑。',
    location: '八大湖街道社区服务中心',
    address: '青岛市市南区某路1号',
    geo: { lat: 36.0671, lon: 120.3826 },
    onlineUrl: null,
    start: new Date('2026-12-05T01:30:00Z'), // 09:30 in Qingdao
    end: new Date('2026-12-05T03:30:00Z'),
    status: 'scheduled',
    revision: 1,
    ...over,
  };
}

// Parse with a real iCalendar parser and register the calendar's own VTIMEZONE, as a calendar app does.
function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { root, events: root.getAllSubcomponents('vevent') };
}

describe('buildCalendar', () => {
  const text = buildCalendar([event('pension-talk'), event('cancelled-talk', { status: 'cancelled', revision: 3, start: new Date('2026-12-06T06:00:00Z'), end: new Date('2026-12-06T07:00:00Z') })], {
    name: '星火社区活动',
    siteUrl: site,
    generatedAt,
  });
  const { root, events } = parse(text);

  it('is a VCALENDAR with one VEVENT per event and CRLF line endings', () => {
    expect(root.name).toBe('vcalendar');
    expect(events).toHaveLength(2);
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n\n');
  });

  it('uses the stable UID <slug>@<host>', () => {
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual(['pension-talk@xinghuo.example.cn', 'cancelled-talk@xinghuo.example.cn']);
    expect(eventUid('x', 'http://127.0.0.1:4399/')).toBe('x@127.0.0.1');
  });

  it('writes start/end as Asia/Shanghai wall time that resolves to the right instant', () => {
    const ev = new ICAL.Event(events[0]!);
    expect(events[0]!.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Shanghai');
    expect(ev.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect(ev.startDate.toString()).toBe('2026-12-05T09:30:00');
    expect(ev.startDate.toJSDate().toISOString()).toBe('2026-12-05T01:30:00.000Z');
    expect(ev.endDate.toJSDate().toISOString()).toBe('2026-12-05T03:30:00.000Z');
    expect(root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Shanghai');
  });

  it('keeps DTSTAMP in UTC', () => {
    const stamp = events[0]!.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe(generatedAt.toISOString());
    expect(text).toContain('DTSTAMP:20261127T080000Z');
  });

  it('adds a display alarm one day before a scheduled event', () => {
    const alarms = events[0]!.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
    const trigger = alarms[0]!.getFirstPropertyValue('trigger') as ICAL.Duration;
    expect(trigger.toSeconds()).toBe(-86400);
    expect(String(alarms[0]!.getFirstPropertyValue('description'))).toContain('守好养老钱');
  });

  it('marks cancelled events STATUS:CANCELLED without a reminder', () => {
    expect(events[0]!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(events[1]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[1]!.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(String(events[1]!.getFirstPropertyValue('summary'))).toContain('已取消');
  });

  it("raises SEQUENCE with the event's revision, so a moved or cancelled event replaces the copy calendar apps hold (RFC 5545 3.8.7.4)", () => {
    expect(events[0]!.getFirstPropertyValue('sequence')).toBe(0);
    expect(events[1]!.getFirstPropertyValue('sequence')).toBe(2);
  });

  it('is byte-exact RFC 5545: every line, the last included, ends in CRLF and is at most 75 octets', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('\r\n\r\n')).toBe(false);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  });

  it('links to the event page and carries location with address and GEO', () => {
    expect(events[0]!.getFirstPropertyValue('url')).toBe('https://xinghuo.example.cn/events/pension-talk/');
    const location = String(events[0]!.getFirstPropertyValue('location'));
    expect(location).toContain('八大湖街道社区服务中心');
    expect(location).toContain('青岛市市南区某路1号');
    expect(events[0]!.getFirstPropertyValue('geo')).toEqual([36.0671, 120.3826]);
  });

  it('an online event has its channel as location, its link in the description and no GEO', () => {
    const online = event('online-talk', { location: '线上：视频号', address: null, geo: null, onlineUrl: 'https://channels.example.cn/live/1' });
    const [vevent] = parse(buildCalendar([online], { name: '线上', siteUrl: site, generatedAt })).events;
    expect(String(vevent!.getFirstPropertyValue('location'))).toBe('线上：视频号');
    expect(vevent!.getFirstPropertyValue('geo')).toBeNull();
    expect(String(vevent!.getFirstPropertyValue('description'))).toContain('观看链接：https://channels.example.cn/live/1');
  });

  it('gives the same output for the same input (stable feeds)', () => {
    const again = buildCalendar([event('pension-talk'), event('cancelled-talk', { status: 'cancelled', revision: 3, start: new Date('2026-12-06T06:00:00Z'), end: new Date('2026-12-06T07:00:00Z') })], { name: '星火社区活动', siteUrl: site, generatedAt });
    expect(again).toBe(text);
  });

  it('an empty calendar is still valid: no events, yet one component (RFC 5545 3.6) and a final CRLF', () => {
    const emptyText = buildCalendar([], { name: '空', siteUrl: site, generatedAt });
    const { root: empty, events: none } = parse(emptyText);
    expect(empty.name).toBe('vcalendar');
    expect(none).toHaveLength(0);
    expect(empty.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone']);
    expect(emptyText.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
