import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../src/lib/geo';
import { amapMarkerUrl, geoUri } from '../../src/lib/maplink';

const venue = { lat: 36.0671, lng: 120.3826, name: '五四广场(东门)' };

describe('map-app links', () => {
  it('高德 link carries GCJ-02 lng,lat, asks for the native app and labels the pin', () => {
    const url = new URL(amapMarkerUrl(venue));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    const [lng, lat] = url.searchParams.get('position')!.split(',').map(Number);
    const g = wgs84ToGcj02(venue);
    expect(lng).toBeCloseTo(g.lng, 6);
    expect(lat).toBeCloseTo(g.lat, 6);
    expect(lng).not.toBeCloseTo(venue.lng, 4); // really converted, not the raw WGS-84 value
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('callnative')).toBe('1');
    expect(url.searchParams.get('name')).toBe('五四广场(东门)');
  });

  it('geo: URI keeps WGS-84 lat,lng and an escaped label', () => {
    const uri = geoUri(venue);
    expect(uri.startsWith('geo:36.0671,120.3826?q=36.0671,120.3826(')).toBe(true);
    expect(uri).not.toMatch(/[\s]/);
    const label = decodeURIComponent(uri.slice(uri.indexOf('(') + 1, -1));
    expect(label).toBe('五四广场 东门 ');
  });
});
