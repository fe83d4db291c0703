// Typed verbs for the coordinator app over the full supabase-js client (auth + RPC). Components call
// these, never the client. Every authorisation decision is made by the coord_* functions in Postgres.
import type { Session } from '@supabase/supabase-js';
import type { FiguresData, FiguresWithRows } from '../dashboard';
import type { Period } from '../periods';

type FiguresPeriod = Period & { branch: string | null; campaign: string | null };
import type { ReachAudience, ReachChannel } from '../figures';
import type { ReportValues } from '../report-validate';
import type { RosterExportRow } from '../csv';
import { scopeRefusals } from '../workspace-errors';
import { coordinatorClient } from './coordinator-client';
import type { ProgrammeEvent } from './programme';

/** A failed call: `code` is the stable machine code (our `message`), or `network` / `forbidden` / `session_ended`. */
export class CoordError extends Error {
  constructor(
    readonly code: string,
    readonly details: string | null = null,
    readonly hint: string | null = null,
  ) {
    super(code);
  }
}

interface RpcError {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

function toCoordError(error: RpcError): CoordError {
  // A coordinator outside their branch (or not a team lead) keeps the refusal's own code.
  if (error.code === '42501' && error.message && error.message in scopeRefusals) return new CoordError(error.message, error.details ?? null);
  if (error.code === '42501') return new CoordError('forbidden', error.details ?? null);
  // coord_assert: the token's session was signed out or revoked (401): sign in again.
  if (error.code === 'PT401') return new CoordError('session_ended', error.details ?? null);
  if (error.code === 'P0001' && error.message) return new CoordError(error.message, error.details ?? null, error.hint ?? null);
  // fetch failures surface with an empty code and a TypeError message.
  if (!error.code) return new CoordError('network', error.message ?? null);
  return new CoordError('unexpected', `${error.code} ${error.message ?? ''}`);
}

/** One coord_* RPC; the typed verbs in this folder are its only callers. */
export async function call<T>(fn: string, args: Record<string, unknown> = {}): Promise<T> {
  let result: { data: unknown; error: RpcError | null };
  try {
    result = await coordinatorClient().rpc(fn, args);
  } catch (e) {
    throw new CoordError('network', e instanceof Error ? e.message : null);
  }
  if (result.error) throw toCoordError(result.error);
  return result.data as T;
}

// --- Session ---------------------------------------------------------------------------------

export type SignInOutcome = { ok: true } | { ok: false; message: string };

export async function signIn(email: string, password: string): Promise<SignInOutcome> {
  try {
    const { error } = await coordinatorClient().auth.signInWithPassword({ email: email.trim(), password });
    if (!error) return { ok: true };
    if (error.status === 400 || error.code === 'invalid_credentials') return { ok: false, message: '邮箱或密码不正确，请重新输入。' };
    if (error.status === 429) return { ok: false, message: '尝试次数太多，请稍等几分钟再试。' };
    return { ok: false, message: '现在无法登录，请稍后再试。' };
  } catch {
    return { ok: false, message: '无法连接服务器，请检查网络后再试。' };
  }
}

// This device only (Supabase's default is every device): a coordinator signing out of the phone at
// the venue stays signed in at the office, and one account's sign-out never ends another's work.
export async function signOut(): Promise<void> {
  await coordinatorClient().auth.signOut({ scope: 'local' });
}

export async function currentSession(): Promise<Session | null> {
  const { data } = await coordinatorClient().auth.getSession();
  return data.session;
}

/** Calls back on sign-in, sign-out and token refresh; returns the unsubscribe function. */
export function onSessionChange(cb: (session: Session | null) => void): () => void {
  const { data } = coordinatorClient().auth.onAuthStateChange((_event, session) => cb(session));
  return () => data.subscription.unsubscribe();
}

export interface CoordinatorProfile {
  display_name: string;
  active: boolean;
}

/** null: signed in but not a coordinator. */
export function myProfile(): Promise<CoordinatorProfile | null> {
  return call<CoordinatorProfile | null>('my_coordinator_profile');
}

// --- Events, roster, check-in ----------------------------------------------------------------

/** coord_events: every event, drafts included, with its programme fields and sign-up counts. */
export function listEvents(): Promise<ProgrammeEvent[]> {
  return call<ProgrammeEvent[]>('coord_events');
}

export interface RosterEntry {
  id: number;
  role: string;
  name: string | null;
  phone_masked: string | null;
  organisation: string | null;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  arrival: number;
  checked_in_at: string | null;
  checked_out_at: string | null;
  /** xinghuo.service_minutes as hours: check-in to check-out, or the confirmed scheduled length. */
  hours: number;
  created_at: string;
  /** Added at the door by a coordinator (coord_add_walk_in), not signed up on the site. */
  walk_in: boolean;
  anonymised: boolean;
}

export interface EventSummary {
  id: number;
  slug: string;
  title: string | null;
  starts_at: string;
  ends_at: string;
  district: string;
  status: string;
}

/** Every role with places (and any with sign-ups but none), each with its confirmed count. */
export interface RosterRole {
  id: string;
  label: string;
  slots: number;
  confirmed: number;
}

export interface Roster {
  event: EventSummary & { checkin_opens_at: string; checkin_closes_at: string; planned_hours_confirmed_at: string | null };
  slots: Record<string, number>;
  roles: RosterRole[];
  signups: RosterEntry[];
}

export function getRoster(eventId: number): Promise<Roster> {
  return call<Roster>('coord_roster', { p_event_id: eventId });
}

export function revealPhone(signupId: number): Promise<string> {
  return call<string>('coord_reveal_phone', { p_signup_id: signupId });
}

export interface CheckInResult {
  signup_id: number;
  name: string | null;
  role: string;
  checked_in_at: string;
  already_checked_in: boolean;
}

export interface WalkInResult {
  signup_id: number;
  name: string;
  role: string;
  phone_masked: string | null;
  checked_in_at: string;
}

/** Adds someone who helps without having signed up: checked in at once. Phone optional. */
export function addWalkIn(eventId: number, name: string, role: string, phone: string): Promise<WalkInResult> {
  return call<WalkInResult>('coord_add_walk_in', { p_event_id: eventId, p_name: name, p_role: role, p_phone: phone.trim() || null });
}

export function undoCheckIn(eventId: number, signupId: number): Promise<void> {
  return call<void>('coord_undo_check_in', { p_event_id: eventId, p_signup_id: signupId });
}

export interface CheckOutResult {
  signup_id: number;
  checked_out_at: string;
  already_checked_out: boolean;
  hours: number;
}

export function checkOut(eventId: number, signupId: number): Promise<CheckOutResult> {
  return call<CheckOutResult>('coord_check_out', { p_event_id: eventId, p_signup_id: signupId });
}

/** "按计划时长确认": everyone checked in without a check-out is credited the scheduled length. */
export function confirmPlannedHours(eventId: number): Promise<{ planned_hours_confirmed_at: string; already_confirmed: boolean; hours: number }> {
  return call('coord_confirm_planned_hours', { p_event_id: eventId });
}

export function exportRoster(eventId: number): Promise<RosterExportRow[]> {
  return call<RosterExportRow[]>('coord_export_roster', { p_event_id: eventId });
}

// --- Reports ---------------------------------------------------------------------------------

export interface ReportSnapshot {
  version: number;
  /** In person (0 for online events). */
  people_reached: number;
  /** null: saved before reports were split by audience, or an online event. */
  reach_by_audience: Record<ReachAudience, number> | null;
  online_views: number | null;
  online_source: string | null;
  /** In person + online: what the dashboard counts for this event. */
  reach_total: number;
  /** Check-ins, or the report's correction (volunteers_corrected) with its reason. */
  volunteers_present: number;
  volunteers_corrected: boolean;
  volunteers_adjust_reason: string | null;
  questions_answered: number;
  notes: string | null;
  materials: Record<string, number>;
  updated_at: string;
  updated_by: string | null;
}

export interface Revision {
  version: number;
  changed_at: string;
  changed_by: string | null;
  before: ReportSnapshot | null;
  after: ReportSnapshot;
}

export interface MaterialKind {
  id: string;
  label: string;
  /** Retired: offered only on reports that already have a line for it. */
  retired: boolean;
}

/** The coordinators' catalogue of material kinds (coord_material_kinds). */
export interface MaterialKindEntry {
  id: string;
  label: string;
  retired_at: string | null;
  reports_count: number;
}

export interface ReportBundle {
  event: EventSummary & { kind: string; channel: ReachChannel };
  checked_in: number;
  report: ReportSnapshot | null;
  kinds: MaterialKind[];
  revisions: Revision[];
}

export function getReport(eventId: number): Promise<ReportBundle> {
  return call<ReportBundle>('coord_get_report', { p_event_id: eventId });
}

/**
 * A report save, as coord_sync_offline takes it (coord_save_report's arguments without `p_`). Every
 * save goes through the offline queue; a conflict comes back as report_conflict with `details` = the
 * other editor's saved report (JSON).
 */
export function reportSaveArgs(eventId: number, expectedVersion: number, v: ReportValues): Record<string, unknown> {
  return {
    event_id: eventId,
    expected_version: expectedVersion,
    people_reached: v.people_reached,
    volunteers_present: v.volunteers_present,
    adjust_reason: v.volunteers_adjust_reason,
    questions_answered: v.questions_answered,
    notes: v.notes,
    materials: v.materials,
    reach_by_audience: v.reach_by_audience,
    online_views: v.online_views,
    online_source: v.online_source,
  };
}

/** Sends one queued offline action under its key; `replayed`: the key had already been applied. */
export function coordSyncOffline(key: string, action: 'check_in' | 'report', args: Record<string, unknown>): Promise<{ replayed: boolean; result: unknown }> {
  return call('coord_sync_offline', { p_key: key, p_action: action, p_args: args });
}

export function conflictSnapshot(e: CoordError): ReportSnapshot | null {
  try {
    return e.details ? (JSON.parse(e.details) as ReportSnapshot) : null;
  } catch {
    return null;
  }
}

export function addMaterialKind(id: string, label: string): Promise<MaterialKindEntry[]> {
  return call<MaterialKindEntry[]>('coord_add_material_kind', { p_id: id, p_label: label });
}

export function coordMaterialKinds(): Promise<MaterialKindEntry[]> {
  return call<MaterialKindEntry[]>('coord_material_kinds');
}

export function coordRetireMaterialKind(id: string): Promise<MaterialKindEntry[]> {
  return call<MaterialKindEntry[]>('coord_retire_material_kind', { p_id: id });
}

export function coordRestoreMaterialKind(id: string): Promise<MaterialKindEntry[]> {
  return call<MaterialKindEntry[]>('coord_restore_material_kind', { p_id: id });
}

// --- Dashboard -------------------------------------------------------------------------------

/**
 * The figures of a period (YYYY-MM-DD, either end open) and/or a campaign, for one branch (null: the
 * caller's whole scope; a branch coordinator always gets their own): what the screen, the print page,
 * the .xlsx and the 简报 all show. With rows: every held event too (what the exports list).
 */
export function coordFigures(period: FiguresPeriod): Promise<FiguresData>;
export function coordFigures(period: FiguresPeriod, rows: true): Promise<FiguresWithRows>;
export function coordFigures(period: FiguresPeriod, rows = false): Promise<FiguresData> {
  return call<FiguresData>('coord_figures', { p_from: period.from, p_to: period.to, p_branch: period.branch, p_campaign: period.campaign, p_rows: rows });
}

export interface Campaign {
  id: string;
  label: string;
  starts_on: string;
  ends_on: string;
  retired: boolean;
}

export function coordCampaigns(): Promise<Campaign[]> {
  return call<Campaign[]>('coord_campaigns');
}

/** Adds (no id) or edits a campaign; bad input raises a code of src/lib/figures-errors.ts. */
export function coordSaveCampaign(campaign: Partial<Campaign> & Pick<Campaign, 'label' | 'starts_on' | 'ends_on'>): Promise<Campaign> {
  return call<Campaign>('coord_save_campaign', { p_campaign: campaign });
}

// --- Dead letters (messages the worker gave up on) ---------------------------------------------

export interface DeadMessage {
  id: number;
  channel: 'sms' | 'email';
  recipient_masked: string;
  kind: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  dead_at: string;
  resends: number;
}

export function coordDeadMessages(): Promise<DeadMessage[]> {
  return call<DeadMessage[]>('coord_dead_messages');
}

/** Queues the day-before reminder (with 确认参加 / 无法参加) for every confirmed volunteer now. */
export function coordSendReminders(eventId: number): Promise<{ reminders: number }> {
  return call('coord_send_reminders', { p_event_id: eventId });
}

export function coordResendMessage(id: number): Promise<{ id: number; status: string; not_before: string }> {
  return call('coord_resend_message', { p_id: id });
}
