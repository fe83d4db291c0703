import { describe, expect, it } from 'vitest';
import { toMapPoint } from '../../src/components/events/map-points';
import { isOutsideChina, toDatum, wgs84ToGcj02 } from '../../src/lib/geo';
import { site } from '../../src/site.config';

// Reference pairs published with widely used implementations (values to ~1e-6°, i.e. < 0.1 m):
// - wandergis/coordtransform README/test: WGS-84 (116.404, 39.915) near Tiananmen → GCJ-02 (116.41024449916938, 39.91640428150164)
// - hujiulong/gcoord unit test: WGS-84 (123, 45) → GCJ-02 (123.00607541, 45.00197815)
describe('wgs84ToGcj02', () => {
  it('matches the Beijing (Tiananmen) reference pair', () => {
    const g = wgs84ToGcj02({ lat: 39.915, lng: 116.404 });
    expect(g.lng).toBeCloseTo(116.41024449916938, 9);
    expect(g.lat).toBeCloseTo(39.91640428150164, 9);
  });

  it('matches the (123, 45) reference pair from gcoord', () => {
    const g = wgs84ToGcj02({ lat: 45, lng: 123 });
    expect(g.lng).toBeCloseTo(123.00607541, 6);
    expect(g.lat).toBeCloseTo(45.00197815, 6);
  });

  it('shifts a Qingdao point by a few hundred metres, as Chinese tiles expect', () => {
    const p = { lat: 36.0671, lng: 120.3826 };
    const g = wgs84ToGcj02(p);
    const metresPerDegLat = 111_320;
    const dy = (g.lat - p.lat) * metresPerDegLat;
    const dx = (g.lng - p.lng) * metresPerDegLat * Math.cos((p.lat * Math.PI) / 180);
    const shift = Math.hypot(dx, dy);
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(1000);
  });

  it('leaves points outside China unchanged', () => {
    for (const p of [
      { lat: 51.5072, lng: -0.1276 }, // London
      { lat: 35.6812, lng: 139.7671 }, // Tokyo (east of the box)
      { lat: -33.8688, lng: 151.2093 }, // Sydney
    ]) {
      expect(isOutsideChina(p)).toBe(true);
      expect(wgs84ToGcj02(p)).toEqual(p);
    }
    expect(isOutsideChina({ lat: 36.07, lng: 120.38 })).toBe(false);
  });
});

describe('toDatum', () => {
  it('converts only for gcj02 tiles', () => {
    const p = { lat: 36.0671, lng: 120.3826 };
    expect(toDatum(p, 'wgs84')).toEqual(p);
    expect(toDatum(p, 'gcj02')).toEqual(wgs84ToGcj02(p));
    expect(toDatum(p, 'gcj02')).not.toEqual(p);
  });
});

describe('toMapPoint (what the map island receives)', () => {
  it('draws the stored position in the configured datum, with the Qingdao time and the event URL', () => {
    const e = {
      id: 'demo-event',
      data: {
        title: '示例活动', kind: 'community' as const, starts_at: new Date('2026-12-05T01:30:00Z'), ends_at: new Date('2026-12-05T03:30:00Z'),
        district: 'shinan', audiences: ['elderly' as const], topics: ['pension-scam' as const], status: 'cancelled' as const, lat: 36.0671, lng: 120.3826,
      },
    };
    const p = toMapPoint(e);
    const expected = toDatum({ lat: 36.0671, lng: 120.3826 }, site.map.datum);
    expect(p.lat).toBeCloseTo(expected.lat, 6);
    expect(p.lng).toBeCloseTo(expected.lng, 6);
    expect(p).toMatchObject({ title: '示例活动', url: '/events/demo-event/', time: '2026年12月5日星期六 09:30–11:30' });
  });
});
