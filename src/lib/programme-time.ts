// The event form's <input type="datetime-local"> holds wall-clock time without a zone. Events happen
// in Asia/Shanghai, so the form reads and writes that zone's time whatever zone the phone is set to.
import { site } from '../site.config';
import { isoInSiteZone } from './events';

/** "2026-12-05T09:30" in the site's zone, for a datetime-local input; '' for no time. */
export function toLocalInput(iso: string | null | undefined): string {
  return iso ? isoInSiteZone(new Date(iso)).slice(0, 16) : '';
}

/** The ISO 8601 instant (with +08:00) of a datetime-local value read as site time; '' stays ''. */
export function fromLocalInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00${site.utcOffset}` : value;
}
