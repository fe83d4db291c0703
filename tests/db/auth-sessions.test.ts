// Ending a session ends access: signing out, and a detected refresh-token theft, stop the old access
// token from running coordinator RPCs (phones included) at once, not when it expires an hour later.
// Refresh tokens have Supabase Auth's reuse interval, and sign-in is rate-limited per client address
// (count and concurrency) and per e-mail with 429 + Retry-After, shaped as Supabase Auth answers.
import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { anonKey, apiUrl, createEvent, createUser, makeCoordinator, rpc, signInSession, sql } from './harness';
import { httpFrom } from './http-from';
import { api, signupArgs } from './signup-fixtures';

const auth = (path: string, body: unknown, opts: { token?: string; from?: string } = {}) =>
  httpFrom(opts.from ?? '127.0.0.1', `${apiUrl}/auth/v1/${path}`, {
    headers: {
      apikey: anonKey,
      'Content-Type': 'application/json',
      'X-Supabase-Api-Version': '2024-01-01',
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
    },
    body: JSON.stringify(body),
  });
const refresh = async (refreshToken: string) => {
  const res = await auth('token?grant_type=refresh_token', { refresh_token: refreshToken });
  return { status: res.status, body: JSON.parse(res.text) };
};
/** Ages a refresh token's rotation past the 10 s reuse interval, as if it were stolen and replayed later. */
const ageRotation = (sessionId: string) =>
  sql(`update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where session_id = $1 and revoked`, [sessionId]);
const sessionOf = (jwt: string): string => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).session_id;
const uniqueSource = () => `127.43.${randomInt(0, 256)}.${randomInt(1, 255)}`;

const password = `pw-${randomUUID()}`;
let email: string;
let signupId: number;
let phone: string;

beforeAll(async () => {
  email = `coord-session-${randomUUID().slice(0, 8)}@test.local`;
  await makeCoordinator(await createUser(email, password), '会话测试协调员');
  const ev = await createEvent({ slots: { volunteer: 5 } });
  const args = signupArgs(ev.slug);
  phone = String(args.p_phone);
  expect((await api('sign_up', args)).status).toBe(200);
  const [row] = await sql('select id from xinghuo.signups where event_id = $1', [ev.id]);
  signupId = Number(row.id);
});

describe('coordinator RPCs need a live session', () => {
  test('after logout the old access token reveals nothing', async () => {
    const session = await signInSession(email, password);
    expect(await rpc('coord_reveal_phone', { p_signup_id: signupId }, session.access_token)).toMatchObject({ status: 200, body: phone });
    expect((await auth('logout?scope=local', {}, { token: session.access_token })).status).toBe(204);
    const after = await rpc('coord_reveal_phone', { p_signup_id: signupId }, session.access_token);
    expect(after).toMatchObject({ status: 401, body: { code: 'PT401', message: 'session_ended' } });
    expect((await rpc('coord_dashboard', {}, session.access_token)).status).toBe(401);
  });

  test('a refresh token replayed after the reuse interval revokes the session and its access tokens', async () => {
    const session = await signInSession(email, password);
    const rotated = await refresh(session.refresh_token);
    expect(rotated.status).toBe(200);
    await ageRotation(sessionOf(session.access_token));
    const replay = await refresh(session.refresh_token);
    expect(replay).toMatchObject({ status: 400, body: { code: 'refresh_token_already_used' } });
    for (const token of [session.access_token, rotated.body.access_token]) {
      expect((await rpc('coord_reveal_phone', { p_signup_id: signupId }, token)).status).toBe(401);
    }
    expect((await refresh(rotated.body.refresh_token)).status).toBe(400);
  });

  test('a token without a session (or naming an unknown one) is refused', async () => {
    const session = await signInSession(email, password);
    await sql('delete from auth.sessions where id = $1', [sessionOf(session.access_token)]);
    expect((await rpc('coord_events', {}, session.access_token)).body).toMatchObject({ message: 'session_ended' });
  });
});

describe('refresh-token reuse interval', () => {
  test('two concurrent refreshes of one token both get a working session', async () => {
    const session = await signInSession(email, password);
    const both = await Promise.all([refresh(session.refresh_token), refresh(session.refresh_token)]);
    for (const r of both) {
      expect(r.status).toBe(200);
      expect(sessionOf(r.body.access_token)).toBe(sessionOf(session.access_token));
    }
    // Neither client was signed out: each can go on refreshing and calling coordinator RPCs.
    for (const r of both) {
      const next = await refresh(r.body.refresh_token);
      expect(next.status).toBe(200);
      expect((await rpc('coord_events', {}, next.body.access_token)).status).toBe(200);
    }
  });

  test('a second refresh inside the interval is not treated as theft', async () => {
    const session = await signInSession(email, password);
    expect((await refresh(session.refresh_token)).status).toBe(200);
    const again = await refresh(session.refresh_token);
    expect(again.status).toBe(200);
    expect((await rpc('coord_events', {}, session.access_token)).status).toBe(200);
  });
});

describe('sign-in rate limits', () => {
  const signInFrom = (from: string, who: string, pw: string) =>
    auth('token?grant_type=password', { email: who, password: pw }, { from });

  test('one client address: 30 attempts per 5 minutes, then 429 with Retry-After', async () => {
    const from = uniqueSource();
    for (let i = 0; i < 30; i++) expect((await signInFrom(from, `nobody-${randomUUID()}@test.local`, 'guess')).status).toBe(400);
    const limited = await signInFrom(from, email, password);
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.text)).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    expect(limited.headers['x-sb-error-code']).toBe('over_request_rate_limit');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    // Another address is not affected.
    expect((await signInFrom(uniqueSource(), email, password)).status).toBe(200);
  });

  test('a burst from one address: two password checks at a time, the rest refused at once', async () => {
    const from = uniqueSource();
    const burst = Promise.all(Array.from({ length: 20 }, () => signInFrom(from, `nobody-${randomUUID()}@test.local`, 'guess')));
    // Someone else signing in meanwhile is not queued behind the burst's bcrypt checks.
    const real = signInFrom(uniqueSource(), email, password);
    const statuses = (await burst).map((r) => r.status);
    expect(statuses.filter((st) => st === 429).length).toBeGreaterThanOrEqual(15);
    expect(statuses.filter((st) => st !== 429 && st !== 400)).toEqual([]);
    expect((await real).status).toBe(200);
  });

  test('one e-mail: 10 failed attempts from anywhere, then even the right password waits', async () => {
    const victim = `victim-${randomUUID().slice(0, 8)}@test.local`;
    await createUser(victim, password);
    for (let i = 0; i < 10; i++) expect((await signInFrom(uniqueSource(), victim, `wrong-${i}`)).status).toBe(400);
    const limited = await signInFrom(uniqueSource(), victim, password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Successful sign-ins never count against an e-mail.
    for (let i = 0; i < 12; i++) expect((await signInFrom(uniqueSource(), email, password)).status).toBe(200);
  });
});
