// WGS-84 (what GPS and OpenStreetMap use) → GCJ-02 (the datum Chinese map providers such as 高德/腾讯
// are legally required to use). Event positions are stored in WGS-84; we convert only when drawing on
// GCJ-02 tiles or linking to a GCJ-02 map app, otherwise markers land a few hundred metres off.
// The transform is the published GCJ-02 approximation (Krasovsky 1940 ellipsoid + a fixed
// trigonometric offset series); outside mainland China's bounding box positions are returned unchanged.

export interface LatLng {
  lat: number;
  lng: number;
}

// Krasovsky 1940 semi-major axis and first eccentricity squared.
const A = 6378245.0;
const EE = 0.00669342162296594323;

/** The rough bounding box inside which the offset applies (the same box common implementations use). */
export function isOutsideChina({ lat, lng }: LatLng): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

// Offset series in metres-ish units, x = lng − 105, y = lat − 35.
function offsetLat(x: number, y: number): number {
  const pi = Math.PI;
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * pi) + 20 * Math.sin(2 * x * pi)) * 2) / 3;
  r += ((20 * Math.sin(y * pi) + 40 * Math.sin((y / 3) * pi)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * pi) + 320 * Math.sin((y * pi) / 30)) * 2) / 3;
  return r;
}

function offsetLng(x: number, y: number): number {
  const pi = Math.PI;
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * pi) + 20 * Math.sin(2 * x * pi)) * 2) / 3;
  r += ((20 * Math.sin(x * pi) + 40 * Math.sin((x / 3) * pi)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * pi) + 300 * Math.sin((x / 30) * pi)) * 2) / 3;
  return r;
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  if (isOutsideChina(p)) return { lat: p.lat, lng: p.lng };
  const x = p.lng - 105;
  const y = p.lat - 35;
  const radLat = (p.lat / 180) * Math.PI;
  const sinLat = Math.sin(radLat);
  const magic = 1 - EE * sinLat * sinLat;
  const sqrtMagic = Math.sqrt(magic);
  // Convert the offsets from metres on the ellipsoid to degrees at this latitude.
  const dLat = (offsetLat(x, y) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (offsetLng(x, y) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}

/** Position to draw for a map whose tiles use `datum`. */
export function toDatum(p: LatLng, datum: 'wgs84' | 'gcj02'): LatLng {
  return datum === 'gcj02' ? wgs84ToGcj02(p) : { lat: p.lat, lng: p.lng };
}

/**
 * GCJ-02 → WGS-84: the inverse of wgs84ToGcj02, found by fixed-point iteration on the forward
 * transform (there is no closed form). Coordinators copy positions from 高德/腾讯/百度 maps, which show
 * GCJ-02; we store WGS-84. Ten rounds bring the error far below a metre.
 */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (isOutsideChina(p)) return { lat: p.lat, lng: p.lng };
  let guess = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 10; i++) {
    const shifted = wgs84ToGcj02(guess);
    guess = { lat: guess.lat + (p.lat - shifted.lat), lng: guess.lng + (p.lng - shifted.lng) };
  }
  return guess;
}

/** The stored WGS-84 position of a point picked on a map whose tiles use `datum`. */
export function fromDatum(p: LatLng, datum: 'wgs84' | 'gcj02'): LatLng {
  return datum === 'gcj02' ? gcj02ToWgs84(p) : { lat: p.lat, lng: p.lng };
}
