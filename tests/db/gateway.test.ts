// The gateway driven by the real supabase-js client: PostgREST's RPC semantics and error mapping,
// Supabase Auth's sessions, and 501 for everything the stand-in does not serve.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ws from 'ws';
import { anonKey, apiUrl, createUser, makeJwt, sql } from './harness';

let clients = 0;
function newClient(): SupabaseClient {
  clients += 1;
  return createClient(apiUrl, anonKey, {
    realtime: { transport: ws as never },
    auth: { persistSession: false, autoRefreshToken: false, storageKey: `gw-test-${clients}` },
  });
}
/** A client whose every request carries `token` as its Bearer JWT. */
function clientWithToken(token: string): SupabaseClient {
  return createClient(apiUrl, anonKey, {
    realtime: { transport: ws as never },
    auth: { persistSession: false, autoRefreshToken: false, storageKey: `gw-test-token-${++clients}` },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });
}
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

// Test-only functions, created and dropped by this file, each granted explicitly (deny by default).
const FIXTURES = `
create table xinghuo.zz_gw_probe (x int);
alter table xinghuo.zz_gw_probe enable row level security;
create function public.zz_gw_add(p_a int, p_b int default 10) returns int language sql as $$ select p_a + p_b $$;
create function public.zz_gw_setof(p_n int) returns setof int language sql as $$ select generate_series(1, p_n) $$;
create function public.zz_gw_table(p_tags text[]) returns table (pos int, tag text) language sql
  as $$ select i::int, t from unnest(p_tags) with ordinality as u (t, i) $$;
create function public.zz_gw_void() returns void language plpgsql as $$ begin end $$;
create function public.zz_gw_null() returns text language sql as $$ select null::text $$;
create function public.zz_gw_json(p_doc jsonb, p_at timestamptz) returns jsonb language sql
  as $$ select jsonb_build_object('doc', p_doc, 'epoch', extract(epoch from p_at)::bigint) $$;
create function public.zz_gw_whoami() returns jsonb language sql stable as $$
  select jsonb_build_object('role', current_user, 'uid', auth.uid(), 'auth_role', auth.role(),
    'jwt_role', auth.jwt() ->> 'role', 'client_info', current_setting('request.headers', true)::jsonb ->> 'x-client-info',
    'method', current_setting('request.method', true), 'path', current_setting('request.path', true)) $$;
create function public.zz_gw_fail(p_code text) returns void language plpgsql as $$
  begin raise exception 'thing_failed' using errcode = p_code, detail = 'some detail', hint = 'p_code'; end $$;
create function public.zz_gw_insert_then_fail() returns void language plpgsql security definer set search_path = '' as $$
  begin insert into xinghuo.zz_gw_probe values (1); raise exception 'after_insert'; end $$;
create function public.zz_gw_private() returns int language sql as $$ select 1 $$;
grant execute on function public.zz_gw_add(int, int), public.zz_gw_setof(int), public.zz_gw_table(text[]),
  public.zz_gw_void(), public.zz_gw_null(), public.zz_gw_json(jsonb, timestamptz), public.zz_gw_whoami(),
  public.zz_gw_fail(text), public.zz_gw_insert_then_fail() to anon, authenticated;
revoke execute on function public.zz_gw_private() from anon, authenticated, service_role;
`;

beforeAll(async () => {
  await sql(FIXTURES);
});
afterAll(async () => {
  await sql(`drop function if exists public.zz_gw_add(int, int), public.zz_gw_setof(int), public.zz_gw_table(text[]),
    public.zz_gw_void(), public.zz_gw_null(), public.zz_gw_json(jsonb, timestamptz), public.zz_gw_whoami(),
    public.zz_gw_fail(text), public.zz_gw_insert_then_fail(), public.zz_gw_private();
    drop table if exists xinghuo.zz_gw_probe`);
});

describe('rpc results are shaped as PostgREST shapes them', () => {
  test('scalar, with named arguments and defaults', async () => {
    const anon = newClient();
    expect(await anon.rpc('zz_gw_add', { p_a: 2 })).toMatchObject({ data: 12, error: null, status: 200 });
    expect(await anon.rpc('zz_gw_add', { p_a: 2, p_b: 3 })).toMatchObject({ data: 5, status: 200 });
  });

  test('setof scalar → array, returns table → array of objects, arrays converted from JSON', async () => {
    const anon = newClient();
    expect((await anon.rpc('zz_gw_setof', { p_n: 3 })).data).toEqual([1, 2, 3]);
    expect((await anon.rpc('zz_gw_setof', { p_n: 0 })).data).toEqual([]);
    expect((await anon.rpc('zz_gw_table', { p_tags: ['a', 'b'] })).data).toEqual([
      { pos: 1, tag: 'a' },
      { pos: 2, tag: 'b' },
    ]);
  });

  test('void → 204 without body; null scalar → null; jsonb and timestamptz arguments', async () => {
    const anon = newClient();
    expect(await anon.rpc('zz_gw_void')).toMatchObject({ data: null, error: null, status: 204 });
    expect(await anon.rpc('zz_gw_null')).toMatchObject({ data: null, error: null, status: 200 });
    const { data } = await anon.rpc('zz_gw_json', { p_doc: { a: [1, 'x'] }, p_at: '2026-12-05T09:30:00+08:00' });
    expect(data).toEqual({ doc: { a: [1, 'x'] }, epoch: Date.parse('2026-12-05T01:30:00Z') / 1000 });
  });

  test('the role, JWT claims and request headers are set as PostgREST sets them', async () => {
    const anon = await newClient().rpc('zz_gw_whoami');
    expect(anon.data).toMatchObject({ role: 'anon', uid: null, auth_role: 'anon', jwt_role: 'anon', method: 'POST', path: '/rpc/zz_gw_whoami' });
    expect(anon.data.client_info).toMatch(/^supabase-js/);

    const password = `pw-${randomUUID()}`;
    const user = await createUser(`whoami-${randomUUID().slice(0, 8)}@test.local`, password);
    const client = newClient();
    expect((await client.auth.signInWithPassword({ email: user.email, password })).error).toBeNull();
    const signedIn = await client.rpc('zz_gw_whoami');
    expect(signedIn.data).toMatchObject({ role: 'authenticated', uid: user.id, auth_role: 'authenticated' });
  });
});

describe('errors are mapped as PostgREST documents', () => {
  test('a raised exception (P0001) → 400 with code, message, details and hint', async () => {
    const { error, status } = await newClient().rpc('zz_gw_fail', { p_code: 'P0001' });
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: 'P0001', message: 'thing_failed', details: 'some detail', hint: 'p_code' });
  });

  test('uniqueness violation → 409, PTxyz → xyz, other classes → 400', async () => {
    expect((await newClient().rpc('zz_gw_fail', { p_code: '23505' })).status).toBe(409);
    expect((await newClient().rpc('zz_gw_fail', { p_code: 'PT418' })).status).toBe(418);
    expect((await newClient().rpc('zz_gw_fail', { p_code: '22023' })).status).toBe(400);
  });

  test('permission denied (42501) → 401 for anon, 403 for a signed-in user', async () => {
    const anon = await newClient().rpc('zz_gw_private');
    expect(anon.status).toBe(401);
    expect(anon.error).toMatchObject({ code: '42501', message: 'permission denied for function zz_gw_private' });
    const user = await clientWithToken(makeJwt({ sub: randomUUID(), role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 })).rpc('zz_gw_private');
    expect(user.status).toBe(403);
    expect(user.error?.code).toBe('42501');
  });

  test('an unknown function, or unknown argument names → 404 PGRST202', async () => {
    const missing = await newClient().rpc('zz_gw_no_such_function');
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'PGRST202', message: 'Could not find the function public.zz_gw_no_such_function without parameters in the schema cache' });
    const wrongArgs = await newClient().rpc('zz_gw_add', { a: 1 });
    expect(wrongArgs.status).toBe(404);
    expect(wrongArgs.error?.code).toBe('PGRST202');
  });

  test('a JWT with a bad signature or shape → 401 PGRST301', async () => {
    const forged = makeJwt({ role: 'service_role' }, 'not-the-secret-not-the-secret-not-the-secret');
    const bad = await clientWithToken(forged).rpc('zz_gw_add', { p_a: 1 });
    expect(bad.status).toBe(401);
    expect(bad.error?.code).toBe('PGRST301');
    const garbage = await clientWithToken('not-a-jwt').rpc('zz_gw_add', { p_a: 1 });
    expect(garbage.status).toBe(401);
    expect(garbage.error?.code).toBe('PGRST301');
  });

  test('an expired JWT → 401 PGRST303 "JWT expired"', async () => {
    const expired = makeJwt({ sub: randomUUID(), role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 120 });
    const res = await clientWithToken(expired).rpc('zz_gw_add', { p_a: 1 });
    expect(res.status).toBe(401);
    expect(res.error).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  test('an error rolls back everything the call did', async () => {
    const res = await newClient().rpc('zz_gw_insert_then_fail');
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe('after_insert');
    expect(await sql('select count(*)::int as n from xinghuo.zz_gw_probe')).toEqual([{ n: 0 }]);
  });

  test('a request with neither apikey nor Authorization → 401', async () => {
    const res = await fetch(`${apiUrl}/rest/v1/rpc/zz_gw_add`, { method: 'POST', body: '{"p_a":1}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'No API key found in request' });
  });
});

describe('the gateway itself', () => {
  test('GET /health → 200 while the database answers', async () => {
    const res = await fetch(`${apiUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  test('paths the stand-in does not serve → 501 saying so', async () => {
    const table = await newClient().from('events').select('*');
    expect(table.status).toBe(501);
    expect(table.error?.message).toMatch(/local Supabase stand-in does not serve GET \/rest\/v1\/events/);
    const storage = await fetch(`${apiUrl}/storage/v1/object/list/x`, { method: 'POST', headers: { apikey: anonKey } });
    expect(storage.status).toBe(501);
    expect((await storage.json()).message).toMatch(/does not serve POST \/storage\/v1\/object\/list\/x/);
  });

  test('CORS: a local origin is allowed with the Supabase headers, a foreign one is not', async () => {
    const preflight = (origin: string) =>
      fetch(`${apiUrl}/rest/v1/rpc/zz_gw_add`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'apikey,authorization,content-type,x-client-info' },
      });
    const local = await preflight('http://127.0.0.1:4399');
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4399');
    expect(local.headers.get('access-control-allow-headers')).toMatch(/apikey.*authorization.*content-type.*x-client-info/);
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('auth, as Supabase Auth answers it', () => {
  let email: string;
  let password: string;
  let userId: string;
  beforeAll(async () => {
    password = `pw-${randomUUID()}`;
    email = `auth-${randomUUID().slice(0, 8)}@test.local`;
    userId = (await createUser(email, password)).id;
  });

  test('signInWithPassword returns a GoTrue-shaped session and JWT', async () => {
    const client = newClient();
    const { data, error } = await client.auth.signInWithPassword({ email, password });
    expect(error).toBeNull();
    const session = data.session!;
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(session.refresh_token).toEqual(expect.any(String));
    expect(session.user).toMatchObject({ id: userId, email, aud: 'authenticated', role: 'authenticated', is_anonymous: false });
    const claims = claimsOf(session.access_token);
    expect(claims).toMatchObject({ sub: userId, role: 'authenticated', aud: 'authenticated', email, aal: 'aal1', is_anonymous: false });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(session.expires_at).toBe(claims.exp);
    expect(claims.session_id).toEqual(expect.any(String));
    expect(claims.amr[0].method).toBe('password');
  });

  test('an unknown email and a wrong password get the same error', async () => {
    const wrongPassword = await newClient().auth.signInWithPassword({ email, password: 'wrong-password' });
    const unknownEmail = await newClient().auth.signInWithPassword({ email: `nobody-${randomUUID()}@test.local`, password });
    for (const { error, data } of [wrongPassword, unknownEmail]) {
      expect(data.session).toBeNull();
      expect(error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
    }
  });

  test('passwords are stored as bcrypt hashes', async () => {
    const [row] = await sql('select encrypted_password from auth.users where id = $1', [userId]);
    expect(row.encrypted_password).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(row.encrypted_password).not.toContain(password);
  });

  test('getUser returns the signed-in user; a forged token is refused', async () => {
    const client = newClient();
    await client.auth.signInWithPassword({ email, password });
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: userId, email });
    const forged = await newClient().auth.getUser(makeJwt({ sub: userId, role: 'authenticated' }, 'x'.repeat(40)));
    expect(forged.data.user).toBeNull();
    expect(forged.error?.status).toBe(403);
  });

  test('refreshSession rotates the refresh token; reusing an old one ends the session', async () => {
    const client = newClient();
    const first = (await client.auth.signInWithPassword({ email, password })).data.session!;
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    const second = data.session!;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(claimsOf(second.access_token).session_id).toBe(claimsOf(first.access_token).session_id);

    // Past the 10 s reuse interval (see auth-sessions.test.ts for reuse inside it).
    await sql(`update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where revoked and session_id = $1`, [
      claimsOf(first.access_token).session_id,
    ]);
    const reuse = await newClient().auth.refreshSession({ refresh_token: first.refresh_token });
    expect(reuse.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
    // Reuse is treated as theft: the newest token of that session no longer works either.
    const after = await newClient().auth.refreshSession({ refresh_token: second.refresh_token });
    expect(after.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  test('refresh tokens are stored hashed, never as issued', async () => {
    const session = (await newClient().auth.signInWithPassword({ email, password })).data.session!;
    const rows = await sql('select token from auth.refresh_tokens where token = $1', [session.refresh_token]);
    expect(rows).toEqual([]);
  });

  test('signOut revokes the refresh token and the session', async () => {
    const client = newClient();
    const session = (await client.auth.signInWithPassword({ email, password })).data.session!;
    expect((await client.auth.signOut()).error).toBeNull();
    const refresh = await newClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refresh.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
    const user = await newClient().auth.getUser(session.access_token);
    expect(user.data.user).toBeNull();
    expect(user.error).not.toBeNull();
  });

  test('the seeded demo coordinator can sign in', async () => {
    const { data, error } = await newClient().auth.signInWithPassword({ email: 'coordinator@xinghuo.local', password: 'xinghuo-demo-2026' });
    expect(error).toBeNull();
    expect(data.user?.email).toBe('coordinator@xinghuo.local');
  });

  test('an unconfirmed email cannot sign in', async () => {
    const other = `unconfirmed-${randomUUID().slice(0, 8)}@test.local`;
    const { id } = await createUser(other, password);
    await sql('update auth.users set email_confirmed_at = null where id = $1', [id]);
    const { error } = await newClient().auth.signInWithPassword({ email: other, password });
    expect(error).toMatchObject({ status: 400, code: 'email_not_confirmed' });
  });
});
