import { describe, expect, it } from 'vitest';
import {
  byAudience,
  byDistrict,
  byTopic,
  countBy,
  formatEventTime,
  groupByMonth,
  isoInSiteZone,
  isUpcoming,
  nextUpcoming,
  onlineOnly,
  paragraphs,
  placeLabel,
  withPlace,
  splitByTime,
  type EventLike,
} from '../../src/lib/events';

const H = 3600_000;
const now = new Date('2026-12-01T04:00:00Z'); // 12:00 in Qingdao

function ev(id: string, startOffsetH: number, extra: Partial<EventLike['data']> = {}): EventLike {
  const start = new Date(now.getTime() + startOffsetH * H);
  return {
    id,
    data: {
      title: id,
      kind: 'community',
      starts_at: start,
      ends_at: new Date(start.getTime() + 2 * H),
      district: 'shinan',
      audiences: ['elderly'],
      topics: ['pension-scam'],
      status: 'scheduled',
      ...extra,
    },
  };
}

describe('upcoming / past', () => {
  const list = [ev('later', 72), ev('soon', 5), ev('long-ago', -300), ev('running', -1), ev('yesterday', -26)];

  it('keeps an event that has started but not ended as upcoming', () => {
    expect(isUpcoming(ev('x', -1), now)).toBe(true);
    expect(isUpcoming(ev('x', -2), now)).toBe(false); // ended exactly now
  });

  it('splits relative to the given now, upcoming soonest first and past latest first', () => {
    const { upcoming, past } = splitByTime(list, now);
    expect(upcoming.map((e) => e.id)).toEqual(['running', 'soon', 'later']);
    expect(past.map((e) => e.id)).toEqual(['yesterday', 'long-ago']);
  });

  it('moves with now: a week later everything is past', () => {
    const { upcoming, past } = splitByTime(list, new Date(now.getTime() + 7 * 24 * H));
    expect(upcoming).toEqual([]);
    expect(past).toHaveLength(5);
  });

  it('orders equal start times by id so builds are stable', () => {
    const { upcoming } = splitByTime([ev('b', 3), ev('a', 3)], now);
    expect(upcoming.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('nextUpcoming skips cancelled events and limits the count', () => {
    const l = [ev('c1', 3, { status: 'cancelled' }), ev('n1', 4), ev('n2', 5), ev('n3', 6), ev('p', -10)];
    expect(nextUpcoming(l, now, 2).map((e) => e.id)).toEqual(['n1', 'n2']);
  });
});

describe('filters and counts', () => {
  const list = [
    ev('a', 1, { district: 'shinan', audiences: ['elderly'], topics: ['pension-scam'] }),
    ev('b', 2, { district: 'laoshan', audiences: ['students'], topics: ['admission-scam', 'online-loan'] }),
    ev('c', 3, { district: 'laoshan', audiences: ['everyone'], topics: ['online-loan'] }),
  ];

  it('filters by district', () => {
    expect(byDistrict(list, 'laoshan').map((e) => e.id)).toEqual(['b', 'c']);
    expect(byDistrict(list, 'jimo')).toEqual([]);
  });

  it('an "everyone" event appears under each audience', () => {
    expect(byAudience(list, 'elderly').map((e) => e.id)).toEqual(['a', 'c']);
    expect(byAudience(list, 'students').map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('filters by topic', () => {
    expect(byTopic(list, 'online-loan').map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('counts per key', () => {
    expect(countBy(list, ['shinan', 'laoshan', 'jimo'], (e, k) => e.data.district === k)).toEqual({ shinan: 1, laoshan: 2, jimo: 0 });
  });
});

describe('dates in Asia/Shanghai', () => {
  it('groups by the Qingdao month, not the UTC month', () => {
    // 2026-11-30T17:00Z is 1 December 01:00 in Qingdao.
    const e1: EventLike = { ...ev('a', 0), data: { ...ev('a', 0).data, starts_at: new Date('2026-11-30T17:00:00Z'), ends_at: new Date('2026-11-30T18:00:00Z') } };
    const e2: EventLike = { ...ev('b', 0), data: { ...ev('b', 0).data, starts_at: new Date('2026-11-30T15:00:00Z'), ends_at: new Date('2026-11-30T15:30:00Z') } };
    const groups = groupByMonth([e2, e1]);
    expect(groups.map((g) => [g.key, g.label, g.events.map((e) => e.id)])).toEqual([
      ['2026-11', '2026年11月', ['b']],
      ['2026-12', '2026年12月', ['a']],
    ]);
  });

  it('formats a same-day event with weekday and 24-hour times', () => {
    expect(formatEventTime(new Date('2026-12-05T01:30:00Z'), new Date('2026-12-05T03:30:00Z'))).toBe('2026年12月5日星期六 09:30–11:30');
  });

  it('shows both dates when an event spans midnight in Qingdao', () => {
    expect(formatEventTime(new Date('2026-12-05T12:00:00Z'), new Date('2026-12-05T17:00:00Z'))).toBe(
      '2026年12月5日星期六 20:00 至 2026年12月6日星期日 01:00',
    );
  });

  it('writes ISO times with the +08:00 offset', () => {
    expect(isoInSiteZone(new Date('2026-12-05T01:30:00Z'))).toBe('2026-12-05T09:30:00+08:00');
  });
});

describe('online events and places', () => {
  it('lists online events on their own and keeps them off the map', () => {
    const place = { ...ev('place', 5), data: { ...ev('place', 5).data, lat: 36.06, lng: 120.38 } };
    const online = { ...ev('online', 6, { kind: 'online', district: null }), data: { ...ev('online', 6, { kind: 'online', district: null }).data, lat: null, lng: null } };
    expect(onlineOnly([place, online]).map((e) => e.id)).toEqual(['online']);
    expect(withPlace([place, online]).map((e) => e.id)).toEqual(['place']);
    expect(byDistrict([place, online], 'shinan').map((e) => e.id)).toEqual(['place']);
  });

  it('says 线上 and the channel for an online event, the district and venue otherwise', () => {
    expect(placeLabel({ channel: 'video_channel', venue: null, district: null })).toBe('线上 · 视频号');
    expect(placeLabel({ channel: null, venue: { name: '某社区活动室' }, district: 'shinan' })).toBe('市南区 · 某社区活动室');
  });
});

describe('paragraphs', () => {
  it('splits the description at blank lines, keeps single line breaks inside a paragraph, drops empty ones', () => {
    expect(paragraphs('第一段\n还是第一段\n\n  第二段  \n \n\n\n第三段<b>\n')).toEqual(['第一段\n还是第一段', '第二段', '第三段<b>']);
    expect(paragraphs('')).toEqual([]);
  });
});
