// One `event_availability` request per page, shared by the live box, the places box and the sign-up
// form's role radios (small scripts on the event page; none should ask the backend again).
import { fetchAvailability, type LiveEvent } from './db/availability';

const pending = new Map<string, Promise<LiveEvent>>();

export function availabilityOnce(slug: string): Promise<LiveEvent> {
  let p = pending.get(slug);
  if (!p) {
    p = fetchAvailability(slug);
    pending.set(slug, p);
  }
  return p;
}
