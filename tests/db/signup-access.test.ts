// Who may call what: every sign-up RPC allowed and denied per kind of caller, and no direct way
// into the private tables or helpers.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, sql, tokens, type Tokens } from './harness';
import { api, codeFor, signUp, signupArgs } from './signup-fixtures';

type Caller = keyof Tokens;
let t: Tokens;
let slug = '';

beforeAll(async () => {
  t = await tokens();
  slug = (await createEvent({ slots: { volunteer: 50 } })).slug;
});

// A fresh valid token for the token-taking RPCs.
async function newToken(): Promise<string> {
  return (await signUp(slug)).cancel_token;
}

// A pending sign-up's request id and the code sent for it.
async function pendingCode(): Promise<Record<string, unknown>> {
  const args = signupArgs(slug);
  expect((await api('sign_up', args)).status).toBe(200);
  return { p_request_id: args.p_request_id, p_code: await codeFor(String(args.p_request_id)) };
}

const publicRpcs: Record<string, () => Promise<Record<string, unknown>>> = {
  sign_up: async () => signupArgs(slug),
  cancel_signup: async () => ({ p_token: await newToken() }),
  withdraw_signup: async () => ({ p_token: await newToken() }),
  signup_status: async () => ({ p_token: await newToken() }),
  verify_signup: pendingCode,
  event_availability: async () => ({ p_event_slug: slug }),
};

describe('public sign-up RPCs: anon and signed-in callers yes, service role no (it has no use for them)', () => {
  for (const [fn, args] of Object.entries(publicRpcs)) {
    for (const caller of ['anon', 'user', 'coordinator'] as Caller[]) {
      it(`${fn} allowed for ${caller}`, async () => {
        const res = await api(fn, await args(), { token: t[caller] });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      });
    }
    it(`${fn} denied for service`, async () => {
      const res = await api(fn, await args(), { token: t.service });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('42501');
    });
  }
});

describe('anonymise_expired_signups: service role only', () => {
  it('allowed for service', async () => {
    const res = await api('anonymise_expired_signups', { p_retention_days: 90 }, { token: t.service });
    expect(res.status).toBe(200);
    expect(typeof res.body).toBe('number');
  });
  it.each([['anon', 401], ['user', 403], ['coordinator', 403]] as [Caller, number][])('denied for %s (%i)', async (caller, status) => {
    const res = await api('anonymise_expired_signups', { p_retention_days: 0 }, { token: t[caller] });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe('42501');
  });
});

describe('the private side stays private', () => {
  const tables = ['signups', 'signup_limits', 'signup_rate_log', 'signup_secret', 'privacy_notice_versions', 'client_address_settings'];

  it('has RLS on every sign-up table and no privileges for the API roles', async () => {
    for (const table of tables) {
      const [row] = await sql(
        `select c.relrowsecurity as rls,
                has_table_privilege('anon', c.oid, 'select,insert,update,delete') as anon,
                has_table_privilege('authenticated', c.oid, 'select,insert,update,delete') as authed
         from pg_class c where c.oid = ('xinghuo.' || $1)::regclass`,
        [table],
      );
      expect(row, table).toEqual({ rls: true, anon: false, authed: false });
    }
  });

  it('security-definer RPCs pin search_path, helpers are not executable by API roles', async () => {
    const rpcs = await sql(
      `select p.proname, p.prosecdef, p.proconfig from pg_proc p
       where p.pronamespace = 'public'::regnamespace and p.proname = any($1)`,
      [['sign_up', 'cancel_signup', 'withdraw_signup', 'signup_status', 'event_availability', 'anonymise_expired_signups']],
    );
    expect(rpcs).toHaveLength(6);
    for (const r of rpcs) expect([r.proname, r.prosecdef, r.proconfig]).toEqual([r.proname, true, ['search_path=""']]);
    const names = ['signup_fail', 'normalise_phone', 'enforce_client_rate_limit', 'enforce_phone_rate_limit', 'lock_signup_key',
      'signup_key_hash', 'signup_hmac', 'signup_token', 'request_client_address', 'promote_waitlisted', 'signup_id_by_token',
      'waitlist_position'];
    const helpers = await sql(
      `select p.proname as name,
              has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute') as callable
       from pg_proc p where p.pronamespace = 'xinghuo'::regnamespace and p.proname = any($1) order by p.proname`,
      [names],
    );
    expect(helpers).toEqual([...names].sort().map((name) => ({ name, callable: false })));
  });

  it('the API cannot reach private helpers by name', async () => {
    const res = await api('promote_waitlisted', { p_event_id: 1, p_role: 'volunteer' });
    expect(res.status).toBe(404);
    // The helper that turns a request id into its manage token above all.
    expect((await api('signup_token', { p_request_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });
});
