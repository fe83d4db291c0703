// Hash routes of the coordinator app, so the browser's back button and bookmarks work on a static page.
export type Route =
  | { view: 'events' }
  | { view: 'event'; eventId: number }
  | { view: 'report'; eventId: number }
  | { view: 'dashboard' }
  | { view: 'messages' };

export function parseRoute(hash: string): Route {
  const m = /^#\/events\/(\d+)(\/report)?$/.exec(hash);
  if (m) return { view: m[2] ? 'report' : 'event', eventId: Number(m[1]) };
  if (hash === '#/dashboard') return { view: 'dashboard' };
  if (hash === '#/messages') return { view: 'messages' };
  return { view: 'events' };
}

export function routeHref(r: Route): string {
  if (r.view === 'event') return `#/events/${r.eventId}`;
  if (r.view === 'report') return `#/events/${r.eventId}/report`;
  if (r.view === 'dashboard') return '#/dashboard';
  if (r.view === 'messages') return '#/messages';
  return '#/events';
}
