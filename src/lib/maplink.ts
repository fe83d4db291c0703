// Links that open a phone's map app at an event's venue, with no JavaScript.
// Primary: 高德地图's public URI (uri.amap.com). It works on every phone: it opens the 高德 app when
// installed (callnative=1) and otherwise shows 高德's web map, which is the map most people in Qingdao
// use. 高德 uses GCJ-02, so the stored WGS-84 position is converted first.
// Secondary: the standard `geo:` URI (RFC 5870, WGS-84), which Android hands to whatever map app the
// phone has (a chooser if several). iOS does not handle geo:, hence 高德 first.
import { wgs84ToGcj02, type LatLng } from './geo';

export interface MapTarget extends LatLng {
  /** Shown as the pin's label: venue name. */
  name: string;
}

const round = (n: number) => Number(n.toFixed(6)); // ~0.1 m; keeps URLs short and stable

export function amapMarkerUrl(t: MapTarget): string {
  const g = wgs84ToGcj02(t);
  const params = new URLSearchParams({
    position: `${round(g.lng)},${round(g.lat)}`,
    name: t.name,
    src: 'xinghuo',
    coordinate: 'gaode',
    callnative: '1',
  });
  return `https://uri.amap.com/marker?${params.toString()}`;
}

export function geoUri(t: MapTarget): string {
  const ll = `${round(t.lat)},${round(t.lng)}`;
  // Label syntax `q=lat,lng(label)` is what Android map apps read for a named pin.
  return `geo:${ll}?q=${ll}(${encodeURIComponent(t.name.replace(/[()]/g, ' '))})`;
}

export function mapLinks(t: MapTarget): { amap: string; geo: string } {
  return { amap: amapMarkerUrl(t), geo: geoUri(t) };
}
