-- Branch scope for the coordinator RPCs that reach an event through a sign-up or a message: the
-- phone of a sign-up (its event's branch) and the dead letters (the event each message was about).
-- Otherwise as 20261127000503 and 20261201000330.

create or replace function public.coord_reveal_phone(p_signup_id bigint)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  g record;
begin
  perform xinghuo.coord_assert();
  select id, event_id, phone, anonymised_at into g from xinghuo.signups where id = p_signup_id;
  if not found then
    raise exception 'signup_not_found' using errcode = 'P0001', detail = 'no such sign-up', hint = 'signup_id';
  end if;
  perform xinghuo.coord_assert_event(g.event_id);
  if g.anonymised_at is not null or g.phone is null then
    raise exception 'signup_anonymised' using errcode = 'P0001', detail = 'personal data already removed';
  end if;
  insert into xinghuo.phone_reveals (signup_id, coordinator, via) values (g.id, (select auth.uid()), 'reveal');
  return g.phone;
end;
$$;
revoke execute on function public.coord_reveal_phone(bigint) from public, anon, authenticated;
grant execute on function public.coord_reveal_phone(bigint) to authenticated;

-- The event a message is about. The outbox stores no event column: each producer's idempotency key
-- names it, by the sign-up (promoted:, answer:, reminder:, event_changed:, event_cancelled:) or by
-- the event (already:, staffing:). Any other key (codes, record links) is about no event, and such
-- a message is a team lead's alone: unknown means out of every branch's scope, never in all.
create function xinghuo.message_event_id(p_key text)
returns bigint
language sql
stable
set search_path = ''
as $$
  select case
    when k[1] in ('promoted', 'answer', 'reminder', 'event_changed', 'event_cancelled') and k[2] ~ '^[0-9]{1,18}$'
      then (select s.event_id from xinghuo.signups s where s.id = k[2]::bigint)
    when k[1] in ('already', 'staffing') and k[2] ~ '^[0-9]{1,18}$' then k[2]::bigint
  end
  from (select pg_catalog.string_to_array(p_key, ':') as k) key
$$;
revoke execute on function xinghuo.message_event_id(text) from public, anon, authenticated, service_role;

-- In the caller's scope (the dead-letter list; a resend checks the same through
-- coord_assert_event / coord_assert_lead): a team lead every message; a branch coordinator those
-- about their branch's events.
create function xinghuo.message_in_caller_scope(p_key text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select xinghuo.caller_is_team_lead()
    or coalesce((select xinghuo.in_caller_scope(e.branch_id) from xinghuo.events e
                 where e.id = xinghuo.message_event_id(p_key)), false)
$$;
revoke execute on function xinghuo.message_in_caller_scope(text) from public, anon, authenticated, service_role;

create or replace function public.coord_dead_messages()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return coalesce((
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'id', m.id,
        'channel', m.channel,
        'recipient_masked', xinghuo.mask_recipient(m.channel, m.recipient),
        'kind', m.kind,
        'attempts', m.attempts,
        'last_error', m.last_error,
        'created_at', m.created_at,
        'dead_at', m.updated_at,
        'resends', (select count(*) from xinghuo.message_history h where h.message_id = m.id and h.to_status = 'queued'))
      order by m.updated_at desc)
    from (select * from xinghuo.messages d
          where d.status = 'dead' and xinghuo.message_in_caller_scope(d.idempotency_key)
          order by d.updated_at desc limit 200) m
  ), '[]'::jsonb);
end;
$$;
revoke all on function public.coord_dead_messages() from public, anon, authenticated, service_role;
grant execute on function public.coord_dead_messages() to authenticated;

create or replace function public.coord_resend_message(p_id bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v xinghuo.messages;
begin
  perform xinghuo.coord_assert();
  select * into v from xinghuo.messages m where m.id = p_id for update;
  if not found then
    raise exception 'message_not_found' using errcode = 'P0001', detail = 'no such message', hint = 'p_id';
  end if;
  if xinghuo.message_event_id(v.idempotency_key) is null then
    perform xinghuo.coord_assert_lead();
  else
    perform xinghuo.coord_assert_event(xinghuo.message_event_id(v.idempotency_key));
  end if;
  if v.status <> 'dead' then
    raise exception 'message_not_dead' using errcode = 'P0001', detail = 'only dead messages can be resent', hint = 'p_id';
  end if;
  update xinghuo.messages m
  set status = 'queued', updated_at = pg_catalog.now(),
      not_before = case when m.quiet_hours then xinghuo.outside_quiet_hours(pg_catalog.now()) else pg_catalog.now() end
  where m.id = p_id
  returning * into v;
  insert into xinghuo.message_history (message_id, by_user, from_status, to_status, note)
  values (p_id, (select auth.uid()), 'dead', 'queued', 'resent by a coordinator');
  perform xinghuo.schedule_delivery(v);
  return pg_catalog.jsonb_build_object('id', v.id, 'status', v.status, 'not_before', v.not_before);
end;
$$;
revoke all on function public.coord_resend_message(bigint) from public, anon, authenticated, service_role;
grant execute on function public.coord_resend_message(bigint) to authenticated;
