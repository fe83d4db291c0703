// One `event_availability` request per page, shared by the places box and the sign-up form's role
// radios (both are small scripts on the event page; neither should ask the backend twice).
import { fetchAvailability, type RoleAvailability } from './db/availability';

const pending = new Map<string, Promise<RoleAvailability[]>>();

export function availabilityOnce(slug: string): Promise<RoleAvailability[]> {
  let p = pending.get(slug);
  if (!p) {
    p = fetchAvailability(slug);
    pending.set(slug, p);
  }
  return p;
}
