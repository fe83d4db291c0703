// coord_sync_offline: check-ins and report saves queued on a phone without signal, replayed when it
// returns. The same key applied twice acts once; a refused replay stores nothing; a report changed by
// another coordinator meanwhile is a conflict, never overwritten.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { addSignup, inactiveCoordinatorToken, reportArgs, secondCoordinatorToken } from './coord-fixtures';

let t: Tokens;
let other: string;
beforeAll(async () => {
  t = await tokens();
  other = await secondCoordinatorToken('离线测试的另一位协调员');
});

// Under way: inside the check-in window whatever the hour of the run.
const underWay = () => createEvent({ startsInHours: -1, hours: 2 });
const sync = (key: string, action: string, args: unknown, token = t.coordinator) =>
  rpc('coord_sync_offline', { p_key: key, p_action: action, p_args: args }, token);
const storedKeys = async (key: string) => (await sql('select count(*)::int as n from xinghuo.offline_actions where key = $1', [key]))[0].n;
/** coord_save_report's arguments without their p_ prefix, as the queue stores them. */
const queuedReport = (eventId: number, expected: number, over: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries(reportArgs(eventId, expected, over)).map(([k, v]) => [k.slice(2), v]));

describe('check-ins replayed from the offline queue', () => {
  it('one key sent five times, also at once, checks in once and answers the first result each time', async () => {
    const e = await underWay();
    const s = await addSignup(e.id);
    const key = randomUUID();
    const first = await sync(key, 'check_in', { event_id: e.id, code: s.code });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ replayed: false, result: { signup_id: s.id, already_checked_in: false } });
    const [{ checked_in_at }] = await sql('select checked_in_at from xinghuo.signups where id = $1', [s.id]);
    const again = await Promise.all(Array.from({ length: 5 }, () => sync(key, 'check_in', { event_id: e.id, code: s.code })));
    for (const r of again) expect(r.body).toEqual({ replayed: true, result: first.body.result });
    const [row] = await sql('select checked_in_at from xinghuo.signups where id = $1', [s.id]);
    expect(row.checked_in_at).toEqual(checked_in_at);
    expect(await storedKeys(key)).toBe(1);
  });

  it('five different keys for one code sent at once leave one check-in (already_checked_in for the rest)', async () => {
    const e = await underWay();
    const s = await addSignup(e.id);
    const all = await Promise.all(Array.from({ length: 5 }, () => sync(randomUUID(), 'check_in', { event_id: e.id, code: s.code })));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(all.filter((r) => r.body.result.already_checked_in === false)).toHaveLength(1);
    const [{ n }] = await sql('select count(*)::int as n from xinghuo.signups where event_id = $1 and checked_in_at is not null', [e.id]);
    expect(n).toBe(1);
  });

  it('a code the event does not have is refused with its code and stores neither the key nor a check-in', async () => {
    const e = await underWay();
    const s = await addSignup(e.id);
    const wrong = s.code === '000000' ? '000001' : '000000';
    const key = randomUUID();
    const r = await sync(key, 'check_in', { event_id: e.id, code: wrong });
    expect(r.body).toMatchObject({ message: 'checkin_code_not_found' });
    expect(await storedKeys(key)).toBe(0);
    // The refusal stored nothing: the same key with the right code goes through.
    expect((await sync(key, 'check_in', { event_id: e.id, code: s.code })).body.replayed).toBe(false);
  });

  it('keeps the check-in window: an event 50 days ahead refuses the replay', async () => {
    const e = await createEvent({ startsInHours: 50 * 24 });
    const s = await addSignup(e.id);
    const r = await sync(randomUUID(), 'check_in', { event_id: e.id, code: s.code });
    expect(r.body).toMatchObject({ message: 'checkin_not_open' });
  });
});

describe('a tapped name replayed from the offline queue (by sign-up id)', () => {
  it('checks the volunteer in once, however often the phone resends it', async () => {
    const e = await underWay();
    const s = await addSignup(e.id);
    const key = randomUUID();
    const first = await sync(key, 'check_in', { event_id: e.id, signup_id: s.id });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ replayed: false, result: { signup_id: s.id, already_checked_in: false } });
    const again = await sync(key, 'check_in', { event_id: e.id, signup_id: s.id });
    expect(again.body).toEqual({ replayed: true, result: first.body.result });
    const [{ n }] = await sql('select count(*)::int as n from xinghuo.signups where id = $1 and checked_in_at is not null', [s.id]);
    expect(n).toBe(1);
  });

  it("refuses a sign-up of another event and stores neither the key nor a check-in", async () => {
    const [e, elsewhere] = [await underWay(), await underWay()];
    const s = await addSignup(elsewhere.id);
    const key = randomUUID();
    const r = await sync(key, 'check_in', { event_id: e.id, signup_id: s.id });
    expect(r.status).toBe(400);
    expect(await storedKeys(key)).toBe(0);
    const [{ checked_in_at }] = await sql('select checked_in_at from xinghuo.signups where id = $1', [s.id]);
    expect(checked_in_at).toBeNull();
  });
});

describe('replay keys are not kept for ever', () => {
  it('a sync drops the keys applied more than 30 days ago and keeps the recent ones', async () => {
    const [old, recent] = [randomUUID(), randomUUID()];
    await sql(`insert into xinghuo.offline_actions (key, coordinator, action, args, applied_at)
      select $1::uuid, user_id, 'check_in', '{"event_id": 1, "code": "000000"}', now() - interval '31 days' from xinghuo.coordinators limit 1`, [old]);
    await sql(`insert into xinghuo.offline_actions (key, coordinator, action, args, applied_at)
      select $1::uuid, user_id, 'check_in', '{"event_id": 1, "code": "000001"}', now() - interval '29 days' from xinghuo.coordinators limit 1`, [recent]);
    const e = await underWay();
    const s = await addSignup(e.id);
    expect((await sync(randomUUID(), 'check_in', { event_id: e.id, code: s.code })).status).toBe(200);
    expect(await storedKeys(old)).toBe(0);
    expect(await storedKeys(recent)).toBe(1);
  });
});

describe('report drafts replayed from the offline queue', () => {
  it('a save replayed after its answer was lost is the same save, not a conflict with itself', async () => {
    const e = await underWay();
    const key = randomUUID();
    const args = queuedReport(e.id, 0, { p_people_reached: 120, p_reach_by_audience: { elderly: 100, other: 20 } });
    const first = await sync(key, 'report', args);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ replayed: false, result: { version: 1, people_reached: 120 } });
    const again = await sync(key, 'report', args);
    expect(again.body).toEqual({ replayed: true, result: first.body.result });
    const [{ n }] = await sql('select count(*)::int as n from xinghuo.report_revisions where event_id = $1', [e.id]);
    expect(n).toBe(1);
  });

  it('a draft made offline while another coordinator saved is report_conflict with their report, nothing overwritten', async () => {
    const e = await underWay();
    expect((await rpc('coord_save_report', reportArgs(e.id, 0, { p_people_reached: 50 }), t.coordinator)).status).toBe(200);
    // Offline on the phone: a draft on version 1. Meanwhile the other coordinator saves version 2.
    const draft = queuedReport(e.id, 1, { p_people_reached: 80 });
    expect((await rpc('coord_save_report', reportArgs(e.id, 1, { p_people_reached: 70 }), other)).status).toBe(200);
    const key = randomUUID();
    const r = await sync(key, 'report', draft);
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('report_conflict');
    expect(JSON.parse(r.body.details)).toMatchObject({ version: 2, people_reached: 70 });
    const [report] = await sql('select version, people_reached from xinghuo.event_reports where event_id = $1', [e.id]);
    expect(report).toMatchObject({ version: 2, people_reached: 70 });
    expect(await storedKeys(key)).toBe(0);
    // The coordinator chooses to keep their figures: a new save on version 2 goes through.
    const mine = await sync(randomUUID(), 'report', { ...draft, expected_version: 2 });
    expect(mine.body.result).toMatchObject({ version: 3, people_reached: 80 });
  });
});

describe('coord_sync_offline: bad input gets its own code and stores nothing', () => {
  it.each([
    ['no key', null, 'check_in', { event_id: 1, code: '123456' }, 'sync_key_required'],
    ['unknown action', randomUUID(), 'walk_in', { event_id: 1 }, 'sync_action_unknown'],
    ['args not an object', randomUUID(), 'check_in', [1, 2], 'sync_args_invalid'],
    ['event id not a number', randomUUID(), 'check_in', { event_id: 'x', code: '123456' }, 'sync_args_invalid'],
    ['version not a number', randomUUID(), 'report', { event_id: 1, expected_version: '-1' }, 'sync_args_invalid'],
    ['check-in naming neither code nor sign-up', randomUUID(), 'check_in', { event_id: 1 }, 'sync_args_invalid'],
    ['check-in naming both code and sign-up', randomUUID(), 'check_in', { event_id: 1, code: '123456', signup_id: 2 }, 'sync_args_invalid'],
    ['sign-up id not a number', randomUUID(), 'check_in', { event_id: 1, signup_id: '2; drop' }, 'sync_args_invalid'],
  ])('%s', async (_what, key, action, args, code) => {
    const before = (await sql('select count(*)::int as n from xinghuo.offline_actions'))[0].n;
    const r = await sync(key as string, action, args);
    expect(r.status).toBe(400);
    expect(r.body.message).toBe(code);
    expect((await sql('select count(*)::int as n from xinghuo.offline_actions'))[0].n).toBe(before);
  });

  it('a key used for one action cannot be replayed as another (sync_key_reused), also by another coordinator', async () => {
    const e = await underWay();
    const [a, b] = [await addSignup(e.id), await addSignup(e.id)];
    const key = randomUUID();
    expect((await sync(key, 'check_in', { event_id: e.id, code: a.code })).status).toBe(200);
    expect((await sync(key, 'check_in', { event_id: e.id, code: b.code })).body.message).toBe('sync_key_reused');
    expect((await sync(key, 'check_in', { event_id: e.id, code: a.code }, other)).body.message).toBe('sync_key_reused');
    const [{ checked_in_at }] = await sql('select checked_in_at from xinghuo.signups where id = $1', [b.id]);
    expect(checked_in_at).toBeNull();
  });
});

describe('coord_sync_offline is for active coordinators only', () => {
  it('anon 401, user/inactive/service 403, coordinator 200; the denied store nothing', async () => {
    const e = await underWay();
    const s = await addSignup(e.id);
    const inactive = await inactiveCoordinatorToken();
    const key = randomUUID();
    const args = { event_id: e.id, code: s.code };
    expect((await sync(key, 'check_in', args, t.anon)).status).toBe(401);
    for (const token of [t.user, inactive, t.service]) {
      const denied = await sync(key, 'check_in', args, token);
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('42501');
    }
    expect(await storedKeys(key)).toBe(0);
    expect((await sync(key, 'check_in', args)).status).toBe(200);
  });
});
