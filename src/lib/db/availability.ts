// The live state of one published event, from the public `event_availability` RPC: places per role
// (counts only, no personal data) and what may have changed since the page was built.
import { publicClient } from './public-client';

export interface RoleAvailability {
  id: string;
  label: string;
  slots: number;
  confirmed: number;
  waitlisted: number;
}

export interface LiveEvent {
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  starts_at: string;
  ends_at: string;
  venue: { name: string; address: string } | null;
  roles: RoleAvailability[];
}

/** Throws when the backend cannot be reached or answers with an error (event_not_found for a draft). */
export async function fetchAvailability(eventSlug: string): Promise<LiveEvent> {
  const { data, error } = await publicClient().rpc('event_availability', { p_event_slug: eventSlug });
  if (error) throw new Error(`event_availability failed: ${error.code} ${error.message}`);
  return data as LiveEvent;
}
