import { describe, expect, it } from 'vitest';
import { eventsCsvRows, groupLabel, isNoShow, progress, toBars, type CoordEvent, type FigureRow } from '../../src/lib/dashboard';

describe('groupLabel', () => {
  it('names months, districts, audiences and topics in Chinese', () => {
    expect(groupLabel('month', '2026-03')).toBe('2026年3月');
    expect(groupLabel('district', 'shinan')).toBe('市南区');
    expect(groupLabel('audience', 'elderly')).toBe('老年人');
    expect(groupLabel('topic', 'pension-scam')).toBe('养老诈骗');
    expect(groupLabel('topic', 'unknown-id')).toBe('unknown-id');
  });
});

describe('toBars', () => {
  it('scales bars to the largest value', () => {
    const bars = toBars(
      'district',
      [
        { key: 'shinan', events: 2, people_reached: 400, materials: 10 },
        { key: 'laoshan', events: 1, people_reached: 100, materials: 0 },
      ],
      'people_reached',
    );
    expect(bars.map((b) => [b.label, b.value, b.share])).toEqual([
      ['市南区', 400, 100],
      ['崂山区', 100, 25],
    ]);
  });
  it('draws empty bars when everything is zero', () => {
    expect(toBars('month', [{ key: '2026-01', events: 0, people_reached: 0, materials: 0 }], 'materials')[0]!.share).toBe(0);
  });
});

describe('progress', () => {
  it('reports whole percent and caps the bar at 100', () => {
    expect(progress(150, 300)).toEqual({ value: 150, target: 300, percent: 50, bar: 50 });
    expect(progress(450, 300)).toMatchObject({ percent: 150, bar: 100 });
    expect(progress(5, 0)).toMatchObject({ percent: 0, bar: 0 });
  });
});

describe('eventsCsvRows', () => {
  it('writes one row per event with its figures, blank figures when unreported', () => {
    const e: CoordEvent = {
      id: 1, slug: 'a', title: '社区宣讲', starts_at: '2026-03-01T02:00:00Z', ends_at: '2026-03-01T04:00:00Z',
      district: 'shinan', status: 'scheduled', audiences: ['elderly'], topics: [], slots: 5, confirmed: 4,
      waitlisted: 1, cancelled: 0, checked_in: 3, report_version: 2, people_reached: 320, volunteers_present: 3,
      questions_answered: 12, materials: 150,
    };
    // The held figures win over coord_events' raw report columns: a correction, and online reads/views.
    const held: FigureRow[] = [{ id: 1, slug: 'a', title: '社区宣讲', starts_at: e.starts_at, district: 'shinan', branch_id: null, channel: 'online',
      partners: [], reported: true, people_reached: 12000, reach_by_audience: { online: 12000 }, materials: 150, questions_answered: 12,
      volunteers_present: 4, service_minutes: 480 }];
    const rows = eventsCsvRows([e, { ...e, id: 2, title: null, report_version: null, people_reached: null, materials: 0 }], held);
    expect(rows[0]![0]).toBe('活动');
    expect(rows[1]).toEqual(['社区宣讲', '2026/03/01 10:00', '市南区', '如期举行', 5, 4, 1, 3, 12000, 4, 12, 150, 2]);
    expect(rows[2]!.slice(8)).toEqual([null, null, 12, null, null]);
  });
});

describe('isNoShow', () => {
  const now = new Date('2026-03-01T06:00:00Z');
  it('marks confirmed people without a check-in once the event has ended', () => {
    expect(isNoShow({ status: 'confirmed', checked_in_at: null }, '2026-03-01T04:00:00Z', now)).toBe(true);
  });
  it('not before the end, not when checked in, not for waitlisted or cancelled people', () => {
    expect(isNoShow({ status: 'confirmed', checked_in_at: null }, '2026-03-01T08:00:00Z', now)).toBe(false);
    expect(isNoShow({ status: 'confirmed', checked_in_at: '2026-03-01T02:05:00Z' }, '2026-03-01T04:00:00Z', now)).toBe(false);
    expect(isNoShow({ status: 'waitlisted', checked_in_at: null }, '2026-03-01T04:00:00Z', now)).toBe(false);
    expect(isNoShow({ status: 'cancelled', checked_in_at: null }, '2026-03-01T04:00:00Z', now)).toBe(false);
  });
});

describe('reach by channel and audience', () => {
  it('names channels and the rows that are not an audience, and lists every channel in order', async () => {
    const { channelRows } = await import('../../src/lib/dashboard');
    expect(groupLabel('channel', 'lobby')).toBe('网点厅堂');
    expect(groupLabel('audience', 'other')).toBe('其他');
    expect(groupLabel('audience', 'online')).toBe('线上（不分对象）');
    expect(channelRows([{ key: 'online', events: 2, people_reached: 9000, materials: 0 }]).map((r) => [r.key, r.people_reached])).toEqual([
      ['on_site', 0],
      ['lobby', 0],
      ['online', 9000],
    ]);
  });
});
