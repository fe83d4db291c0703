// The event form's state (what the inputs hold, as text) and the coord_save_event payload made from
// it. Nothing is judged here: the database checks every field and names each problem.
import type { EditableEvent, EventInput } from './db/programme';
import { splitList } from './programme-sheet';
import { fromLocalInput, toLocalInput } from './programme-time';

export interface EventDraft {
  title: string;
  summary: string;
  description: string;
  kind: string;
  channel: string;
  online_url: string;
  venue_id: string;
  starts_at: string;
  ends_at: string;
  audiences: string[];
  topics: string[];
  partners: string;
  internal_notes: string;
  /** role id → places, as typed. */
  roles: Record<string, string>;
  /** '' = 不属任何支行. */
  branch_id: string;
}

export function emptyDraft(): EventDraft {
  return {
    title: '', summary: '', description: '', kind: 'community', channel: '', online_url: '', venue_id: '',
    starts_at: '', ends_at: '', audiences: [], topics: [], partners: '', internal_notes: '', roles: {}, branch_id: '',
  };
}

export function draftFromEvent(e: EditableEvent): EventDraft {
  return {
    title: e.title, summary: e.summary, description: e.description ?? '', kind: e.kind, channel: e.channel ?? '',
    online_url: e.online_url ?? '', venue_id: e.venue_id === null ? '' : String(e.venue_id),
    starts_at: toLocalInput(e.starts_at), ends_at: toLocalInput(e.ends_at),
    audiences: [...e.audiences], topics: [...e.topics], partners: (e.partners ?? []).join('、'),
    internal_notes: e.internal_notes ?? '',
    roles: Object.fromEntries(Object.entries(e.roles).map(([id, n]) => [id, String(n)])),
    branch_id: e.branch_id ?? '',
  };
}

/** Places typed as whole numbers are sent as numbers; anything else as written, for slots_invalid. */
function places(typed: string): number | string {
  const t = typed.trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

export function eventInput(d: EventDraft, existing?: { id: number; revision: number }): EventInput {
  const online = d.kind === 'online';
  const roles = Object.fromEntries(
    Object.entries(d.roles).filter(([, typed]) => typed.trim() !== '').map(([id, typed]) => [id, places(typed)]),
  ) as Record<string, number>;
  return {
    ...(existing ?? {}),
    title: d.title.trim(),
    summary: d.summary.trim(),
    description: d.description.trim(),
    kind: d.kind,
    channel: online ? d.channel || null : null,
    online_url: online ? d.online_url.trim() || null : null,
    venue_id: online || d.venue_id === '' ? null : Number(d.venue_id),
    starts_at: fromLocalInput(d.starts_at),
    ends_at: fromLocalInput(d.ends_at),
    audiences: d.audiences,
    topics: d.topics,
    partners: splitList(d.partners),
    internal_notes: d.internal_notes.trim(),
    roles,
    branch_id: d.branch_id || null,
  };
}
