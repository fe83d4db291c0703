// What the coordinator's events table says beside each row: 今天 / 明天 (in Asia/Shanghai, whatever
// the phone's zone), and which roles are still short of people for an event in the next 48 hours,
// so a coordinator sees in time whom to call.
import { site } from '../site.config';

const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: site.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_MS = 86_400_000;
export const SHORT_OF_PEOPLE_WINDOW_MS = 2 * DAY_MS;

/** '今天' or '明天' when the event starts on that calendar day in the site's zone, else null. */
export function dayMarker(startsAt: string, now: Date): '今天' | '明天' | null {
  const day = dayKey.format(new Date(startsAt));
  if (day === dayKey.format(now)) return '今天';
  // The site's zone has no DST, so "tomorrow" is exactly 24 hours later there.
  if (day === dayKey.format(new Date(now.getTime() + DAY_MS))) return '明天';
  return null;
}

export interface StaffedRole {
  id: string;
  label: string;
  slots: number;
  confirmed: number;
}

export interface StaffedEvent {
  starts_at: string;
  status: string;
  roles: readonly StaffedRole[];
}

/** Roles with fewer confirmed volunteers than places, for a scheduled event starting within 48 hours. */
export function rolesShortOfPeople(e: StaffedEvent, now: Date): { label: string; missing: number }[] {
  const until = new Date(e.starts_at).getTime() - now.getTime();
  if (e.status !== 'scheduled' || until < 0 || until > SHORT_OF_PEOPLE_WINDOW_MS) return [];
  return e.roles.filter((r) => r.confirmed < r.slots).map((r) => ({ label: r.label, missing: r.slots - r.confirmed }));
}
