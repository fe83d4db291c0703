// Who is a coordinator: public.my_coordinator_profile for every kind of caller, and the private
// xinghuo.is_coordinator() helper that coordinator RPCs rely on.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { createUser, makeCoordinator, rpc, signIn, sql, tokens, type Tokens } from './harness';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

describe('my_coordinator_profile', () => {
  test('anon is refused (401, permission denied)', async () => {
    const res = await rpc('my_coordinator_profile', {}, t.anon);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('42501');
  });

  test('the service role is refused too: it is a signed-in users\' function (403)', async () => {
    const res = await rpc('my_coordinator_profile', {}, t.service);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('42501');
  });

  test('a signed-in non-coordinator gets null (the app shows "no access")', async () => {
    expect(await rpc('my_coordinator_profile', {}, t.user)).toEqual({ status: 200, body: null });
  });

  test('a coordinator gets their display name and active flag', async () => {
    const res = await rpc('my_coordinator_profile', {}, t.coordinator);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ display_name: expect.stringMatching(/^测试协调员/), active: true });
  });

  test('a deactivated coordinator sees active: false', async () => {
    const password = `pw-${randomUUID()}`;
    const user = await createUser(`former-${randomUUID().slice(0, 8)}@test.local`, password);
    await makeCoordinator(user, '前协调员', false);
    const res = await rpc('my_coordinator_profile', {}, await signIn(user.email, password));
    expect(res).toEqual({ status: 200, body: { display_name: '前协调员', active: false } });
  });

  test('the seeded demo coordinator is 示范协调员', async () => {
    const res = await rpc('my_coordinator_profile', {}, await signIn('coordinator@xinghuo.local', 'xinghuo-demo-2026'));
    expect(res.body).toEqual({ display_name: '示范协调员', active: true });
    const volunteer = await rpc('my_coordinator_profile', {}, await signIn('volunteer@xinghuo.local', 'xinghuo-demo-2026'));
    expect(volunteer).toEqual({ status: 200, body: null });
  });
});

describe('xinghuo.is_coordinator', () => {
  async function isCoordinatorAs(sub: string | null): Promise<boolean> {
    const claims = JSON.stringify(sub ? { sub, role: 'authenticated' } : { role: 'anon' });
    const [row] = await sql(`select set_config('request.jwt.claims', $1, true), xinghuo.is_coordinator() as yes`, [claims]);
    return row.yes;
  }

  test('true only for an active coordinator', async () => {
    const password = `pw-${randomUUID()}`;
    const active = await createUser(`c-${randomUUID().slice(0, 8)}@test.local`, password);
    const inactive = await createUser(`i-${randomUUID().slice(0, 8)}@test.local`, password);
    const plain = await createUser(`p-${randomUUID().slice(0, 8)}@test.local`, password);
    await makeCoordinator(active, '在岗协调员');
    await makeCoordinator(inactive, '停用协调员', false);
    expect(await isCoordinatorAs(active.id)).toBe(true);
    expect(await isCoordinatorAs(inactive.id)).toBe(false);
    expect(await isCoordinatorAs(plain.id)).toBe(false);
    expect(await isCoordinatorAs(null)).toBe(false);
  });

  test('is not part of the API (private schema) and not executable by the API roles', async () => {
    expect((await rpc('is_coordinator', {}, t.coordinator)).status).toBe(404);
    const [row] = await sql(
      `select has_function_privilege('anon', 'xinghuo.is_coordinator()', 'execute') as anon,
              has_function_privilege('authenticated', 'xinghuo.is_coordinator()', 'execute') as authenticated`,
    );
    expect(row).toEqual({ anon: false, authenticated: false });
  });
});
