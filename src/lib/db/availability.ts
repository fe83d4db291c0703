// Live places per role for one event, from the public `event_availability` RPC (no personal data).
import type { VolunteerRole } from '../taxonomy';
import { publicClient } from './public-client';

export interface RoleAvailability {
  role: VolunteerRole;
  slots: number;
  confirmed: number;
  waitlisted: number;
}

/** Throws when the backend cannot be reached or answers with an error: callers show "unavailable". */
export async function fetchAvailability(eventSlug: string): Promise<RoleAvailability[]> {
  const { data, error } = await publicClient().rpc('event_availability', { p_event_slug: eventSlug });
  if (error) throw new Error(`event_availability failed: ${error.code} ${error.message}`);
  return (data ?? []) as RoleAvailability[];
}
