import { describe, expect, it } from 'vitest';
import { briefing } from '../../src/lib/briefing';
import { chineseDate, periodWords, presetPeriod } from '../../src/lib/periods';

const figures = (from: string | null, to: string | null) => ({
  from, to,
  totals: { events_held: 32, events_reported: 30, people_reached: 301_250, questions_answered: 0, materials: 20_463, volunteer_participations: 0, volunteer_hours: 0 },
  by_audience: [{ key: 'online', people_reached: 280_000 }, { key: 'elderly', people_reached: 12_345 }, { key: 'other', people_reached: 8_905 }],
});

describe('briefing (简报)', () => {
  it('all time, in the team style, exact integers with thousands grouping', () => {
    expect(briefing(figures(null, null))).toBe(
      '截至目前，累计开展线上线下活动 32 场，发放宣传资料 20,463 份，覆盖群众 301,250 人次，其中老年人 12,345 人次。');
  });
  it('a period names its days (the second date without the year when it is the same), and the branch when scoped', () => {
    expect(briefing(figures('2026-09-01', '2026-09-30'), '市南支行')).toBe(
      '2026年9月1日至9月30日，市南支行累计开展线上线下活动 32 场，发放宣传资料 20,463 份，覆盖群众 301,250 人次，其中老年人 12,345 人次。');
  });
  it('no older people reached reads 0, not a gap', () => {
    expect(briefing({ ...figures(null, null), by_audience: [] })).toMatch(/其中老年人 0 人次。$/);
  });
});

describe('periods', () => {
  // 2026-02-10 08:00 in Qingdao; 2026-01-01 00:30 in Qingdao is still 2025-12-31 in UTC.
  const feb = new Date('2026-02-10T00:00:00Z');
  const newYear = new Date('2025-12-31T16:30:00Z');
  it('presets in Asia/Shanghai: a running period ends today, a past one on its last day', () => {
    expect(presetPeriod('this_month', feb)).toEqual({ from: '2026-02-01', to: '2026-02-10' });
    expect(presetPeriod('last_month', feb)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(presetPeriod('this_quarter', feb)).toEqual({ from: '2026-01-01', to: '2026-02-10' });
    expect(presetPeriod('last_quarter', feb)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetPeriod('this_year', feb)).toEqual({ from: '2026-01-01', to: '2026-02-10' });
    expect(presetPeriod('all', feb)).toEqual({ from: null, to: null });
    expect(presetPeriod('last_month', newYear)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last_quarter', new Date('2026-08-15T04:00:00Z'))).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('last_month', new Date('2024-03-05T04:00:00Z'))).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
  it('words for a period', () => {
    expect(periodWords({ from: '2025-12-01', to: '2026-02-28' })).toBe('2025年12月1日至2026年2月28日');
    expect(periodWords({ from: '2026-09-01', to: null })).toBe('2026年9月1日以来');
    expect(periodWords({ from: null, to: '2026-09-30' })).toBe('截至2026年9月30日');
    expect(chineseDate('2026-10-07')).toBe('2026年10月7日');
  });
});
