// Arrangements for the volunteer-record suites (tests/db/record-*.test.ts): a volunteer who really
// signs up through the public RPCs (sign_up + verify_signup), optionally keeps a record with the
// separate consent, and whose event is then moved to a chosen time (superuser), so check-in,
// check-out and anonymisation can be exercised for an event that started or ended long ago.
import { expect } from 'vitest';
import { createEvent, rpc, sql } from './harness';
import { api, randomPhone, signUp } from './signup-fixtures';

export const RECORD_CONSENT_VERSION = '2026-12';

export interface Volunteer {
  eventId: number;
  signupId: number;
  phone: string;
  manageToken: string;
  recordToken: string | null;
}

/** The token of the newest record link sent to a phone, read from the outbox (what the SMS says). */
export async function recordTokenSentTo(phone: string): Promise<string | null> {
  const [row] = await sql<{ link: string }>(
    `select params ->> 'link' as link from xinghuo.messages
     where kind = 'volunteer_record_link' and recipient = $1 order by id desc limit 1`,
    [phone],
  );
  return row ? row.link.replace(/^.*#t=/, '') : null;
}

/** Moves an event to start `startHoursAgo` hours ago and last `hours` hours. */
export async function moveEvent(eventId: number, startHoursAgo: number, hours: number): Promise<void> {
  await sql(
    `update xinghuo.events set starts_at = now() - make_interval(secs => $2::float8 * 3600),
       ends_at = now() - make_interval(secs => ($2::float8 - $3::float8) * 3600) where id = $1`,
    [eventId, startHoursAgo, hours],
  );
}

/** A verified volunteer at a new event (or the given one), with or without the record consent. */
export async function volunteer(opts: { keepRecord: boolean; eventId?: number; slug?: string; phone?: string; name?: string }): Promise<Volunteer> {
  const event = opts.eventId && opts.slug ? { id: opts.eventId, slug: opts.slug } : await createEvent({ slots: { volunteer: 5 } });
  const phone = opts.phone ?? randomPhone();
  const answer = await signUp(event.slug, { p_phone: phone, p_name: opts.name ?? '王小明' });
  const [row] = await sql<{ id: string }>(
    `select id from xinghuo.signups where event_id = $1 and phone = $2 and status = 'confirmed'`, [event.id, phone]);
  let recordToken: string | null = null;
  if (opts.keepRecord) {
    const kept = await api('keep_volunteer_record', { p_token: answer.cancel_token, p_consent_version: RECORD_CONSENT_VERSION });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    recordToken = await recordTokenSentTo(phone);
  }
  return { eventId: event.id, signupId: Number(row!.id), phone, manageToken: answer.cancel_token, recordToken };
}

/** Check-in (and optionally check-out) times set directly: minutes after the event's start. */
export async function attend(signupId: number, inMinutes: number, outMinutes: number | null): Promise<void> {
  await sql(
    `update xinghuo.signups s set checked_in_at = e.starts_at + make_interval(mins => $2),
       checked_out_at = case when $3::int is null then null else e.starts_at + make_interval(mins => $3::int) end
     from xinghuo.events e where e.id = s.event_id and s.id = $1`,
    [signupId, inMinutes, outMinutes],
  );
}

export async function myRecord(token: string) {
  return rpc('my_volunteer_record', { p_token: token });
}

/** The event's year in Asia/Shanghai: the year its hours count towards. */
export async function eventYear(eventId: number): Promise<number> {
  const [row] = await sql<{ y: number }>(
    `select extract(year from starts_at at time zone 'Asia/Shanghai')::int as y from xinghuo.events where id = $1`, [eventId]);
  return row!.y;
}
