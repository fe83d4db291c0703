// Arranging state for the coordinator suites: sign-ups are inserted directly (superuser), because
// the public sign-up RPC refuses past events and rate-limits one client, and these tests are about
// what coordinators do with sign-ups, not how they are made (tests/db/signup*.test.ts cover that).
import { randomInt, randomUUID } from 'node:crypto';
import { createUser, makeCoordinator, signIn, sql } from './harness';

export function randomPhone(): string {
  return `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface SignupOpts {
  role?: string;
  status?: 'confirmed' | 'waitlisted' | 'cancelled';
  name?: string;
  phone?: string;
  code?: string;
  checkedIn?: boolean;
}

export async function addSignup(eventId: number, opts: SignupOpts = {}): Promise<{ id: number; phone: string; code: string }> {
  const phone = opts.phone ?? randomPhone();
  const code = opts.code ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  const status = opts.status ?? 'confirmed';
  const [row] = await sql<{ id: string }>(
    `insert into xinghuo.signups (event_id, role, name, phone, status, consent_version, checkin_code, cancelled_at, checked_in_at)
     values ($1, $2, $3, $4, $5, '2026-11', $6, case when $5 = 'cancelled' then now() end, case when $7 then now() end)
     returning id`,
    [eventId, opts.role ?? 'volunteer', opts.name ?? '测试志愿者', phone, status, code, opts.checkedIn ?? false],
  );
  return { id: Number(row!.id), phone, code };
}

/** A signed-in coordinator whose row is inactive: must be refused like anyone else. */
export async function inactiveCoordinatorToken(): Promise<string> {
  const password = `pw-${randomUUID()}`;
  const u = await createUser(`inactive-${randomUUID().slice(0, 8)}@test.local`, password);
  await makeCoordinator(u, '停用的协调员', false);
  return signIn(u.email, password);
}

/** A second active coordinator, for the two-editors case. */
export async function secondCoordinatorToken(name = '第二位协调员'): Promise<string> {
  const password = `pw-${randomUUID()}`;
  const u = await createUser(`coord2-${randomUUID().slice(0, 8)}@test.local`, password);
  await makeCoordinator(u, name, true);
  return signIn(u.email, password);
}

/** A report for an in-person event; its people are all counted as older people unless a split is given. */
export function reportArgs(eventId: number, expected: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const people = over.p_people_reached ?? 300;
  return {
    p_reach_by_audience: typeof people === 'number' ? { elderly: people } : null,
    p_event_id: eventId,
    p_expected_version: expected,
    p_people_reached: 300,
    p_volunteers_present: 0,
    p_adjust_reason: null,
    p_questions_answered: 12,
    p_notes: '测试备注',
    p_materials: { leaflet: 100, booklet: 10 },
    ...over,
  };
}
