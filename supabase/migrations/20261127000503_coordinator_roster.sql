-- Coordinator roster and check-in. Every function: security definer, empty search_path, granted to
-- `authenticated` only and refusing anyone who is not an active coordinator (`forbidden`, 42501).

create or replace function xinghuo.coord_assert()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not coalesce(xinghuo.is_coordinator(), false) then
    raise exception 'forbidden' using errcode = '42501', detail = 'coordinators only';
  end if;
end;
$$;
revoke execute on function xinghuo.coord_assert() from public, anon, authenticated;

-- Phones are masked with xinghuo.mask_phone (signup helper's migration 0402): 138****1234.

create or replace function xinghuo.coord_event_or_raise(p_event_id bigint)
returns xinghuo.events
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v xinghuo.events;
begin
  select * into v from xinghuo.events where id = p_event_id;
  if not found then
    raise exception 'event_not_found' using errcode = 'P0001', detail = 'no such event', hint = 'event_id';
  end if;
  return v;
end;
$$;
revoke execute on function xinghuo.coord_event_or_raise(bigint) from public, anon, authenticated;

-- The roster by role. Phones are masked; the check-in code is NOT returned: the volunteer shows it
-- (or its QR code) at the door, so the coordinator's screen never needs it.
create or replace function public.coord_roster(p_event_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
begin
  perform xinghuo.coord_assert();
  e := xinghuo.coord_event_or_raise(p_event_id);
  return jsonb_build_object(
    'event', jsonb_build_object(
      'id', e.id, 'slug', e.slug, 'title', e.title, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
      'district', e.district, 'status', e.status),
    'slots', coalesce((
      select jsonb_object_agg(s.role, s.slots) from xinghuo.event_slots s where s.event_id = e.id), '{}'::jsonb),
    'signups', coalesce((
      select jsonb_agg(jsonb_build_object(
          'id', g.id,
          'role', g.role,
          'name', case when g.anonymised_at is null then g.name end,
          'phone_masked', case when g.anonymised_at is null then xinghuo.mask_phone(g.phone) end,
          'organisation', case when g.anonymised_at is null then g.organisation end,
          'status', g.status,
          'arrival', g.arrival,
          'checked_in_at', g.checked_in_at,
          'created_at', g.created_at,
          'anonymised', g.anonymised_at is not null)
        order by g.role, g.status, g.arrival)
      from xinghuo.signups g where g.event_id = e.id), '[]'::jsonb)
  );
end;
$$;

-- Showing a full phone is an explicit, logged act.
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
  select id, phone, anonymised_at into g from xinghuo.signups where id = p_signup_id;
  if not found then
    raise exception 'signup_not_found' using errcode = 'P0001', detail = 'no such sign-up', hint = 'signup_id';
  end if;
  if g.anonymised_at is not null or g.phone is null then
    raise exception 'signup_anonymised' using errcode = 'P0001', detail = 'personal data already removed';
  end if;
  insert into xinghuo.phone_reveals (signup_id, coordinator, via) values (g.id, (select auth.uid()), 'reveal');
  return g.phone;
end;
$$;

create or replace function xinghuo.coord_do_check_in(p_event_id bigint, p_signup_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
  g record;
  v_already boolean;
begin
  e := xinghuo.coord_event_or_raise(p_event_id);
  if e.status <> 'scheduled' then
    raise exception 'event_not_scheduled' using errcode = 'P0001', detail = 'event is cancelled or withdrawn';
  end if;
  select id, name, role, status, checked_in_at, anonymised_at into g
    from xinghuo.signups where id = p_signup_id and event_id = p_event_id for update;
  if not found then
    raise exception 'signup_not_found' using errcode = 'P0001', detail = 'no such sign-up for this event', hint = 'signup_id';
  end if;
  if g.status <> 'confirmed' then
    raise exception 'signup_not_confirmed' using errcode = 'P0001', detail = 'only confirmed volunteers are checked in';
  end if;
  v_already := g.checked_in_at is not null;
  if not v_already then
    update xinghuo.signups set checked_in_at = now(), checked_in_by = (select auth.uid())
      where id = g.id returning checked_in_at into g.checked_in_at;
  end if;
  return jsonb_build_object('signup_id', g.id, 'name', g.name, 'role', g.role,
    'checked_in_at', g.checked_in_at, 'already_checked_in', v_already);
end;
$$;
revoke execute on function xinghuo.coord_do_check_in(bigint, bigint) from public, anon, authenticated;

create or replace function public.coord_check_in(p_event_id bigint, p_signup_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return xinghuo.coord_do_check_in(p_event_id, p_signup_id);
end;
$$;

create or replace function public.coord_check_in_by_code(p_event_id bigint, p_code text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_code text := regexp_replace(coalesce(p_code, ''), '\s', '', 'g');
  v_id bigint;
begin
  perform xinghuo.coord_assert();
  perform xinghuo.coord_event_or_raise(p_event_id);
  if v_code !~ '^[0-9]{6}$' then
    raise exception 'checkin_code_invalid' using errcode = 'P0001', detail = 'a check-in code is 6 digits', hint = 'code';
  end if;
  select id into v_id from xinghuo.signups where event_id = p_event_id and checkin_code = v_code;
  if v_id is null then
    raise exception 'checkin_code_not_found' using errcode = 'P0001', detail = 'no sign-up with this code for this event', hint = 'code';
  end if;
  return xinghuo.coord_do_check_in(p_event_id, v_id);
end;
$$;

create or replace function public.coord_undo_check_in(p_event_id bigint, p_signup_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id bigint;
begin
  perform xinghuo.coord_assert();
  perform xinghuo.coord_event_or_raise(p_event_id);
  update xinghuo.signups set checked_in_at = null, checked_in_by = null
    where id = p_signup_id and event_id = p_event_id
    returning id into v_id;
  if v_id is null then
    raise exception 'signup_not_found' using errcode = 'P0001', detail = 'no such sign-up for this event', hint = 'signup_id';
  end if;
  return jsonb_build_object('signup_id', v_id, 'checked_in_at', null);
end;
$$;

-- Full phones for one event's roster download (the file is marked confidential); each row is logged.
create or replace function public.coord_export_roster(p_event_id bigint)
returns table (role text, name text, phone text, organisation text, status text, checked_in_at timestamptz, created_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  perform xinghuo.coord_event_or_raise(p_event_id);
  insert into xinghuo.phone_reveals (signup_id, coordinator, via)
    select g.id, (select auth.uid()), 'export' from xinghuo.signups g
    where g.event_id = p_event_id and g.anonymised_at is null and g.phone is not null;
  return query
    select g.role, g.name, g.phone, g.organisation, g.status, g.checked_in_at, g.created_at
    from xinghuo.signups g
    where g.event_id = p_event_id and g.anonymised_at is null
    order by g.role, g.status, g.arrival;
end;
$$;

revoke execute on function public.coord_roster(bigint), public.coord_reveal_phone(bigint),
  public.coord_check_in(bigint, bigint), public.coord_check_in_by_code(bigint, text),
  public.coord_undo_check_in(bigint, bigint), public.coord_export_roster(bigint)
  from public, anon, authenticated;
grant execute on function public.coord_roster(bigint), public.coord_reveal_phone(bigint),
  public.coord_check_in(bigint, bigint), public.coord_check_in_by_code(bigint, text),
  public.coord_undo_check_in(bigint, bigint), public.coord_export_roster(bigint)
  to authenticated;
