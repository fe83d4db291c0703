// Shared arrangements for the sign-up suites (tests/db/signup-*.test.ts). Calls go through the
// gateway over HTTP like the browser's; each call comes from its own loopback address (the gateway
// puts the socket's address in x-forwarded-for) so the per-client rate limit (one bucket per
// address) only bites where a test means it to.
import { randomInt, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { anonKey, apiUrl, sql } from './harness';
import { httpFrom, loopbackFor } from './http-from';

export const PRIVACY_VERSION = '2026-11';

export function randomPhone(prefix = '139'): string {
  return `${prefix}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export function randomIp(): string {
  return `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export interface ApiResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * POST /rest/v1/rpc/<fn> from a chosen client (default: a random one). `ip` picks the client: the
 * call comes from loopbackFor(ip), which is the address the SQL side sees.
 */
export async function api(fn: string, args: unknown, opts: { token?: string; ip?: string | undefined; headers?: Record<string, string> } = {}): Promise<ApiResult> {
  const headers: Record<string, string> = {
    apikey: anonKey,
    Authorization: `Bearer ${opts.token ?? anonKey}`,
    'Content-Type': 'application/json',
    ...opts.headers,
  };
  const res = await httpFrom(loopbackFor(opts.ip ?? randomIp()), `${apiUrl}/rest/v1/rpc/${fn}`, { headers, body: JSON.stringify(args) });
  return { status: res.status, body: res.text === '' ? null : JSON.parse(res.text) };
}

/** Valid sign_up arguments for an event (a fresh request id: a new submission); override any field. */
export function signupArgs(slug: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    p_request_id: randomUUID(),
    p_event_slug: slug,
    p_role: 'volunteer',
    p_name: '测试志愿者',
    p_phone: randomPhone(),
    p_organisation: '',
    p_consent: true,
    p_consent_version: PRIVACY_VERSION,
    p_website: '',
    ...over,
  };
}

export interface SignUpAnswer {
  status: string;
  waitlist_position: number | null;
  cancel_token: string;
  checkin_code: string;
}

/** The code sign_up queued for this submission, read from the outbox (what the SMS carries). */
export async function codeFor(requestId: string): Promise<string> {
  const [row] = await sql<{ code: string }>(
    `select m.params ->> 'code' as code from xinghuo.messages m
     join xinghuo.signups s on m.idempotency_key = 'code:' || s.id
     where s.request_id_hash = xinghuo.signup_hmac('request-id', $1::uuid)`,
    [requestId],
  );
  if (!row) throw new Error('no verification code was queued for this request id');
  return row.code;
}

/** Enters the code of a pending sign-up (read from the outbox unless given). */
export async function verify(requestId: string, code?: string, ip?: string): Promise<ApiResult> {
  return api('verify_signup', { p_request_id: requestId, p_code: code ?? (await codeFor(requestId)) }, { ip });
}

/** A sign-up that must succeed, code entered (fresh request id and client address unless overridden). */
export async function signUp(slug: string, over: Record<string, unknown> = {}, ip?: string): Promise<SignUpAnswer> {
  const args = signupArgs(slug, over);
  const res = await api('sign_up', args, { ip });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.status).toBe('pending');
  const verified = await verify(String(args.p_request_id), undefined, ip);
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  expect(verified.body.verified, JSON.stringify(verified.body)).toBe(true);
  return verified.body as SignUpAnswer;
}

/** Rows that any sign-up attempt could leave behind: used to prove a refusal stored nothing. */
export async function storedRows(): Promise<{ signups: number; rateLog: number }> {
  const [row] = await sql<{ signups: number; rate_log: number }>(
    `select (select count(*) from xinghuo.signups)::int as signups,
            (select count(*) from xinghuo.signup_rate_log)::int as rate_log`,
  );
  return { signups: row!.signups, rateLog: row!.rate_log };
}

export async function statusCounts(eventId: number, role = 'volunteer'): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }>(
    `select status, count(*)::int as n from xinghuo.signups where event_id = $1 and role = $2 group by status`,
    [eventId, role],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Sets a row of xinghuo.signup_limits for the duration of fn, then restores it. */
export async function withLimit<T>(scope: 'phone' | 'client', maxSignups: number, fn: () => Promise<T>): Promise<T> {
  const [{ max_signups: original }] = await sql(`select max_signups from xinghuo.signup_limits where scope = $1`, [scope]);
  await sql(`update xinghuo.signup_limits set max_signups = $2 where scope = $1`, [scope, maxSignups]);
  try {
    return await fn();
  } finally {
    await sql(`update xinghuo.signup_limits set max_signups = $2 where scope = $1`, [scope, original]);
  }
}
