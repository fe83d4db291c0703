// What the gateway hands PostgreSQL: values as bind parameters (so a failed call's statement in the
// PostgreSQL log holds `$1`, not a phone number or a token), request.headers without credentials, and
// the client address from the socket, as a proxy would set it, whatever the client claims.
import { randomInt, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { anonKey, apiUrl, createUser, signIn, sql } from './harness';
import { httpFrom } from './http-from';
import { api, randomPhone, signupArgs } from './signup-fixtures';

const pgLogFile = inject('pgLogFile');

const FIXTURES = `
create function public.zz_priv_fail(p_tag text, p_phone text) returns void language plpgsql as $$
  begin raise exception 'zz_priv_failed_%', p_tag; end $$;
create function public.zz_priv_headers() returns jsonb language sql stable as $$
  select current_setting('request.headers', true)::jsonb $$;
grant execute on function public.zz_priv_fail(text, text), public.zz_priv_headers() to anon, authenticated;
`;
beforeAll(async () => {
  await sql(FIXTURES);
});
afterAll(async () => {
  await sql('drop function if exists public.zz_priv_fail(text, text), public.zz_priv_headers()');
});

async function logOnceItHas(marker: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const text = await readFile(pgLogFile, 'utf8');
    if (text.includes(marker)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the PostgreSQL log (${pgLogFile}) never showed ${marker}`);
}

describe('the PostgreSQL log', () => {
  test('failed calls carrying a phone number and a token leave neither in it', async () => {
    const password = `pw-${randomUUID()}`;
    const user = await createUser(`priv-${randomUUID().slice(0, 8)}@test.local`, password);
    const token = await signIn(user.email, password);
    const phone = randomPhone('137');
    const tag = randomUUID().replaceAll('-', '');
    const failed = await api('zz_priv_fail', { p_tag: tag, p_phone: phone }, { token });
    expect(failed.status).toBe(400);
    // A sign-up refused inside PostgreSQL, with a real phone number in the body.
    const refused = await api('sign_up', signupArgs('no-such-event', { p_phone: phone }));
    expect(refused.status).toBeGreaterThanOrEqual(400);

    const log = await logOnceItHas(`zz_priv_failed_${tag}`);
    expect(log).toContain('STATEMENT:'); // the failed statements were logged, only without values
    expect(log).not.toContain(phone);
    expect(log).not.toContain(token.split('.')[2]);
    expect(log).not.toContain(token.split('.')[1]);
    expect(log).not.toContain(anonKey.split('.')[2]);
  });
});

describe('request.headers as SQL sees them', () => {
  test('no authorization or apikey; x-forwarded-for and x-real-ip are the socket address', async () => {
    const from = `127.44.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    const res = await httpFrom(from, `${apiUrl}/rest/v1/rpc/zz_priv_headers`, {
      headers: {
        apikey: anonKey,
        Authorization: `Bearer ${anonKey}`,
        'Content-Type': 'application/json',
        'X-Forwarded-For': '203.0.113.50, 10.0.0.1',
        'X-Real-IP': '203.0.113.51',
        'X-Client-Info': 'privacy-test',
      },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const headers = JSON.parse(res.text);
    expect(headers).not.toHaveProperty('authorization');
    expect(headers).not.toHaveProperty('apikey');
    expect(headers['x-forwarded-for']).toBe(from);
    expect(headers['x-real-ip']).toBe(from);
    expect(headers['x-client-info']).toBe('privacy-test');
  });
});
