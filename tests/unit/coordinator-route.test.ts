import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../src/components/coordinator/route';

describe('coordinator hash routes', () => {
  const routes: Route[] = [{ view: 'events' }, { view: 'event', eventId: 7 }, { view: 'report', eventId: 7 }, { view: 'dashboard' }, { view: 'messages' }, { view: 'branches' },
    { view: 'edit-event', eventId: 7 }, { view: 'new-event' }, { view: 'new-series' }, { view: 'venues' }, { view: 'roles' }, { view: 'import' }];
  for (const r of routes) {
    it(`${JSON.stringify(r)} survives a round trip through its hash`, () => {
      expect(parseRoute(routeHref(r))).toEqual(r);
    });
  }
  it('an unknown hash falls back to the events list', () => {
    expect(parseRoute('#/messages/1')).toEqual({ view: 'events' });
  });
});
