// Each message fired by its real change, in the change's own transaction (issue 11): the answer to a
// verified sign-up with its link, promotion, event moved and cancelled in the workspace (a refused
// save queues nothing, a draft tells no one), reminders from the workspace button with their reply link (declining
// promotes the next person, who is told), staffing alerts to active coordinators; then the texts
// as the real worker delivers them to the SMS stand-in and the SMTP sink.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, rpc, sql, tokens, type Tokens } from './harness';
import { createVenue, ensureRoles, eventInput, hoursFromNow, publishedEvent, saveEvent, speaker } from './programme-fixtures';
import { startStandIns, startWorker, waitFor, workerEnv, type RunningWorker, type StandIns } from './messages-harness';
import { api, randomPhone, signUp, signupArgs } from './signup-fixtures';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

/** The outbox rows of one kind for one number. */
async function queued(kind: string, recipient: string) {
  return sql<{ params: Record<string, string>; idempotency_key: string; id: string }>(
    `select id, params, idempotency_key from xinghuo.messages where kind = $1 and recipient = $2 order by id`, [kind, recipient]);
}

describe('event changes made in the workspace', () => {
  beforeAll(ensureRoles);

  it('cancelling a published event tells the confirmed and the waitlisted, once; a pending sign-up is not told', async () => {
    const ev = await publishedEvent(t.coordinator, eventInput(await createVenue(t.coordinator), { roles: { [speaker]: 1 } }));
    const [a, b] = [randomPhone(), randomPhone()];
    await signUp(ev.slug, { p_role: speaker, p_phone: a });
    expect((await signUp(ev.slug, { p_role: speaker, p_phone: b })).status).toBe('waitlisted');
    const pendingPhone = randomPhone();
    expect((await api('sign_up', signupArgs(ev.slug, { p_role: speaker, p_phone: pendingPhone }))).body.status).toBe('pending');
    const cancelled = await rpc('coord_cancel_event', { p_event_id: ev.id, p_revision: ev.revision, p_reason: '场地临时维修' }, t.coordinator);
    expect(cancelled.status).toBe(200);
    expect((await rpc('coord_cancel_event', { p_event_id: ev.id, p_revision: cancelled.body.revision, p_reason: '再取消一次' }, t.coordinator)).body.message).toBe('already_cancelled');
    for (const phone of [a, b]) {
      const rows = await queued('event_cancelled', phone);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.params.event).toBe('社区防骗讲座');
    }
    expect(await queued('event_cancelled', pendingPhone)).toHaveLength(0);
  });

  it('a moved time tells them the new time, a new venue is named; a refused save queues nothing', async () => {
    const venue = await createVenue(t.coordinator);
    const ev = await publishedEvent(t.coordinator, eventInput(venue, { roles: { [speaker]: 2 } }));
    const phone = randomPhone();
    await signUp(ev.slug, { p_role: speaker, p_phone: phone });
    const later = { starts_at: hoursFromNow(72), ends_at: hoursFromNow(73) };
    // The same move in a save refused for another field: nothing stored, nothing queued.
    expect((await rpc('coord_save_event', { p_event: eventInput(venue, { id: ev.id, revision: ev.revision, ...later, title: '' }) }, t.coordinator)).status).toBe(400);
    expect(await queued('event_changed', phone)).toHaveLength(0);
    const moved = await saveEvent(t.coordinator, eventInput(venue, { id: ev.id, revision: ev.revision, ...later }));
    const [row] = await queued('event_changed', phone);
    const [{ label }] = await sql(`select xinghuo.event_time_label($1::timestamptz) as label`, [later.starts_at]);
    expect(row!.params).toMatchObject({ time: label, place: '原地点' });
    const elsewhere = await createVenue(t.coordinator, { name: `新地点${ev.id}`, lat: 36.1 });
    await saveEvent(t.coordinator, eventInput(elsewhere, { id: ev.id, revision: moved.revision, ...later }));
    expect((await queued('event_changed', phone)).map((r) => r.params.place)).toEqual(['原地点', `新地点${ev.id}`]);
  });

  it('a draft tells no one: an unpublished event moved or cancelled queues nothing', async () => {
    const venue = await createVenue(t.coordinator);
    const ev = await publishedEvent(t.coordinator, eventInput(venue));
    const phone = randomPhone();
    await signUp(ev.slug, { p_role: speaker, p_phone: phone });
    const draft = await rpc('coord_unpublish_event', { p_event_id: ev.id, p_revision: ev.revision }, t.coordinator);
    expect(draft.status).toBe(200);
    const moved = await saveEvent(t.coordinator, eventInput(venue, { id: ev.id, revision: draft.body.revision, starts_at: hoursFromNow(80), ends_at: hoursFromNow(81) }));
    expect((await rpc('coord_cancel_event', { p_event_id: ev.id, p_revision: moved.revision, p_reason: '不办了' }, t.coordinator)).status).toBe(200);
    expect(await queued('event_changed', phone)).toHaveLength(0);
    expect(await queued('event_cancelled', phone)).toHaveLength(0);
  });

  it('a draft gets no reminders and no staffing alerts', async () => {
    const venue = await createVenue(t.coordinator);
    const title = `草稿缺人测试${Date.now() % 100_000}`;
    const ev = await publishedEvent(t.coordinator, eventInput(venue, { title, starts_at: hoursFromNow(30), ends_at: hoursFromNow(31), roles: { [speaker]: 3 } }));
    const phone = randomPhone();
    await signUp(ev.slug, { p_role: speaker, p_phone: phone });
    await rpc('coord_unpublish_event', { p_event_id: ev.id, p_revision: ev.revision }, t.coordinator);
    expect((await rpc('coord_send_reminders', { p_event_id: ev.id }, t.coordinator)).body).toEqual({ reminders: 0 });
    expect((await rpc('send_staffing_alerts', {}, t.service)).status).toBe(200);
    expect(await queued('reminder', phone)).toHaveLength(0);
    expect(await sql(`select id from xinghuo.messages where kind = 'staffing_alert' and params ->> 'event' = $1`, [title])).toEqual([]);
  });
});

describe('reminders: coord_send_reminders and respond_reminder', () => {
  it('coord_send_reminders: anon 401, signed-in non-coordinator and service 403, coordinator 200', async () => {
    const ev = await createEvent();
    expect((await rpc('coord_send_reminders', { p_event_id: ev.id }, t.anon)).status).toBe(401);
    for (const token of [t.user, t.service]) expect((await rpc('coord_send_reminders', { p_event_id: ev.id }, token)).status).toBe(403);
    expect((await rpc('coord_send_reminders', { p_event_id: ev.id }, t.coordinator)).body).toEqual({ reminders: 0 });
    expect((await rpc('coord_send_reminders', { p_event_id: 999999999 }, t.coordinator)).body.message).toBe('event_not_found');
    const past = await createEvent({ startsInHours: -3 });
    expect((await rpc('coord_send_reminders', { p_event_id: past.id }, t.coordinator)).body.message).toBe('event_past');
  });

  it('the service-role jobs are the service role\'s only', async () => {
    for (const fn of ['send_daily_reminders', 'send_staffing_alerts', 'expire_signup_holds']) {
      expect((await rpc(fn, {}, t.anon)).status).toBe(401);
      for (const token of [t.user, t.coordinator]) expect((await rpc(fn, {}, token)).status).toBe(403);
      expect((await rpc(fn, {}, t.service)).status, fn).toBe(200);
    }
  });

  it('one reminder per confirmed volunteer (a second press sends none); declining promotes the next, who is told', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 }, startsInHours: 20 });
    const [first, second] = [randomPhone(), randomPhone()];
    const held = await signUp(ev.slug, { p_phone: first });
    const waiting = await signUp(ev.slug, { p_phone: second });
    expect((await rpc('coord_send_reminders', { p_event_id: ev.id }, t.coordinator)).body).toEqual({ reminders: 1 });
    await rpc('coord_send_reminders', { p_event_id: ev.id }, t.coordinator);
    const reminders = await queued('reminder', first);
    expect(reminders).toHaveLength(1);
    expect(await queued('reminder', second)).toHaveLength(0);
    const link = reminders[0]!.params.link!;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4321\/signup\/reply\/#r=\d+\.[A-Za-z0-9_-]{43}$/);
    const reply = link.split('#r=')[1]!;

    // Bad or forged links change nothing.
    for (const bad of ['', 'x', `${reply.split('.')[0]}.${'A'.repeat(43)}`, `${Number(reply.split('.')[0]) + 1}.${reply.split('.')[1]}`]) {
      expect((await api('respond_reminder', { p_reply: bad, p_attend: false })).body.message).toBe('reply_invalid');
    }
    expect((await api('respond_reminder', { p_reply: reply, p_attend: true })).body).toMatchObject({ status: 'confirmed', already: false });
    const [{ at }] = await sql(`select attendance_confirmed_at as at from xinghuo.signups where event_id = $1 and status = 'confirmed'`, [ev.id]);
    expect(at).toBeInstanceOf(Date);
    expect((await api('respond_reminder', { p_reply: reply, p_attend: false })).body).toMatchObject({ status: 'cancelled', already: false });
    expect((await api('respond_reminder', { p_reply: reply, p_attend: false })).body).toMatchObject({ status: 'cancelled', already: true });
    expect((await api('signup_status', { p_token: held.cancel_token })).body.status).toBe('cancelled');
    expect((await api('signup_status', { p_token: waiting.cancel_token })).body.status).toBe('confirmed');
    expect(await queued('promoted', second)).toHaveLength(1);
  });

  it('send_daily_reminders covers tomorrow\'s events (Asia/Shanghai) only', async () => {
    const [{ hours }] = await sql(`select extract(epoch from ((date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '1 day 12 hours') at time zone 'Asia/Shanghai') - now()) / 3600 as hours`);
    const tomorrow = await createEvent({ startsInHours: Number(hours) });
    const later = await createEvent({ startsInHours: Number(hours) + 24 });
    const [p, q] = [randomPhone(), randomPhone()];
    await signUp(tomorrow.slug, { p_phone: p });
    await signUp(later.slug, { p_phone: q });
    expect((await rpc('send_daily_reminders', {}, t.service)).status).toBe(200);
    expect(await queued('reminder', p)).toHaveLength(1);
    expect(await queued('reminder', q)).toHaveLength(0);
  });
});

describe('staffing alerts', () => {
  it('e-mails every active coordinator who runs the event (one of no 支行: the team leads) about each short role of an event in the next 48 h, once a day', async () => {
    const ev = await createEvent({ slots: { volunteer: 3, police: 1 }, startsInHours: 30, title: '缺人测试活动' });
    await signUp(ev.slug);
    await signUp(ev.slug, { p_role: 'police' });
    const far = await createEvent({ slots: { volunteer: 3 }, startsInHours: 60, title: '远期测试活动' });
    await rpc('send_staffing_alerts', {}, t.service);
    await rpc('send_staffing_alerts', {}, t.service);
    const rows = await sql(`select recipient, channel, params from xinghuo.messages where kind = 'staffing_alert' and params ->> 'event' in ('缺人测试活动', '远期测试活动')`);
    // By branch: tests/db/branch-scope.test.ts.
    const [{ n }] = await sql(`select count(*)::int as n from xinghuo.coordinators c join auth.users u on u.id = c.user_id where c.active and c.team_lead`);
    expect(rows).toHaveLength(n);
    const [{ label }] = await sql(`select label from xinghuo.volunteer_roles where id = 'volunteer'`);
    expect(rows.every((r) => r.channel === 'email' && r.params.event === '缺人测试活动' && r.params.role === label && r.params.missing === '2')).toBe(true);
    expect(rows.map((r) => r.recipient)).toContain('coordinator@xinghuo.local');
    expect(far.id).toBeGreaterThan(0);
  });

  it('role names in messages are the catalogue\'s, as it is now (a renamed role is named anew)', async () => {
    const id = `msg_role_${Date.now()}`;
    await sql(`insert into xinghuo.volunteer_roles (id, label, sort_order) values ($1, $2, 900)`, [id, `消息测试岗位${id}`]);
    expect((await sql(`select xinghuo.role_label($1) as label`, [id]))[0].label).toBe(`消息测试岗位${id}`);
    await sql(`update xinghuo.volunteer_roles set label = $2 where id = $1`, [id, `改名后的岗位${id}`]);
    expect((await sql(`select xinghuo.role_label($1) as label`, [id]))[0].label).toBe(`改名后的岗位${id}`);
    expect((await sql(`select xinghuo.role_label('no_such_role') as label`))[0].label).toBeNull();
  });
});

describe('through the real worker to the stand-ins', () => {
  let standIns: StandIns;
  let worker: RunningWorker;
  beforeAll(async () => {
    standIns = await startStandIns();
    worker = await startWorker(workerEnv('aliyun'));
  });
  afterAll(async () => {
    await worker?.stop();
    await standIns?.close();
  });
  const textTo = (to: string, re: RegExp) => standIns.store.all().find((m) => m.To.some((x: { Address: string }) => x.Address === to) && re.test(m.Text))?.Text as string | undefined;

  it('code, answer with link, reminder with reply link, promotion and cancellation arrive with their texts', async () => {
    const ev = await createEvent({ slots: { volunteer: 1 }, startsInHours: 20, title: '送达测试活动' });
    const [first, second] = [randomPhone(), randomPhone()];
    const held = await signUp(ev.slug, { p_phone: first });
    await signUp(ev.slug, { p_phone: second });
    await rpc('coord_send_reminders', { p_event_id: ev.id }, t.coordinator);
    // Quiet kinds wait for 08:00 Asia/Shanghai; the test cannot choose its hour, so it moves their
    // not_before to now and re-adds their jobs, as the clock passing 08:00 would.
    const release = async () => {
      const due = await sql<{ id: string }>(`update xinghuo.messages set not_before = now() where status = 'queued' and not_before > now() returning id`);
      await sql(`select xinghuo.schedule_delivery(m) from xinghuo.messages m where m.id = any($1::bigint[])`, [due.map((d) => d.id)]);
    };
    await release();
    await waitFor(() => Boolean(textTo(first, /提醒：/)), 20_000, worker.output);
    expect(textTo(first, /验证码\d{6}/)).toMatch(/^【星火志愿服务队】验证码\d{6}，10分钟内有效/);
    expect(textTo(first, /您已报名/)).toContain(`/signup/manage/#t=${held.cancel_token}`);
    expect(textTo(second, /候补第1位/)).toContain('送达测试活动');
    const reminder = textTo(first, /提醒：/)!;
    expect(reminder).toMatch(/送达测试活动.*\/signup\/reply\/#r=\d+\./);
    const reply = reminder.split('#r=')[1]!;
    expect((await api('respond_reminder', { p_reply: reply, p_attend: false })).body.status).toBe('cancelled');
    await release();
    await waitFor(() => Boolean(textTo(second, /候补转为正式报名/)), 20_000, worker.output);
    expect((await rpc('coord_cancel_event', { p_event_id: ev.id, p_revision: 1, p_reason: '测试取消' }, t.coordinator)).status).toBe(200);
    await release();
    await waitFor(() => Boolean(textTo(second, /已取消，不用前往/)), 20_000, worker.output);
    expect(textTo(first, /已取消，不用前往/)).toBeUndefined(); // declined first: not told again
  });
});
