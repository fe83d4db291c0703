// Typed verbs for the programme RPCs (events, venues, series, roles, import), named after them:
// coordSaveEvent ↔ coord_save_event. Shapes as in the programme contract; Postgres decides who may call.
import type { CoordEvent } from '../dashboard';
import { call, CoordError } from './coordinator';

export interface RoleCount {
  id: string;
  label: string;
  slots: number;
  confirmed: number;
  waitlisted: number;
}

/** A coord_events row with the programme's fields. */
export interface ProgrammeEvent extends CoordEvent {
  kind: string;
  channel: string | null;
  venue_name: string | null;
  publication: 'draft' | 'published';
  revision: number;
  series_id: number | null;
  cancel_reason: string | null;
  roles: RoleCount[];
  /** The 支行 it belongs to; null: the team's own event (不属任何支行). */
  branch_id: string | null;
  branch_label: string | null;
}

/** What the event form edits (coord_save_event's p_event). */
export interface EventInput {
  id?: number;
  revision?: number;
  title: string;
  summary: string;
  description: string;
  kind: string;
  channel: string | null;
  online_url: string | null;
  venue_id: number | null;
  starts_at: string;
  ends_at: string;
  audiences: string[];
  topics: string[];
  partners: string[];
  internal_notes: string;
  roles: Record<string, number>;
  /** null: 不属任何支行 (a team lead's choice only). */
  branch_id: string | null;
}

export interface EditableEvent extends EventInput {
  id: number;
  slug: string;
  revision: number;
  publication: 'draft' | 'published';
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  series_id: number | null;
  venue_name?: string | null;
}

export interface Saved {
  id: number;
  slug: string;
  revision: number;
}

export const coordGetEvent = (id: number) => call<EditableEvent>('coord_get_event', { p_event_id: id });
export const coordSaveEvent = (event: EventInput) => call<Saved>('coord_save_event', { p_event: event });
export const coordPublishEvent = (id: number, revision: number) =>
  call<{ id: number; revision: number }>('coord_publish_event', { p_event_id: id, p_revision: revision });
export const coordUnpublishEvent = (id: number, revision: number) =>
  call<{ id: number; revision: number }>('coord_unpublish_event', { p_event_id: id, p_revision: revision });
export const coordCancelEvent = (id: number, revision: number, reason: string) =>
  call<{ id: number; revision: number }>('coord_cancel_event', { p_event_id: id, p_revision: revision, p_reason: reason });
export const coordCloneEvent = (id: number) => call<Saved>('coord_clone_event', { p_event_id: id });

export interface HistoryRow {
  id: number;
  action: 'created' | 'updated' | 'published' | 'unpublished' | 'cancelled' | 'cloned' | 'imported' | 'series_created' | 'venue_updated';
  changed_by_name: string | null;
  changed_at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
export const coordEventHistory = (id: number) => call<HistoryRow[]>('coord_event_history', { p_event_id: id });

export interface Venue {
  id: number;
  name: string;
  address: string;
  district: string;
  lat: number;
  lng: number;
  retired_at: string | null;
  events_count: number;
}
export type VenueInput = Pick<Venue, 'name' | 'address' | 'district'> & { id?: number; lat: number | null; lng: number | null };
export const coordVenues = () => call<Venue[]>('coord_venues');
export const coordSaveVenue = (venue: VenueInput) => call<{ id: number }>('coord_save_venue', { p_venue: venue });
export const coordRetireVenue = (id: number) => call<unknown>('coord_retire_venue', { p_venue_id: id });

export type SeriesRule =
  | { every: 'week'; interval: number; count: number }
  | { every: 'month'; nth: number; weekday: number; count: number };
export const coordCreateSeries = (event: EventInput, rule: SeriesRule) =>
  call<{ series_id: number; events: { id: number; slug: string; starts_at: string }[] }>('coord_create_series', { p_event: event, p_rule: rule });

export interface Role {
  id: string;
  label: string;
  sort_order: number;
  retired_at: string | null;
  events_count: number;
  signups_count: number;
}
export const coordRoles = () => call<Role[]>('coord_roles');
export const coordSaveRole = (role: { id?: string; label: string; sort_order?: number }) => call<{ id: string }>('coord_save_role', { p_role: role });
export const coordRetireRole = (id: string) => call<unknown>('coord_retire_role', { p_role_id: id });
export const coordRestoreRole = (id: string) => call<unknown>('coord_restore_role', { p_role_id: id });

export interface Problem {
  field: string;
  code: string;
  /** 1-based position in the rows sent to coord_import_events. */
  row?: number;
  /** The role a places problem is about (field 'roles'). */
  role?: string;
}
export const coordImportCheck = (rows: object[]) =>
  call<{ rows: number; problems: Problem[] }>('coord_import_events', { p_rows: rows, p_commit: false });
export const coordImportCommit = (rows: object[]) =>
  call<{ created: number; ids: number[] }>('coord_import_events', { p_rows: rows, p_commit: true });

/** The field problems of an *_invalid error (details = JSON array), or [] for any other failure. */
export function fieldProblems(e: unknown): Problem[] {
  if (!(e instanceof CoordError) || !/_invalid(_input)?$/.test(e.code) || !e.details) return [];
  try {
    const list = JSON.parse(e.details) as unknown;
    return Array.isArray(list) ? (list as Problem[]) : [];
  } catch {
    return [];
  }
}
