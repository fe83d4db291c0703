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
