// Two 支行 and the callers of the branch-scope suites: a coordinator of the first branch ("own"), a
// team lead (the harness's default coordinator), and events of either branch made through the
// coordinator RPCs or directly. Branch ids are fresh per run so the suites share nothing.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { branchCoordinatorToken, ensureBranch, sql, tokens, type RpcResult, type Tokens } from './harness';
import { createVenue, ensureRoles, eventInput, saveEvent, type Saved } from './programme-fixtures';

export interface BranchWorld {
  t: Tokens;
  /** the team lead: runs every branch */
  lead: string;
  /** a coordinator of branch `own` only */
  ownCoordinator: string;
  own: string;
  other: string;
  venueId: number;
}

export async function branchWorld(): Promise<BranchWorld> {
  const t = await tokens();
  await ensureRoles();
  const tag = randomUUID().replace(/-/g, '').slice(0, 8);
  const own = await ensureBranch(`own-${tag}`);
  const other = await ensureBranch(`other-${tag}`);
  return { t, lead: t.coordinator, ownCoordinator: await branchCoordinatorToken(own), own, other, venueId: await createVenue(t.coordinator) };
}

/** A draft of `branchId` saved by the team lead. */
export function draftIn(w: BranchWorld, branchId: string | null, over: Record<string, unknown> = {}): Promise<Saved> {
  return saveEvent(w.lead, eventInput(w.venueId, { branch_id: branchId, ...over }));
}

/** The refusal of a coordinator outside their branch. */
export function expectBranchForbidden(res: RpcResult): void {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body).toMatchObject({ code: '42501', message: 'branch_forbidden' });
}

/** Everything an RPC about one event could store: equal before and after a refusal means nothing stored. */
export async function scopeState(): Promise<unknown> {
  const [row] = await sql(
    `select (select count(*) from xinghuo.events)::int as events, (select coalesce(sum(revision), 0) from xinghuo.events)::int as revisions,
       (select count(*) from xinghuo.event_history)::int as history, (select count(*) from xinghuo.event_slots)::int as slots,
       (select count(*) from xinghuo.events where status = 'cancelled')::int as cancelled,
       (select count(*) from xinghuo.events where publication = 'published')::int as published,
       (select count(*) from xinghuo.events where planned_hours_confirmed_at is not null)::int as confirmed_hours,
       (select count(*) from xinghuo.signups)::int as signups, (select count(*) from xinghuo.signups where checked_in_at is not null)::int as checked_in,
       (select count(*) from xinghuo.signups where checked_out_at is not null)::int as checked_out,
       (select count(*) from xinghuo.phone_reveals)::int as reveals, (select count(*) from xinghuo.event_reports)::int as reports,
       (select count(*) from xinghuo.messages)::int as messages, (select count(*) from xinghuo.messages where status = 'dead')::int as dead,
       (select count(*) from xinghuo.offline_actions)::int as offline`);
  return row;
}

/** A dead message about a sign-up's event (its key names the sign-up, as the reminder producer's does). */
export async function deadMessage(key: string): Promise<number> {
  const [row] = await sql<{ id: string }>(
    `insert into xinghuo.messages (channel, recipient, kind, params, idempotency_key, not_before, quiet_hours, max_attempts, status, attempts)
     values ('sms', '13900000000', 'reminder', '{}', $1, now(), false, 3, 'dead', 3) returning id`, [key]);
  return Number(row!.id);
}
