-- Day-before reminders with "确认参加 / 无法参加", and staffing alerts to coordinators (issue 11).
-- Each message is queued in the transaction that decides it; the idempotency keys make a second
-- press of the button, or a second crontab run, send nothing new.

alter table xinghuo.signups add column attendance_confirmed_at timestamptz;

-- The reply link of a reminder: the sign-up id and its HMAC (the signup key, its own label), so a
-- link cannot be guessed from an id and the database need not store it. It only confirms or
-- declines that one place; the manage link stays the key to everything else.
create or replace function xinghuo.reminder_reply_token(p_signup_id bigint)
returns text
language sql
stable
set search_path = ''
as $$
  select p_signup_id::text || '.' || pg_catalog.translate(pg_catalog.encode(extensions.hmac(
    pg_catalog.convert_to('reminder-reply:' || p_signup_id::text, 'UTF8'),
    (select s.token_key from xinghuo.signup_secret s), 'sha256'), 'base64'), '+/=', '-_')
$$;
revoke execute on function xinghuo.reminder_reply_token(bigint) from public, anon, authenticated, service_role;

-- Queues the reminder of every confirmed volunteer of one event; returns how many hold a place.
create or replace function xinghuo.send_event_reminders(p_event_id bigint)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_event xinghuo.events%rowtype;
  v_signup record;
  v_count integer := 0;
begin
  select * into v_event from xinghuo.events e where e.id = p_event_id;
  for v_signup in
    select s.id, s.phone from xinghuo.signups s
    where s.event_id = p_event_id and s.status = 'confirmed' and s.phone is not null
  loop
    perform xinghuo.enqueue_message('sms', v_signup.phone, 'reminder',
      pg_catalog.jsonb_build_object('event', v_event.title, 'time', xinghuo.event_time_label(v_event.starts_at),
        'link', (select v.site_url from xinghuo.verification_settings v) || '/signup/reply/#r=' || xinghuo.reminder_reply_token(v_signup.id)),
      'reminder:' || v_signup.id || ':' || pg_catalog.to_char(v_event.starts_at, 'YYYYMMDDHH24MI'));
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
revoke execute on function xinghuo.send_event_reminders(bigint) from public, anon, authenticated, service_role;

-- The workspace button "发送明天的提醒": now, for one upcoming event (quiet hours still apply).
create or replace function public.coord_send_reminders(p_event_id bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_event xinghuo.events;
begin
  perform xinghuo.coord_assert();
  v_event := xinghuo.coord_event_or_raise(p_event_id);
  if v_event.status = 'cancelled' then
    raise exception 'event_cancelled' using errcode = 'P0001', detail = 'the event was cancelled', hint = 'event_id';
  elsif v_event.starts_at <= pg_catalog.now() then
    raise exception 'event_past' using errcode = 'P0001', detail = 'the event has already started', hint = 'event_id';
  end if;
  return pg_catalog.jsonb_build_object('reminders', xinghuo.send_event_reminders(p_event_id));
end;
$$;
revoke all on function public.coord_send_reminders(bigint) from public, anon, authenticated, service_role;
grant execute on function public.coord_send_reminders(bigint) to authenticated;

-- For the worker's crontab (daily): reminders for every scheduled event of tomorrow, Asia/Shanghai.
create or replace function public.send_daily_reminders()
returns integer
language sql
volatile
security definer
set search_path = ''
as $$
  select coalesce(sum(xinghuo.send_event_reminders(e.id)), 0)::integer
  from xinghuo.events e
  where e.status = 'scheduled'
    and (e.starts_at at time zone 'Asia/Shanghai')::date = (pg_catalog.now() at time zone 'Asia/Shanghai')::date + 1
$$;
revoke all on function public.send_daily_reminders() from public, anon, authenticated, service_role;
grant execute on function public.send_daily_reminders() to service_role;

-- The answer to a reminder: attend (noted for the coordinators) or decline (the place is freed and
-- the next person promoted and told, in this transaction, under the event lock).
create or replace function public.respond_reminder(p_reply text, p_attend boolean)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id bigint;
  v_event xinghuo.events%rowtype;
  v_signup xinghuo.signups%rowtype;
begin
  if p_reply is null or p_reply !~ '^[0-9]{1,18}\.[A-Za-z0-9_-]{43}$' or p_attend is null then
    perform xinghuo.signup_fail('reply_invalid', 'token', 'the reminder link is incomplete');
  end if;
  v_id := pg_catalog.split_part(p_reply, '.', 1)::bigint;
  if xinghuo.reminder_reply_token(v_id) <> p_reply then
    perform xinghuo.signup_fail('reply_invalid', 'token', 'the reminder link is incomplete');
  end if;
  select e.* into v_event from xinghuo.events e
  where e.id = (select s.event_id from xinghuo.signups s where s.id = v_id) for update;
  select * into v_signup from xinghuo.signups s where s.id = v_id for update;
  if not found then
    perform xinghuo.signup_fail('reply_invalid', 'token', 'the reminder link is incomplete');
  end if;
  if v_signup.status = 'cancelled' then
    return pg_catalog.json_build_object('status', 'cancelled', 'already', true, 'event_title', v_event.title);
  end if;
  if v_event.ends_at <= pg_catalog.clock_timestamp() then
    perform xinghuo.signup_fail('event_past', 'event', 'the event is over');
  end if;
  if p_attend then
    update xinghuo.signups s set attendance_confirmed_at = pg_catalog.now() where s.id = v_id;
    return pg_catalog.json_build_object('status', v_signup.status, 'already', false, 'event_title', v_event.title);
  end if;
  if v_signup.checked_in_at is not null then
    perform xinghuo.signup_fail('already_checked_in', 'token', 'a checked-in volunteer cannot cancel');
  end if;
  update xinghuo.signups s set status = 'cancelled', cancelled_at = pg_catalog.now() where s.id = v_id;
  if v_signup.status = 'confirmed' then
    perform xinghuo.promote_waitlisted(v_signup.event_id, v_signup.role);
  end if;
  return pg_catalog.json_build_object('status', 'cancelled', 'already', false, 'event_title', v_event.title);
end;
$$;
revoke all on function public.respond_reminder(text, boolean) from public, anon, authenticated, service_role;
grant execute on function public.respond_reminder(text, boolean) to anon, authenticated;

-- For the worker's crontab (hourly): an e-mail to every active coordinator for each role of an
-- event in the next 48 hours that has fewer confirmed volunteers than places; once a day per role.
create or replace function public.send_staffing_alerts()
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_short record;
  v_count integer := 0;
begin
  for v_short in
    select e.id, e.title, e.starts_at, es.role, es.slots - count(s.id) filter (where s.status = 'confirmed') as missing,
           u.id as user_id, u.email
    from xinghuo.events e
    join xinghuo.event_slots es on es.event_id = e.id and es.slots > 0
    left join xinghuo.signups s on s.event_id = e.id and s.role = es.role
    cross join xinghuo.coordinators c
    join auth.users u on u.id = c.user_id and u.email is not null
    where e.status = 'scheduled' and c.active
      and e.starts_at > pg_catalog.now() and e.starts_at <= pg_catalog.now() + interval '48 hours'
    group by e.id, e.title, e.starts_at, es.role, es.slots, u.id, u.email
    having es.slots > count(s.id) filter (where s.status = 'confirmed')
  loop
    perform xinghuo.enqueue_message('email', v_short.email, 'staffing_alert',
      pg_catalog.jsonb_build_object('event', v_short.title, 'time', xinghuo.event_time_label(v_short.starts_at),
        'role', xinghuo.role_label(v_short.role),
        'missing', v_short.missing::text),
      'staffing:' || v_short.id || ':' || v_short.role || ':' || v_short.user_id || ':'
        || pg_catalog.to_char(pg_catalog.now() at time zone 'Asia/Shanghai', 'YYYYMMDD'));
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
revoke all on function public.send_staffing_alerts() from public, anon, authenticated, service_role;
grant execute on function public.send_staffing_alerts() to service_role;
