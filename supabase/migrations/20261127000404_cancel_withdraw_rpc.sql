-- Self-service through the private link (the token never leaves the volunteer's browser except to
-- these functions). Both lock the event row first, in the same order as sign_up, so a cancellation
-- and a sign-up for the same event never interleave and every freed place is filled exactly once.

-- Cancels an active sign-up. Cancelling twice returns already = true. A place freed by a
-- confirmed volunteer goes to the earliest waitlisted person of that role, in this transaction.
create or replace function public.cancel_signup(p_token text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id bigint := xinghuo.signup_id_by_token(p_token);
  v_signup xinghuo.signups%rowtype;
  v_event xinghuo.events%rowtype;
begin
  select e.* into v_event from xinghuo.events e
  where e.id = (select s.event_id from xinghuo.signups s where s.id = v_id)
  for update;
  select * into v_signup from xinghuo.signups s where s.id = v_id for update;

  if v_signup.status = 'cancelled' then
    return pg_catalog.json_build_object('status', 'cancelled', 'already', true);
  end if;
  if v_signup.checked_in_at is not null then
    perform xinghuo.signup_fail('already_checked_in', 'token', 'a checked-in volunteer cannot cancel');
  end if;
  if v_event.ends_at <= pg_catalog.clock_timestamp() then
    perform xinghuo.signup_fail('event_past', 'event', 'the event is over');
  end if;

  update xinghuo.signups s set status = 'cancelled', cancelled_at = pg_catalog.now() where s.id = v_id;
  if v_signup.status = 'confirmed' then
    perform xinghuo.promote_waitlisted(v_signup.event_id, v_signup.role);
  end if;
  return pg_catalog.json_build_object('status', 'cancelled', 'already', false);
end;
$$;

-- Deletes the volunteer's personal data (name, phone, organisation). An active place at an event
-- that has not ended is cancelled first (and passed on to the waitlist); the row itself stays,
-- without personal data, so the event's counts stay true. Withdrawing twice returns already = true.
create or replace function public.withdraw_signup(p_token text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id bigint := xinghuo.signup_id_by_token(p_token);
  v_signup xinghuo.signups%rowtype;
  v_event xinghuo.events%rowtype;
  v_cancelled boolean := false;
begin
  select e.* into v_event from xinghuo.events e
  where e.id = (select s.event_id from xinghuo.signups s where s.id = v_id)
  for update;
  select * into v_signup from xinghuo.signups s where s.id = v_id for update;

  if v_signup.anonymised_at is not null then
    return pg_catalog.json_build_object('status', 'withdrawn', 'already', true, 'cancelled', false);
  end if;

  if v_signup.status <> 'cancelled' and v_signup.checked_in_at is null
     and v_event.ends_at > pg_catalog.clock_timestamp() then
    update xinghuo.signups s set status = 'cancelled', cancelled_at = pg_catalog.now() where s.id = v_id;
    if v_signup.status = 'confirmed' then
      perform xinghuo.promote_waitlisted(v_signup.event_id, v_signup.role);
    end if;
    v_cancelled := true;
  end if;

  update xinghuo.signups s
  set name = null, phone = null, organisation = null, anonymised_at = pg_catalog.now()
  where s.id = v_id;
  return pg_catalog.json_build_object('status', 'withdrawn', 'already', false, 'cancelled', v_cancelled);
end;
$$;

revoke all on function public.cancel_signup(text), public.withdraw_signup(text)
  from public, anon, authenticated, service_role;
grant execute on function public.cancel_signup(text), public.withdraw_signup(text) to anon, authenticated;
