-- When a coordinator may check volunteers in (issue 14): from a set time before the event starts to
-- the end of the event's day in Asia/Shanghai. Earlier than that a check-in is a mistake (a tap on
-- the wrong event, or a code typed weeks early) that would count a volunteer as present who never
-- came; later, the report's correction with a reason is the way to fix the count.

-- One row: tune without a migration (`update xinghuo.checkin_settings set opens_before = '3 hours';`).
create table if not exists xinghuo.checkin_settings (
  only_row boolean primary key default true check (only_row),
  opens_before interval not null default interval '2 hours'
    check (opens_before >= interval '0' and opens_before <= interval '24 hours')
);
insert into xinghuo.checkin_settings (only_row) values (true) on conflict (only_row) do nothing;
alter table xinghuo.checkin_settings enable row level security;
revoke all on table xinghuo.checkin_settings from public, anon, authenticated;

-- The window of one event: [opens_at, closes_at). The roster shows it; check-ins are refused outside.
create or replace function xinghuo.checkin_window(p_starts_at timestamptz, p_ends_at timestamptz,
  out opens_at timestamptz, out closes_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select p_starts_at - s.opens_before,
    (date_trunc('day', p_ends_at, 'Asia/Shanghai') + interval '1 day')
  from xinghuo.checkin_settings s
$$;
revoke execute on function xinghuo.checkin_window(timestamptz, timestamptz) from public, anon, authenticated;

create or replace function xinghuo.checkin_assert_open(e xinghuo.events)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  w record;
begin
  if e.status <> 'scheduled' then
    raise exception 'event_not_scheduled' using errcode = 'P0001', detail = 'event is cancelled or withdrawn';
  end if;
  w := xinghuo.checkin_window(e.starts_at, e.ends_at);
  if now() < w.opens_at then
    raise exception 'checkin_not_open' using errcode = 'P0001', detail = w.opens_at::text, hint = 'checkin';
  end if;
  if now() >= w.closes_at then
    raise exception 'checkin_closed' using errcode = 'P0001', detail = w.closes_at::text, hint = 'checkin';
  end if;
end;
$$;
revoke execute on function xinghuo.checkin_assert_open(xinghuo.events) from public, anon, authenticated;

-- As in 0503, with the window checked first (tap and code both come through here).
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
  perform xinghuo.checkin_assert_open(e);
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
