-- A volunteer's hours at an event (issue 14), defined once here and used by the roster, the
-- volunteer record and the certificate. Two sources, in this order:
--   1. check-in and check-out both recorded: the minutes between them;
--   2. otherwise, checked in and the coordinator confirmed the event's scheduled length
--      ("按计划时长确认", one action per event): the minutes from start to end.
-- Anyone not checked in served no hours (present = checked in, as the figures count it), and a
-- check-in without check-out or confirmation counts nothing until one of them is given.

alter table xinghuo.signups
  add column if not exists checked_out_at timestamptz,
  add column if not exists checked_out_by uuid references auth.users (id) on delete set null;
alter table xinghuo.signups drop constraint if exists signups_checked_out_after_in;
alter table xinghuo.signups add constraint signups_checked_out_after_in
  check (checked_out_at is null or (checked_in_at is not null and checked_out_at >= checked_in_at));

alter table xinghuo.events
  add column if not exists planned_hours_confirmed_at timestamptz,
  add column if not exists planned_hours_confirmed_by uuid references auth.users (id) on delete set null;
-- Deleting a user sets these null: indexed so it need not scan the tables.
create index if not exists signups_checked_out_by_idx on xinghuo.signups (checked_out_by) where checked_out_by is not null;
create index if not exists events_planned_hours_confirmed_by_idx on xinghuo.events (planned_hours_confirmed_by)
  where planned_hours_confirmed_by is not null;

create or replace function xinghuo.service_minutes(s xinghuo.signups, e xinghuo.events)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case
    when s.checked_in_at is null or s.status <> 'confirmed' then 0
    when s.checked_out_at is not null then
      pg_catalog.floor(extract(epoch from s.checked_out_at - s.checked_in_at) / 60)::integer
    when e.planned_hours_confirmed_at is not null then
      pg_catalog.floor(extract(epoch from e.ends_at - e.starts_at) / 60)::integer
    else 0 end
$$;
revoke execute on function xinghuo.service_minutes(xinghuo.signups, xinghuo.events) from public, anon, authenticated, service_role;

-- Minutes shown as hours: one decimal (13.5), the way the team reports them.
create or replace function xinghuo.minutes_as_hours(p_minutes bigint)
returns numeric
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.round(coalesce(p_minutes, 0) / 60.0, 1)
$$;
revoke execute on function xinghuo.minutes_as_hours(bigint) from public, anon, authenticated, service_role;

-- Undoing a check-in undoes its check-out too (the hours had no start any more).
create or replace function xinghuo.check_in_undone_clears_check_out()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.checked_in_at is null then
    new.checked_out_at := null;
    new.checked_out_by := null;
  end if;
  return new;
end;
$$;
revoke execute on function xinghuo.check_in_undone_clears_check_out() from public, anon, authenticated, service_role;
drop trigger if exists signups_undo_check_in_clears_out on xinghuo.signups;
create trigger signups_undo_check_in_clears_out before update of checked_in_at on xinghuo.signups
  for each row execute function xinghuo.check_in_undone_clears_check_out();

-- Check-out, as check-in: a coordinator, in the check-in window, a checked-in volunteer. Twice
-- answers already_checked_out with the first time.
create or replace function public.coord_check_out(p_event_id bigint, p_signup_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
  g xinghuo.signups;
  v_already boolean;
begin
  perform xinghuo.coord_assert();
  e := xinghuo.coord_event_or_raise(p_event_id);
  perform xinghuo.checkin_assert_open(e);
  select * into g from xinghuo.signups where id = p_signup_id and event_id = p_event_id for update;
  if not found then
    raise exception 'signup_not_found' using errcode = 'P0001', detail = 'no such sign-up for this event', hint = 'signup_id';
  end if;
  if g.checked_in_at is null then
    raise exception 'not_checked_in' using errcode = 'P0001', detail = 'check a volunteer in before checking out', hint = 'signup_id';
  end if;
  v_already := g.checked_out_at is not null;
  if not v_already then
    update xinghuo.signups set checked_out_at = now(), checked_out_by = (select auth.uid())
      where id = g.id returning * into g;
  end if;
  return jsonb_build_object('signup_id', g.id, 'checked_out_at', g.checked_out_at,
    'already_checked_out', v_already, 'hours', xinghuo.minutes_as_hours(xinghuo.service_minutes(g, e)));
end;
$$;
revoke execute on function public.coord_check_out(bigint, bigint) from public, anon, authenticated;
grant execute on function public.coord_check_out(bigint, bigint) to authenticated;

-- "按计划时长确认": after the event, everyone checked in without a check-out is credited the
-- scheduled length. Once per event (a second call answers already_confirmed).
create or replace function public.coord_confirm_planned_hours(p_event_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
  v_already boolean;
begin
  perform xinghuo.coord_assert();
  e := xinghuo.coord_event_or_raise(p_event_id);
  if e.status <> 'scheduled' then
    raise exception 'event_not_scheduled' using errcode = 'P0001', detail = 'event is cancelled';
  end if;
  if e.ends_at > now() then
    raise exception 'event_not_ended' using errcode = 'P0001', detail = e.ends_at::text;
  end if;
  v_already := e.planned_hours_confirmed_at is not null;
  if not v_already then
    update xinghuo.events set planned_hours_confirmed_at = now(), planned_hours_confirmed_by = (select auth.uid())
      where id = e.id returning * into e;
  end if;
  return jsonb_build_object('event_id', e.id, 'planned_hours_confirmed_at', e.planned_hours_confirmed_at,
    'already_confirmed', v_already,
    'hours', xinghuo.minutes_as_hours((extract(epoch from e.ends_at - e.starts_at) / 60)::bigint));
end;
$$;
revoke execute on function public.coord_confirm_planned_hours(bigint) from public, anon, authenticated;
grant execute on function public.coord_confirm_planned_hours(bigint) to authenticated;

-- The confirmation is not public: confirming rebuilds nothing (the list of 20261202000220, extended).
create or replace function xinghuo.event_public_row(p_row jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case when p_row ->> 'publication' = 'published'
    then p_row - array['internal_notes', 'revision', 'updated_at', 'updated_by', 'created_by', 'created_at',
                       'planned_hours_confirmed_at', 'planned_hours_confirmed_by']
  end
$$;
revoke execute on function xinghuo.event_public_row(jsonb) from public, anon, authenticated, service_role;
