// Hash routes of the coordinator app, so the browser's back button and bookmarks work on a static page.
export type Route =
  | { view: 'events' }
  | { view: 'event'; eventId: number }
  | { view: 'report'; eventId: number }
  | { view: 'edit-event'; eventId: number }
  | { view: 'new-event' }
  | { view: 'new-series' }
  | { view: 'venues' }
  | { view: 'roles' }
  | { view: 'import' }
  | { view: 'dashboard' }
  | { view: 'messages' }
  | { view: 'branches' };

const fixed = {
  '#/events/new': 'new-event',
  '#/series/new': 'new-series',
  '#/venues': 'venues',
  '#/roles': 'roles',
  '#/import': 'import',
  '#/dashboard': 'dashboard',
  '#/messages': 'messages',
  '#/branches': 'branches',
} as const;
type FixedView = (typeof fixed)[keyof typeof fixed];

export function parseRoute(hash: string): Route {
  const m = /^#\/events\/(\d+)(\/report|\/edit)?$/.exec(hash);
  if (m) return { view: m[2] === '/report' ? 'report' : m[2] === '/edit' ? 'edit-event' : 'event', eventId: Number(m[1]) };
  const view = (fixed as Record<string, FixedView>)[hash];
  return view ? { view } : { view: 'events' };
}

export function routeHref(r: Route): string {
  if (r.view === 'event') return `#/events/${r.eventId}`;
  if (r.view === 'report') return `#/events/${r.eventId}/report`;
  if (r.view === 'edit-event') return `#/events/${r.eventId}/edit`;
  return Object.entries(fixed).find(([, v]) => v === r.view)?.[0] ?? '#/events';
}
