// Browser-only: draws event markers on a Leaflet map with clustering. Imported dynamically by
// EventsMap.astro when the map scrolls into view (and by bench/events-map.mjs with 2,000 points),
// so pages without the map, and readers who never reach it, download none of Leaflet.
import type { MapConfig, MapPoint } from './map-points';

export interface MountedMap {
  markerCount: number;
  destroy(): void;
}

export async function mountEventsMap(el: HTMLElement, points: MapPoint[], config: MapConfig): Promise<MountedMap> {
  const L = (await import('leaflet')).default;
  // leaflet.markercluster is a UMD plugin that extends the global L.
  (window as unknown as { L: typeof L }).L = L;
  await import('leaflet.markercluster');
  performance.mark('events-map:libs-loaded'); // marks let bench/events-map.mjs attribute long tasks
  await yieldToMain(); // evaluating Leaflet and building the map are separate tasks, not one long one

  const map = L.map(el, { center: config.center, zoom: config.zoom, scrollWheelZoom: false });
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: config.maxZoom }).addTo(map);

  const clusters = L.markerClusterGroup({
    // chunkedLoading splits adding thousands of markers into slices so no main-thread task runs long.
    chunkedLoading: true,
    chunkInterval: 50,
    showCoverageOnHover: false,
    // No zoom animation of clusters: with thousands of markers the animated split is the longest task.
    animate: false,
    iconCreateFunction: (cluster) => {
      const n = cluster.getChildCount();
      return L.divIcon({
        html: `<span>${n}</span>`,
        className: 'xh-cluster',
        iconSize: L.point(44, 44),
      });
    },
  });

  // One shared icon instead of one per marker: less work and memory with thousands of events.
  const icon = L.divIcon({ className: 'xh-pin', iconSize: L.point(28, 28), iconAnchor: L.point(14, 28), popupAnchor: L.point(0, -26) });
  const markers = points.map((p) => {
    const marker = L.marker([p.lat, p.lng], {
      icon,
      title: p.title,
      alt: p.title,
      keyboard: true,
    });
    marker.bindPopup(() => popupContent(p));
    return marker;
  });
  performance.mark('events-map:markers-created');
  await yieldToMain();
  // Final view first, then the markers: clustering once for that view instead of again after a zoom.
  if (points.length > 0) map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number])), { padding: [24, 24], maxZoom: 14, animate: false });
  map.addLayer(clusters);
  clusters.addLayers(markers);
  performance.mark('events-map:added');

  return { markerCount: markers.length, destroy: () => map.remove() };
}

// Lets the browser paint and handle input between steps (setTimeout works in every browser).
function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// Built with DOM nodes (not HTML strings) so titles can never inject markup.
function popupContent(p: MapPoint): HTMLElement {
  const box = document.createElement('div');
  box.className = 'xh-popup';
  const title = document.createElement('a');
  title.href = p.url;
  title.textContent = p.title;
  const time = document.createElement('p');
  time.textContent = p.time;
  const more = document.createElement('a');
  more.href = p.url;
  // Residents just come; sign-up is for volunteers, so the popup must not suggest registering.
  more.textContent = '查看时间和地点';
  box.append(title, time, more);
  return box;
}
