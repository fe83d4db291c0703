import { describe, expect, it } from 'vitest';
import { dayMarker, rolesShortOfPeople } from '../../src/lib/programme-table';
import { fromLocalInput, toLocalInput } from '../../src/lib/programme-time';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../src/lib/geo';
import { parsePastedPosition } from '../../src/lib/pasted-position';

const H = 3_600_000;
// 10:00 in Qingdao (02:00 UTC) on a day relative to the run.
const base = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 2 * H + 7 * 86_400_000);

describe('dayMarker', () => {
  it('says 今天 and 明天 by the Qingdao calendar day, not by 24-hour distance', () => {
    expect(dayMarker(new Date(base.getTime() + 13 * H).toISOString(), base)).toBe('今天'); // 23:00 same day
    expect(dayMarker(new Date(base.getTime() + 14 * H).toISOString(), base)).toBe('明天'); // 00:00 next day
    expect(dayMarker(new Date(base.getTime() + 37 * H).toISOString(), base)).toBe('明天');
    expect(dayMarker(new Date(base.getTime() + 38 * H).toISOString(), base)).toBeNull();
    expect(dayMarker(new Date(base.getTime() - 11 * H).toISOString(), base)).toBeNull(); // 23:00 the day before
  });
});

describe('rolesShortOfPeople', () => {
  const roles = [
    { id: 'a', label: '讲师', slots: 2, confirmed: 1 },
    { id: 'b', label: '引导员', slots: 1, confirmed: 1 },
  ];
  it('lists roles short of people for a scheduled event in the next 48 hours', () => {
    expect(rolesShortOfPeople({ starts_at: new Date(base.getTime() + 47 * H).toISOString(), status: 'scheduled', roles }, base)).toEqual([{ label: '讲师', missing: 1 }]);
  });
  it('says nothing later than 48 hours, after the start, or for a cancelled event', () => {
    expect(rolesShortOfPeople({ starts_at: new Date(base.getTime() + 49 * H).toISOString(), status: 'scheduled', roles }, base)).toEqual([]);
    expect(rolesShortOfPeople({ starts_at: new Date(base.getTime() - H).toISOString(), status: 'scheduled', roles }, base)).toEqual([]);
    expect(rolesShortOfPeople({ starts_at: new Date(base.getTime() + H).toISOString(), status: 'cancelled', roles }, base)).toEqual([]);
  });
});

describe('datetime-local in Asia/Shanghai', () => {
  it('round-trips an instant through the form value whatever the machine zone', () => {
    const iso = new Date(base.getTime() + 30 * 60_000).toISOString();
    const local = toLocalInput(iso);
    expect(local).toMatch(/T10:30$/);
    expect(new Date(fromLocalInput(local)).toISOString()).toBe(iso);
    expect(fromLocalInput('')).toBe('');
  });
});

describe('pasted GCJ-02 positions', () => {
  const wgs = { lat: 36.0671, lng: 120.3826 };
  const gcj = wgs84ToGcj02(wgs);
  it('gcj02ToWgs84 inverts the forward conversion to well under a metre', () => {
    const back = gcj02ToWgs84(gcj);
    expect(Math.abs(back.lat - wgs.lat)).toBeLessThan(1e-7);
    expect(Math.abs(back.lng - wgs.lng)).toBeLessThan(1e-7);
  });
  it('accepts "lng,lat" (高德) and "lat, lng", full-width commas and labels, and stores WGS-84', () => {
    for (const text of [`${gcj.lng},${gcj.lat}`, `${gcj.lat}, ${gcj.lng}`, `${gcj.lng}，${gcj.lat}`, `经度：${gcj.lng} 纬度：${gcj.lat}`]) {
      const p = parsePastedPosition(text);
      expect(p).not.toBeNull();
      expect(Math.abs(p!.lat - wgs.lat)).toBeLessThan(2e-6);
      expect(Math.abs(p!.lng - wgs.lng)).toBeLessThan(2e-6);
    }
  });
  it('refuses text that is not two numbers', () => {
    expect(parsePastedPosition('青岛市市南区')).toBeNull();
    expect(parsePastedPosition('120.38')).toBeNull();
    expect(parsePastedPosition('120.38,36.06,5')).toBeNull();
  });
});

describe('historyChanges', () => {
  it('says each changed field in plain words, before → after, leaving out bookkeeping', async () => {
    const { historyChanges } = await import('../../src/lib/event-history');
    const start = new Date(base.getTime()).toISOString();
    const moved = new Date(base.getTime() + 2 * H).toISOString();
    const changes = historyChanges(
      { starts_at: start, audiences: ['elderly'], roles: { r1: 2 }, revision: 3, publication: 'draft' },
      { starts_at: moved, audiences: ['elderly', 'students'], roles: { r1: 3, r2: 1 }, revision: 4, publication: 'published' },
      (id) => ({ r1: '讲师', r2: '引导员' })[id] ?? id,
    );
    expect(changes).toEqual([
      { label: '开始时间', before: toLocalInput(start).replace(/-/g, '/').replace('T', ' '), after: toLocalInput(moved).replace(/-/g, '/').replace('T', ' ') },
      { label: '对象', before: '老年人', after: '老年人、学生和家长' },
      { label: '岗位名额', before: '讲师 2', after: '讲师 3；引导员 1' },
      { label: '发布状态', before: '草稿（未发布）', after: '已发布' },
    ]);
    expect(historyChanges(null, { cancel_reason: '暴雨' }, String)).toEqual([{ label: '取消原因', before: '（空）', after: '暴雨' }]);
  });
});

describe('eventInput', () => {
  it('sends places as numbers (full-width digits too), leaves bad ones for slots_invalid, and drops venue for online events', async () => {
    const { emptyDraft, eventInput } = await import('../../src/lib/event-draft');
    const d = { ...emptyDraft(), kind: 'online', channel: 'live_stream', venue_id: '4', starts_at: '2031-03-04T09:00', partners: '甲、乙\n丙', roles: { a: '３', b: '', c: '两个' } };
    expect(eventInput(d, { id: 9, revision: 2 })).toMatchObject({
      id: 9, revision: 2, venue_id: null, channel: 'live_stream', starts_at: '2031-03-04T09:00:00+08:00', partners: ['甲', '乙', '丙'], roles: { a: 3, c: '两个' },
    });
    expect(eventInput({ ...d, kind: 'community' })).toMatchObject({ venue_id: 4, channel: null, online_url: null });
  });
});

describe('fieldProblems', () => {
  it('reads the problem list of an *_invalid error and nothing else', async () => {
    const { fieldProblems } = await import('../../src/lib/db/programme');
    const { CoordError } = await import('../../src/lib/db/coordinator');
    const list = [{ field: 'roles', code: 'slots_negative', role: 'r1' }, { field: 'ends_at', code: 'ends_before_start' }];
    expect(fieldProblems(new CoordError('event_invalid', JSON.stringify(list)))).toEqual(list);
    expect(fieldProblems(new CoordError('role_invalid_input', JSON.stringify(list.slice(1))))).toEqual(list.slice(1));
    expect(fieldProblems(new CoordError('event_conflict', JSON.stringify(list)))).toEqual([]);
    expect(fieldProblems(new CoordError('event_invalid', 'not json'))).toEqual([]);
    expect(fieldProblems(new Error('event_invalid'))).toEqual([]);
  });
});
