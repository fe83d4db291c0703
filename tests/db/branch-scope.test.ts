// Branch scope of every coordinator RPC about one event (issue 14): a branch coordinator runs their
// own branch's events and hears branch_forbidden (nothing stored) for another branch's; a team lead
// runs every branch; anon and signed-in non-coordinators stay refused. The first test reads the
// deployed functions, so an RPC added later with a p_event_id that skips the gate fails here.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addSignup, reportArgs } from './coord-fixtures';
import { createEvent, rpc, sql } from './harness';
import { branchWorld, deadMessage, draftIn, expectBranchForbidden, scopeState, type BranchWorld } from './branch-fixtures';

let w: BranchWorld;
beforeAll(async () => {
  w = await branchWorld();
});

describe('the gate cannot be forgotten', () => {
  it('every coord_* function taking p_event_id reaches xinghuo.coord_assert_event', async () => {
    const fns = await sql<{ name: string; src: string; event_arg: boolean }>(
      `select n.nspname || '.' || p.proname as name, p.prosrc as src,
              coalesce('p_event_id' = any (p.proargnames), false) and p.proname like 'coord\\_%' as event_arg
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'xinghuo')`);
    // Scoped: coord_assert_event itself, and any function whose body calls a scoped one (the
    // shared helpers coord_event_or_raise, lock_event, coord_do_check_in…), to a fixed point.
    const scoped = new Set(['xinghuo.coord_assert_event']);
    for (let grew = true; grew;) {
      grew = false;
      for (const f of fns) {
        if (scoped.has(f.name)) continue;
        if ([...scoped].some((s) => f.src.includes(`${s}(`))) {
          scoped.add(f.name);
          grew = true;
        }
      }
    }
    const withEvent = fns.filter((f) => f.event_arg && f.name.startsWith('public.')).map((f) => f.name).sort();
    expect(withEvent.length).toBeGreaterThanOrEqual(15);
    expect(withEvent).toContain('public.coord_roster');
    expect(withEvent.filter((f) => !scoped.has(f))).toEqual([]);
    // Reached through a sign-up or a message rather than p_event_id:
    for (const f of ['public.coord_reveal_phone', 'public.coord_resend_message', 'public.coord_sync_offline']) expect(scoped.has(f), f).toBe(true);
  });
});

// [rpc, arguments about a fresh event of the given branch]
type Args = (branchId: string) => Promise<Record<string, unknown>>;
const underWay = (branchId: string) => createEvent({ startsInHours: -1, hours: 2, branchId });
const calls: [string, Args][] = [
  ['coord_get_event', async (b) => ({ p_event_id: (await draftIn(w, b)).id })],
  ['coord_save_event', async (b) => {
    const { id, revision } = await draftIn(w, b);
    const { eventInput } = await import('./programme-fixtures');
    return { p_event: eventInput(w.venueId, { id, revision, branch_id: b, title: '改过名称的活动' }) };
  }],
  ['coord_publish_event', async (b) => ({ p_event_id: (await draftIn(w, b)).id, p_revision: 1 })],
  ['coord_unpublish_event', async (b) => {
    const { id } = await draftIn(w, b);
    expect((await rpc('coord_publish_event', { p_event_id: id, p_revision: 1 }, w.lead)).status).toBe(200);
    return { p_event_id: id, p_revision: 2 };
  }],
  ['coord_cancel_event', async (b) => ({ p_event_id: (await draftIn(w, b)).id, p_revision: 1, p_reason: '场地维修' })],
  ['coord_clone_event', async (b) => ({ p_event_id: (await draftIn(w, b)).id })],
  ['coord_event_history', async (b) => ({ p_event_id: (await draftIn(w, b)).id })],
  ['coord_roster', async (b) => ({ p_event_id: (await underWay(b)).id })],
  ['coord_export_roster', async (b) => {
    const { id } = await underWay(b);
    await addSignup(id);
    return { p_event_id: id };
  }],
  ['coord_check_in', async (b) => {
    const { id } = await underWay(b);
    return { p_event_id: id, p_signup_id: (await addSignup(id)).id };
  }],
  ['coord_check_in_by_code', async (b) => {
    const { id } = await underWay(b);
    return { p_event_id: id, p_code: (await addSignup(id)).code };
  }],
  ['coord_undo_check_in', async (b) => {
    const { id } = await underWay(b);
    return { p_event_id: id, p_signup_id: (await addSignup(id, { checkedIn: true })).id };
  }],
  ['coord_check_out', async (b) => {
    const { id } = await underWay(b);
    return { p_event_id: id, p_signup_id: (await addSignup(id, { checkedIn: true })).id };
  }],
  ['coord_confirm_planned_hours', async (b) => ({ p_event_id: (await createEvent({ startsInHours: -5, hours: 2, branchId: b })).id })],
  ['coord_add_walk_in', async (b) => ({ p_event_id: (await underWay(b)).id, p_name: '现场志愿者', p_role: 'volunteer', p_phone: null })],
  ['coord_get_report', async (b) => ({ p_event_id: (await underWay(b)).id })],
  ['coord_save_report', async (b) => reportArgs((await createEvent({ startsInHours: -5, branchId: b })).id, 0)],
  ['coord_send_reminders', async (b) => {
    const { id } = await createEvent({ startsInHours: 30, branchId: b });
    await addSignup(id);
    return { p_event_id: id };
  }],
  ['coord_reveal_phone', async (b) => ({ p_signup_id: (await addSignup((await underWay(b)).id)).id })],
  ['coord_resend_message', async (b) => {
    const signup = await addSignup((await createEvent({ startsInHours: 30, branchId: b })).id);
    return { p_id: await deadMessage(`reminder:${signup.id}:${randomUUID()}`) };
  }],
  ['coord_sync_offline', async (b) => {
    const { id } = await underWay(b);
    return { p_key: randomUUID(), p_action: 'check_in', p_args: { event_id: id, code: (await addSignup(id)).code } };
  }],
];

describe('each RPC about one event, by who calls it', () => {
  for (const [fn, args] of calls) {
    it(`${fn}: anon 401, user 403; own branch and team lead 200; another branch branch_forbidden, nothing stored`, async () => {
      const theirs = await args(w.other);
      const before = await scopeState();
      const anon = await rpc(fn, theirs, w.t.anon);
      expect(anon.status).toBe(401);
      const user = await rpc(fn, theirs, w.t.user);
      expect(user.status).toBe(403);
      expect(user.body.message).toBe('forbidden');
      expectBranchForbidden(await rpc(fn, theirs, w.ownCoordinator));
      expect(await scopeState()).toEqual(before);

      const mine = await rpc(fn, await args(w.own), w.ownCoordinator);
      expect(mine.status, JSON.stringify(mine.body)).toBe(200);
      const lead = await rpc(fn, theirs, w.lead);
      expect(lead.status, JSON.stringify(lead.body)).toBe(200);
    });
  }

  it('an event of no branch is the team lead’s alone', async () => {
    const { id } = await draftIn(w, null);
    expectBranchForbidden(await rpc('coord_get_event', { p_event_id: id }, w.ownCoordinator));
    expect((await rpc('coord_get_event', { p_event_id: id }, w.lead)).status).toBe(200);
  });

  it('a missing event is still event_not_found for a branch coordinator', async () => {
    const res = await rpc('coord_get_event', { p_event_id: 2_000_000_000 }, w.ownCoordinator);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('event_not_found');
  });
});

describe('lists hold only what is in scope', () => {
  it('coord_events: a branch coordinator sees their branch only, with its id and label; a lead sees all', async () => {
    const mine = await draftIn(w, w.own);
    const theirs = await draftIn(w, w.other);
    const none = await draftIn(w, null);
    const own = await rpc('coord_events', {}, w.ownCoordinator);
    expect(own.status).toBe(200);
    const ownIds = own.body.map((e: { id: number }) => e.id);
    expect(ownIds).toContain(mine.id);
    expect(ownIds).not.toContain(theirs.id);
    expect(ownIds).not.toContain(none.id);
    expect(own.body.every((e: { branch_id: string }) => e.branch_id === w.own)).toBe(true);
    expect(own.body.find((e: { id: number }) => e.id === mine.id)).toMatchObject({ branch_id: w.own, branch_label: `测试${w.own}` });
    const lead = await rpc('coord_events', {}, w.lead);
    const leadIds = lead.body.map((e: { id: number }) => e.id);
    expect(leadIds).toEqual(expect.arrayContaining([mine.id, theirs.id, none.id]));
    expect(lead.body.find((e: { id: number }) => e.id === none.id)).toMatchObject({ branch_id: null, branch_label: null });
  });

  it('coord_dead_messages: a branch coordinator sees their branch’s only; a message about no event is the lead’s', async () => {
    const mineSignup = await addSignup((await createEvent({ startsInHours: 30, branchId: w.own })).id);
    const theirsSignup = await addSignup((await createEvent({ startsInHours: 30, branchId: w.other })).id);
    const mine = await deadMessage(`reminder:${mineSignup.id}:${randomUUID()}`);
    const theirs = await deadMessage(`reminder:${theirsSignup.id}:${randomUUID()}`);
    const noEvent = await deadMessage(`code:${randomUUID()}`);
    const ids = async (token: string) => ((await rpc('coord_dead_messages', {}, token)).body as { id: number }[]).map((m) => m.id);
    const own = await ids(w.ownCoordinator);
    expect(own).toContain(mine);
    expect(own).not.toContain(theirs);
    expect(own).not.toContain(noEvent);
    expect(await ids(w.lead)).toEqual(expect.arrayContaining([mine, theirs, noEvent]));
    const refused = await rpc('coord_resend_message', { p_id: noEvent }, w.ownCoordinator);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('lead_only');
    expect((await sql(`select status from xinghuo.messages where id = $1`, [noEvent]))[0].status).toBe('dead');
  });
});

describe('staffing alerts', () => {
  it('e-mail a short-staffed event to the coordinators who run its branch and to the leads, not to other branches', async () => {
    const [{ user_id: ownUser }] = await sql(`select user_id from xinghuo.coordinators where branch_id = $1`, [w.own]);
    const [{ user_id: leadUser }] = await sql(`select c.user_id from xinghuo.coordinators c where c.display_name like '测试协调员%' and c.team_lead
                                               order by c.created_at desc limit 1`);
    const mine = await createEvent({ startsInHours: 30, branchId: w.own, slots: { volunteer: 3 } });
    const theirs = await createEvent({ startsInHours: 30, branchId: w.other, slots: { volunteer: 3 } });
    expect((await rpc('send_staffing_alerts', {}, w.t.service)).status).toBe(200);
    const told = async (eventId: number) => (await sql<{ key: string }>(
      `select idempotency_key as key from xinghuo.messages where idempotency_key like $1`, [`staffing:${eventId}:%`])).map((m) => m.key.split(':')[3]);
    expect(await told(mine.id)).toEqual(expect.arrayContaining([ownUser, leadUser]));
    expect(await told(theirs.id)).toContain(leadUser);
    expect(await told(theirs.id)).not.toContain(ownUser);
  });
});
