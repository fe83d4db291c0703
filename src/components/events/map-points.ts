// What the map needs per event, computed at build time so the browser does no date or datum maths.
import { site } from '../../site.config';
import { formatEventTime, type EventLike } from '../../lib/events';
import { toDatum } from '../../lib/geo';

export interface MapPoint {
  lat: number;
  lng: number;
  title: string;
  time: string;
  url: string;
}

export interface MapConfig {
  tileUrl: string;
  attribution: string;
  maxZoom: number;
  center: [number, number];
  zoom: number;
}

/** Only events with a place have a pin (lib/events withPlace). */
export function toMapPoint(e: EventLike & { data: { lat: number; lng: number } }): MapPoint {
  // Stored WGS-84; tiles may be GCJ-02 (site.map.datum), so convert before drawing.
  const p = toDatum({ lat: e.data.lat, lng: e.data.lng }, site.map.datum);
  return {
    lat: Number(p.lat.toFixed(6)),
    lng: Number(p.lng.toFixed(6)),
    title: e.data.title,
    time: formatEventTime(e.data.starts_at, e.data.ends_at),
    url: `/events/${e.id}/`,
  };
}

export function mapConfig(): MapConfig {
  const c = toDatum({ lat: site.map.center[0], lng: site.map.center[1] }, site.map.datum);
  return { tileUrl: site.map.tileUrl, attribution: site.map.attribution, maxZoom: site.map.maxZoom, center: [c.lat, c.lng], zoom: site.map.zoom };
}
