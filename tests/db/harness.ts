// What every database test needs: superuser SQL, raw RPC calls through the gateway, and tokens for
// the four kinds of caller. Tokens of users come from really signing in through the gateway.
import { createHmac, randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { httpFrom } from './http-from';

export const apiUrl: string = inject('apiUrl');
const dbUrl: string = inject('dbUrl');

// The public demo keys of `supabase start` (see supabase/local/keys.mjs).
export const anonKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
export const serviceKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';
export const jwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';

let pool: pg.Pool | undefined;
function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: dbUrl, max: 4 });
  return pool;
}
afterAll(async () => {
  await pool?.end();
  pool = undefined;
});

/**
 * Runs SQL as the superuser (bypasses grants and RLS): for arranging and checking state. Several
 * statements without params run as one implicit transaction; the rows of the last one are returned.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const result: pg.QueryResult | pg.QueryResult[] = await db().query(text, params);
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return (last?.rows ?? []) as T[];
}

export interface RpcResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** POST /rest/v1/rpc/<fn> as the given caller (default: anon). Body is parsed JSON, or null if empty. */
export async function rpc(fn: string, args: Record<string, unknown> = {}, token: string = anonKey): Promise<RpcResult> {
  const res = await fetch(`${apiUrl}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: anonKey, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
}

export interface TestUser {
  id: string;
  email: string;
}

/** Creates a confirmed email/password user in auth.users, as Supabase Auth stores one. */
export async function createUser(email: string, password: string): Promise<TestUser> {
  const [row] = await sql<{ id: string }>(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       confirmation_token, recovery_token, email_change_token_new, email_change,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1,
       extensions.crypt($2, extensions.gen_salt('bf', 4)), now(), '', '', '', '',
       '{"provider":"email","providers":["email"]}', '{}', now(), now())
     returning id`,
    [email, password],
  );
  if (!row) throw new Error(`createUser(${email}) inserted nothing`);
  return { id: row.id, email };
}

/** Signs in through the gateway (POST /auth/v1/token?grant_type=password); returns the session. */
export async function signInSession(email: string, password: string): Promise<{ access_token: string; refresh_token: string }> {
  // Each from its own loopback address: the per-address sign-in limit is for attackers, not for a
  // test suite signing in dozens of users.
  const from = `127.42.${randomInt(0, 256)}.${randomInt(1, 255)}`;
  const res = await httpFrom(from, `${apiUrl}/auth/v1/token?grant_type=password`, {
    headers: { apikey: anonKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = JSON.parse(res.text);
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${res.text}`);
  return body;
}

/** Signs in through the gateway; returns the access token. */
export async function signIn(email: string, password: string): Promise<string> {
  return (await signInSession(email, password)).access_token;
}

/**
 * Makes a user an active coordinator (accepts the id or the object createUser returned): a team lead,
 * who runs every branch, unless `branchId` limits them to one branch.
 */
export async function makeCoordinator(
  user: string | TestUser,
  name: string,
  active = true,
  scope: { branchId?: string } = {},
): Promise<void> {
  const userId = typeof user === 'string' ? user : user.id;
  const branchId = scope.branchId ?? null;
  await sql(
    `insert into xinghuo.coordinators (user_id, display_name, active, branch_id, team_lead) values ($1, $2, $3, $4::text, $4::text is null)
     on conflict (user_id) do update set display_name = excluded.display_name, active = excluded.active,
       branch_id = excluded.branch_id, team_lead = excluded.team_lead`,
    [userId, name, active, branchId],
  );
}

export interface Tokens {
  anon: string;
  user: string;
  coordinator: string;
  service: string;
}
let cachedTokens: Promise<Tokens> | undefined;

/** JWTs for the four kinds of caller: anon key, a signed-in non-coordinator, a coordinator, service key. */
export function tokens(): Promise<Tokens> {
  cachedTokens ??= (async () => {
    const password = `pw-${randomUUID()}`;
    const tag = randomUUID().slice(0, 8);
    const user = await createUser(`user-${tag}@test.local`, password);
    const coordinator = await createUser(`coordinator-${tag}@test.local`, password);
    await makeCoordinator(coordinator, `测试协调员${tag}`);
    return {
      anon: anonKey,
      user: await signIn(user.email, password),
      coordinator: await signIn(coordinator.email, password),
      service: serviceKey,
    };
  })();
  return cachedTokens;
}

export interface NewEvent {
  slug?: string;
  startsInHours?: number;
  hours?: number;
  district?: string;
  slots?: Record<string, number>;
  status?: 'scheduled' | 'cancelled';
  title?: string;
  /** The 支行 it belongs to (made by ensureBranch); none: the team's own event. */
  branchId?: string;
}

/**
 * A published event inserted directly (superuser), for suites about what happens to an event's
 * sign-ups and reports; tests/db/programme-*.test.ts create events through the coordinator RPCs.
 */
export async function createEvent(opts: NewEvent = {}): Promise<{ id: number; slug: string }> {
  const { startsInHours = 48, hours = 2, district = 'shinan', slots = { volunteer: 3 }, status = 'scheduled' } = opts;
  const slug = opts.slug ?? `test-${randomUUID().slice(0, 12)}`;
  const startsAt = new Date(Date.now() + startsInHours * 3_600_000);
  const endsAt = new Date(startsAt.getTime() + hours * 3_600_000);
  const [row] = await sql<{ id: string }>(
    `with e as (
       insert into xinghuo.events (slug, title, summary, starts_at, ends_at, district, audiences, topics, status,
         cancel_reason, lat, lng, publication, published_at, branch_id)
       values ($1, $2, '测试活动的简介文字，讲解常见骗局', $3, $4, $5, '{everyone}', '{fake-officials}', $6,
         case when $6 = 'cancelled' then '测试取消' end, 36.06, 120.38, 'published', now(), $8)
       returning id)
     , s as (insert into xinghuo.event_slots (event_id, role, slots)
       select e.id, r.key, r.value::int from e, jsonb_each_text($7::jsonb) r)
     select id from e`,
    [slug, opts.title ?? `测试活动 ${slug}`, startsAt, endsAt, district, status, JSON.stringify(slots), opts.branchId ?? null],
  );
  if (!row) throw new Error(`createEvent: ${slug} not inserted`);
  return { id: Number(row.id), slug };
}

/** A 支行 with this id (label 测试<id>), made once per database. */
export async function ensureBranch(id: string): Promise<string> {
  await sql(`insert into xinghuo.branches (id, label) values ($1, '测试' || $1) on conflict (id) do nothing`, [id]);
  return id;
}

/** A signed-in coordinator limited to one 支行 (made if missing): their access token. */
export async function branchCoordinatorToken(branchId: string): Promise<string> {
  await ensureBranch(branchId);
  const password = `pw-${randomUUID()}`;
  const user = await createUser(`branch-${branchId}-${randomUUID().slice(0, 8)}@test.local`, password);
  await makeCoordinator(user, `支行协调员${branchId}`.slice(0, 60), true, { branchId });
  return signIn(user.email, password);
}

/** Signs arbitrary claims with the local JWT secret: for tokens the gateway must refuse (expired…). */
export function makeJwt(claims: Record<string, unknown>, secret: string = jwtSecret): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
