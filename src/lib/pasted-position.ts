// Reads a position pasted from a Chinese map app (高德 shows "120.38,36.06", others "36.06, 120.38"),
// which is GCJ-02, and gives the WGS-84 position the venue book stores. In China a longitude is
// always larger than the latitude, so the order of the two numbers is decided by their size.
import { gcj02ToWgs84, type LatLng } from './geo';

/** The two numbers in a pasted text: separators may be a comma (also full-width), a space or a semicolon. */
const pair = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,，;；\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/** null when the text is not two numbers; rounding to 6 decimals (≈ 0.1 m) keeps the stored value short. */
export function parsePastedPosition(text: string): LatLng | null {
  const m = pair.exec(text.replace(/[经纬度：:]/g, ' '));
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const gcj = a > b ? { lat: b, lng: a } : { lat: a, lng: b };
  const wgs = gcj02ToWgs84(gcj);
  return { lat: round6(wgs.lat), lng: round6(wgs.lng) };
}

export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
