-- Dashboard snapshots. Coordinators open the dashboard far more often than figures change, and a
-- full computation walks every held event. So public.coord_dashboard serves the last snapshot while
-- it is still true, and recomputes when it is not:
--  * any change to events, reports, material lines or tallies (check-ins) bumps a data version
--    (one row, updated at the writer's commit: a snapshot computed while a change is uncommitted
--    carries the old version and is recomputed once the change commits);
--  * "held" depends on the clock, so a snapshot also ends when the next scheduled event starts.

create table if not exists xinghuo.dashboard_version (
  id boolean primary key default true check (id),
  version bigint not null default 0
);
insert into xinghuo.dashboard_version (id, version) values (true, 0) on conflict (id) do nothing;

create table if not exists xinghuo.dashboard_cache (
  cache_key text primary key,
  version bigint not null,
  valid_until timestamptz,
  computed_at timestamptz not null default now(),
  payload jsonb not null
);

alter table xinghuo.dashboard_version enable row level security;
alter table xinghuo.dashboard_cache enable row level security;
revoke all on table xinghuo.dashboard_version, xinghuo.dashboard_cache from public, anon, authenticated;

create or replace function xinghuo.dashboard_bump()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update xinghuo.dashboard_version set version = version + 1 where id;
  return null;
end;
$$;
revoke execute on function xinghuo.dashboard_bump() from public, anon, authenticated;

-- Deferred to commit: every writer takes the version row's lock last, for the moment of its commit,
-- so the bump cannot deadlock with the locks a writer takes earlier (event rows, sign-ups, tallies).
do $$
declare
  t text;
begin
  foreach t in array array['events', 'event_reports', 'report_materials', 'event_tallies', 'material_kinds'] loop
    execute format('drop trigger if exists %I on xinghuo.%I', t || '_dashboard_bump', t);
    execute format(
      'create constraint trigger %I after insert or update or delete on xinghuo.%I
         deferrable initially deferred for each row execute function xinghuo.dashboard_bump()',
      t || '_dashboard_bump', t);
  end loop;
end;
$$;

-- Returns the snapshot for a key if still true, else computes, stores and returns a fresh one.
create or replace function xinghuo.dashboard_snapshot(p_key text, p_year integer, p_totals_only boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_version bigint := (select d.version from xinghuo.dashboard_version d where d.id);
  c xinghuo.dashboard_cache;
  v_payload jsonb;
  v_until timestamptz;
begin
  select * into c from xinghuo.dashboard_cache k where k.cache_key = p_key;
  if found and c.version = v_version and (c.valid_until is null or c.valid_until > now()) then
    return c.payload;
  end if;
  if p_totals_only then
    select jsonb_build_object(
        'events_held', count(*),
        'materials_handed_out', coalesce(sum(h.materials), 0),
        'people_reached', coalesce(sum(h.people_reached), 0))
      into v_payload from xinghuo.held_events h;
  else
    v_payload := xinghuo.dashboard_compute(p_year);
  end if;
  select min(e.starts_at) into v_until from xinghuo.events e where e.status = 'scheduled' and e.starts_at > now();
  insert into xinghuo.dashboard_cache (cache_key, version, valid_until, computed_at, payload)
    values (p_key, v_version, v_until, now(), v_payload)
    on conflict (cache_key) do update
      set version = excluded.version, valid_until = excluded.valid_until,
          computed_at = excluded.computed_at, payload = excluded.payload;
  return v_payload;
end;
$$;
revoke execute on function xinghuo.dashboard_snapshot(text, integer, boolean) from public, anon, authenticated;

-- p_year null = all years.
create or replace function public.coord_dashboard(p_year integer default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  if p_year is not null and p_year not between 2000 and 2100 then
    raise exception 'year_invalid' using errcode = 'P0001', detail = 'year between 2000 and 2100', hint = 'year';
  end if;
  return xinghuo.dashboard_snapshot(coalesce(p_year::text, 'all'), p_year, false);
end;
$$;

revoke execute on function public.coord_dashboard(integer) from public, anon, authenticated;
grant execute on function public.coord_dashboard(integer) to authenticated;
