-- Drafts message no one (issue #10: every new event starts as a draft). The reminders of a draft,
-- by button or by the daily job, and staffing alerts about a draft's empty places are not sent;
-- both functions are otherwise as in 20261201000640.

-- Queues the reminder of every confirmed volunteer of one published event; returns how many.
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
  if v_event.publication <> 'published' then
    return 0;
  end if;
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

-- For the worker's crontab (hourly): an e-mail to every active coordinator for each role of a
-- published event in the next 48 hours that has fewer confirmed volunteers than places.
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
    where e.status = 'scheduled' and e.publication = 'published' and c.active
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
