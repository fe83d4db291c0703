// Typed verbs over the public sign-up RPCs (anon, PostgREST only). Components call these, never the client.
import { publicClient } from './public-client';

export interface SignUpInput {
  /** A uuid per submission, the same when retrying it (see lib/signup-request-id.ts). */
  requestId: string;
  eventSlug: string;
  role: string;
  name: string;
  phone: string;
  organisation: string;
  consent: boolean;
  consentVersion: string;
  /** The honeypot field's value: empty for people. */
  website: string;
}

/** A verified sign-up as it is now: 'cancelled' (no check-in code) if cancelled meanwhile. */
export interface VerifiedSignup {
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  waitlist_position: number | null;
  cancel_token: string;
  checkin_code: string | null;
}

/** The place is held while the SMS code is entered (the same answer whether or not the number is new). */
export interface PendingSignup {
  status: 'pending';
  expires_at: string;
}

/** A retry of a verified submission returns it as it is now. */
export type SignUpResult = PendingSignup | VerifiedSignup;

/** A wrong, expired or used-up code is an answer (its attempt counted), not an error. */
export type VerifyResult =
  | ({ verified: true } & VerifiedSignup)
  | { verified: false; reason: 'code_wrong' | 'code_expired' | 'code_attempts_exceeded'; attempts_left?: number };

export interface SignupStatus {
  event_slug: string;
  event_title: string | null;
  event_starts_at: string;
  event_ends_at: string;
  event_status: 'scheduled' | 'cancelled' | 'withdrawn';
  role: string;
  /** The role's name in the catalogue (xinghuo.volunteer_roles). */
  role_label: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  waitlist_position: number | null;
  phone_masked: string | null;
  checkin_code: string | null;
  checked_in: boolean;
  withdrawn: boolean;
}

export interface CancelResult {
  status: 'cancelled';
  already: boolean;
}

export interface WithdrawResult {
  status: 'withdrawn';
  already: boolean;
  cancelled: boolean;
}

/** A refusal with the database's stable code (see lib/signup-errors.ts); 'unavailable' when unreachable. */
export class SignupRpcError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'SignupRpcError';
  }
}

/** One anon RPC; also used by the volunteer-record verbs (lib/db/record.ts). */
export async function call<T>(fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await publicClient().rpc(fn, args);
  if (error) {
    // Business errors are P0001 with the code as message; anything else (network, 5xx) is "unavailable".
    throw new SignupRpcError(error.code === 'P0001' ? error.message : 'unavailable');
  }
  return data as T;
}

export function signUp(input: SignUpInput): Promise<SignUpResult> {
  return call<SignUpResult>('sign_up', {
    p_request_id: input.requestId,
    p_event_slug: input.eventSlug,
    p_role: input.role,
    p_name: input.name,
    p_phone: input.phone,
    p_organisation: input.organisation,
    p_consent: input.consent,
    p_consent_version: input.consentVersion,
    p_website: input.website,
  });
}

export function verifySignup(requestId: string, code: string): Promise<VerifyResult> {
  return call<VerifyResult>('verify_signup', { p_request_id: requestId, p_code: code });
}

export interface ReminderAnswer {
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  already: boolean;
  event_title: string | null;
}

/** The answer to a day-before reminder: attend, or decline (frees the place for the waitlist). */
export function respondReminder(reply: string, attend: boolean): Promise<ReminderAnswer> {
  return call<ReminderAnswer>('respond_reminder', { p_reply: reply, p_attend: attend });
}

export interface RecoveredSignup {
  event_slug: string;
  event_title: string | null;
  event_starts_at: string;
  role: string;
  role_label: string;
  status: 'confirmed' | 'waitlisted';
  waitlist_position: number | null;
  manage_token: string;
}

/** Texts a code to the number if it has sign-ups; the answer is the same either way. */
export function requestRecovery(requestId: string, phone: string): Promise<{ status: 'code_sent'; expires_at: string }> {
  return call('request_recovery', { p_request_id: requestId, p_phone: phone });
}

/** The number's active sign-ups, each with a new manage token (the old links stop working). */
export function recoverSignups(requestId: string, code: string): Promise<
  { verified: true; signups: RecoveredSignup[] } | { verified: false; reason: 'code_wrong' | 'code_expired' | 'code_attempts_exceeded'; attempts_left?: number }
> {
  return call('recover_signups', { p_request_id: requestId, p_code: code });
}

export function signupStatus(token: string): Promise<SignupStatus> {
  return call<SignupStatus>('signup_status', { p_token: token });
}

export function cancelSignup(token: string): Promise<CancelResult> {
  return call<CancelResult>('cancel_signup', { p_token: token });
}

export function withdrawSignup(token: string): Promise<WithdrawResult> {
  return call<WithdrawResult>('withdraw_signup', { p_token: token });
}

/** The private manage link; the token sits in the fragment so it never reaches a server or its logs. */
export function manageUrl(origin: string, token: string): string {
  return `${origin}/signup/manage/#t=${encodeURIComponent(token)}`;
}
