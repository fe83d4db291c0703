-- Figures of a period put together from the figures of its months (issue 14's bench: the dashboard
-- within 100 ms at 10,000 events also right after a change). Walking every held event after each
-- check-in or report save cost 150–300 ms for all time. Now:
--  * each month's figures (one scope: a branch, or '*' for all) are kept in
--    xinghuo.figure_month_parts and recomputed only when something of that month changed;
--  * a period is its whole months' parts plus, at its ends, the part of a month it covers
--    (computed directly: at most two months' events), merged by xinghuo.figures_merge;
--  * the merged answer is kept in xinghuo.dashboard_cache until the data version changes (0507).
-- A change to one event's figures so recomputes one month, and a merge of parts.

-- Which month's figures changed, in commit order: each row is written at the writer's commit
-- (deferred, like the dashboard_version bump of 0507, and after it: the trigger names sort after
-- *_dashboard_bump). The bump holds the version row's lock to the end of the commit, so these ids
-- become visible in the order they are given; a part computed after seeing change n has seen
-- every change before it. month null: a label every month shows (a material kind, a branch).
create table xinghuo.figure_changes (
  id bigint generated always as identity primary key,
  month date
);
create index figure_changes_month_idx on xinghuo.figure_changes (month, id);
alter table xinghuo.figure_changes enable row level security;
revoke all on xinghuo.figure_changes from public, anon, authenticated;

-- One month's figures of one scope, and the last change it had seen when computed.
create table xinghuo.figure_month_parts (
  month date not null,
  branch text not null,
  seen_change bigint not null,
  valid_until timestamptz,
  payload jsonb not null,
  primary key (month, branch)
);
alter table xinghuo.figure_month_parts enable row level security;
revoke all on xinghuo.figure_month_parts from public, anon, authenticated;

-- The month (its first day, Asia/Shanghai) an instant falls in: a period's months are counted so.
create or replace function xinghuo.figure_month(p_at timestamptz)
returns date
language sql
stable
set search_path = ''
as $$
  select pg_catalog.date_trunc('month', p_at at time zone 'Asia/Shanghai')::date
$$;
revoke execute on function xinghuo.figure_month(timestamptz) from public, anon, authenticated;

create or replace function xinghuo.note_figure_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_at timestamptz[];
begin
  if tg_table_name in ('material_kinds', 'branches') then
    insert into xinghuo.figure_changes (month) values (null);
    return null;
  end if;
  if tg_table_name = 'events' then
    v_at := array[case when tg_op <> 'INSERT' then old.starts_at end, case when tg_op <> 'DELETE' then new.starts_at end];
  else
    -- Reports, material lines and tallies belong to an event (gone already if it was deleted: then
    -- the event's own row noted its month).
    select pg_catalog.array_agg(e.starts_at) into v_at from xinghuo.events e
    where e.id in (case when tg_op <> 'INSERT' then old.event_id end, case when tg_op <> 'DELETE' then new.event_id end);
  end if;
  insert into xinghuo.figure_changes (month)
  select distinct xinghuo.figure_month(a) from pg_catalog.unnest(v_at) a where a is not null;
  return null;
end;
$$;
revoke execute on function xinghuo.note_figure_change() from public, anon, authenticated;

do $$
declare
  t text;
begin
  foreach t in array array['events', 'event_reports', 'report_materials', 'event_tallies', 'material_kinds', 'branches'] loop
    execute format('drop trigger if exists %I on xinghuo.%I', t || '_figure_change', t);
    execute format(
      'create constraint trigger %I after insert or update or delete on xinghuo.%I
         deferrable initially deferred for each row execute function xinghuo.note_figure_change()',
      t || '_figure_change', t);
  end loop;
end;
$$;

-- One month's part for a scope ('*': every branch): the kept one while no change of that month (or
-- of every month) came after it and no event of the month has started since; else recomputed.
create or replace function xinghuo.figures_month(p_month date, p_scope text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  -- Read before the figures, so a change committed meanwhile only makes the part recompute again.
  v_seen bigint := greatest(
    (select max(c.id) from xinghuo.figure_changes c where c.month = p_month),
    (select max(c.id) from xinghuo.figure_changes c where c.month is null), 0);
  v_end date := (p_month + interval '1 month' - interval '1 day')::date;
  k xinghuo.figure_month_parts;
  v_payload jsonb;
  v_until timestamptz;
begin
  select * into k from xinghuo.figure_month_parts p where p.month = p_month and p.branch = p_scope;
  if found and k.seen_change >= v_seen and (k.valid_until is null or k.valid_until > pg_catalog.now()) then
    return k.payload;
  end if;
  v_payload := xinghuo.figures_compute(p_month, v_end, nullif(p_scope, '*'));
  -- "Held" depends on the clock: the part also ends when the month's next scheduled event starts.
  select min(e.starts_at) into v_until from xinghuo.events e
  where e.status = 'scheduled' and e.starts_at > pg_catalog.now()
    and e.starts_at >= (p_month::timestamp at time zone 'Asia/Shanghai')
    and e.starts_at < ((v_end + 1)::timestamp at time zone 'Asia/Shanghai');
  insert into xinghuo.figure_month_parts (month, branch, seen_change, valid_until, payload)
    values (p_month, p_scope, v_seen, v_until, v_payload)
    on conflict (month, branch) do update
      set seen_change = excluded.seen_change, valid_until = excluded.valid_until, payload = excluded.payload;
  -- Only the newest change of a month (and of every month) is ever compared with: older ones go.
  delete from xinghuo.figure_changes c where c.month = p_month and c.id < v_seen;
  delete from xinghuo.figure_changes c where c.month is null
    and c.id < (select max(n.id) from xinghuo.figure_changes n where n.month is null);
  return v_payload;
end;
$$;
revoke execute on function xinghuo.figures_month(date, text) from public, anon, authenticated;

-- The groups of one grouping (by_district, by_topic…) summed over parts, by key.
create or replace function xinghuo.figures_merge_groups(p_parts jsonb[], p_grouping text)
returns table (key text, events bigint, people_reached bigint, materials bigint, service_minutes bigint)
language sql
immutable
set search_path = ''
as $$
  select g ->> 'key', sum((g ->> 'events')::bigint)::bigint, sum((g ->> 'people_reached')::bigint)::bigint,
    sum((g ->> 'materials')::bigint)::bigint, sum((g ->> 'service_minutes')::bigint)::bigint
  from pg_catalog.unnest(p_parts) p cross join lateral pg_catalog.jsonb_array_elements(p -> p_grouping) g
  group by 1
$$;
revoke execute on function xinghuo.figures_merge_groups(jsonb[], text) from public, anon, authenticated;

-- Parts (xinghuo.figures_compute answers of disjoint periods) as the figures of their whole period:
-- counts and sums added, each grouping in the order the dashboard shows it, labels from their tables,
-- 服务时长 rounded once.
create or replace function xinghuo.figures_merge(p_parts jsonb[])
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'totals', (select jsonb_build_object(
        'events_held', coalesce(sum((p #>> '{totals,events_held}')::bigint), 0),
        'events_reported', coalesce(sum((p #>> '{totals,events_reported}')::bigint), 0),
        'people_reached', coalesce(sum((p #>> '{totals,people_reached}')::bigint), 0),
        'questions_answered', coalesce(sum((p #>> '{totals,questions_answered}')::bigint), 0),
        'materials', coalesce(sum((p #>> '{totals,materials}')::bigint), 0),
        'volunteer_participations', coalesce(sum((p #>> '{totals,volunteer_participations}')::bigint), 0),
        'volunteer_hours', xinghuo.minutes_as_hours(coalesce(sum((p #>> '{totals,service_minutes}')::bigint), 0)::bigint))
      from unnest(p_parts) p),
    'materials_by_kind', coalesce((
        select jsonb_agg(jsonb_build_object('kind', k.id, 'label', k.label, 'quantity', coalesce(q.qty, 0))
          order by k.sort, k.id)
        from xinghuo.material_kinds k
        left join (select m ->> 'kind' as kind, sum((m ->> 'quantity')::bigint) as qty
                   from unnest(p_parts) p cross join lateral jsonb_array_elements(p -> 'materials_by_kind') m
                   group by 1) q on q.kind = k.id
        -- A retired kind is listed only where it was handed out.
        where k.retired_at is null or q.qty > 0), '[]'::jsonb),
    'by_month', coalesce((select jsonb_agg(jsonb_build_object('key', g.key, 'events', g.events,
        'people_reached', g.people_reached, 'materials', g.materials) order by g.key)
      from xinghuo.figures_merge_groups(p_parts, 'by_month') g), '[]'::jsonb),
    'by_district', coalesce((select jsonb_agg(jsonb_build_object('key', g.key, 'events', g.events,
        'people_reached', g.people_reached, 'materials', g.materials) order by g.people_reached desc, g.key)
      from xinghuo.figures_merge_groups(p_parts, 'by_district') g), '[]'::jsonb),
    'by_channel', coalesce((select jsonb_agg(jsonb_build_object('key', g.key, 'events', g.events,
        'people_reached', g.people_reached, 'materials', g.materials) order by g.key)
      from xinghuo.figures_merge_groups(p_parts, 'by_channel') g), '[]'::jsonb),
    'by_audience', coalesce((select jsonb_agg(jsonb_build_object('key', g.key, 'people_reached', g.people_reached)
        order by g.people_reached desc, g.key)
      from xinghuo.figures_merge_groups(p_parts, 'by_audience') g), '[]'::jsonb),
    'by_topic', coalesce((select jsonb_agg(jsonb_build_object('key', g.key, 'events', g.events,
        'people_reached', g.people_reached, 'materials', g.materials) order by g.people_reached desc, g.key)
      from xinghuo.figures_merge_groups(p_parts, 'by_topic') g), '[]'::jsonb),
    -- Key null: the team's own events (不属任何支行), listed after the branches.
    'by_branch', coalesce((select jsonb_agg(jsonb_build_object('key', g.key, 'label', b.label, 'events', g.events,
        'people_reached', g.people_reached, 'materials', g.materials,
        'volunteer_hours', xinghuo.minutes_as_hours(g.service_minutes)) order by b.sort nulls last, g.key nulls last)
      from xinghuo.figures_merge_groups(p_parts, 'by_branch') g left join xinghuo.branches b on b.id = g.key), '[]'::jsonb),
    'by_partner', coalesce((select jsonb_agg(jsonb_build_object('key', g.key, 'events', g.events,
        'people_reached', g.people_reached, 'materials', g.materials) order by g.events desc, g.people_reached desc, g.key)
      from xinghuo.figures_merge_groups(p_parts, 'by_partner') g), '[]'::jsonb),
    'map_total', (select coalesce(sum((p ->> 'map_total')::bigint), 0) from unnest(p_parts) p),
    -- Each part keeps its 500 most recent pins, so the period's 500 most recent are among them.
    'map', coalesce((select jsonb_agg(m.pin order by m.at desc)
      from (select pin, (pin ->> 5)::timestamptz as at
            from unnest(p_parts) p cross join lateral jsonb_array_elements(p -> 'map') pin
            order by 2 desc limit 500) m), '[]'::jsonb))
$$;
revoke execute on function xinghuo.figures_merge(jsonb[]) from public, anon, authenticated;

-- Years that have events so far (from the starts_at index's ends, not a scan of every row).
create or replace function xinghuo.figures_years()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(y order by y desc), '[]'::jsonb)
  from generate_series(
    (select extract(year from min(e.starts_at) at time zone 'Asia/Shanghai')::integer from xinghuo.events e),
    (select extract(year from least(max(e.starts_at), now()) at time zone 'Asia/Shanghai')::integer from xinghuo.events e)) as y
$$;
revoke execute on function xinghuo.figures_years() from public, anon, authenticated;

-- The figures of a period (either end open) and scope, with every held event's row if asked: the
-- kept answer while the data version and the clock allow (0507), else merged from month parts.
create or replace function xinghuo.figures_snapshot(p_from date, p_to date, p_branch text, p_rows boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_key text := pg_catalog.format('figures|%s|%s|%s|%s', p_from, p_to, coalesce(p_branch, '*'), p_rows);
  v_version bigint := (select d.version from xinghuo.dashboard_version d where d.id);
  c xinghuo.dashboard_cache;
  v_first date := coalesce(p_from, (select xinghuo.figure_month(min(e.starts_at)) from xinghuo.events e));
  v_last date := coalesce(p_to, (select (xinghuo.figure_month(max(e.starts_at)) + interval '1 month' - interval '1 day')::date
                                 from xinghuo.events e));
  v_month date;
  v_month_end date;
  v_parts jsonb[] := '{}';
  v_payload jsonb;
  v_until timestamptz;
begin
  select * into c from xinghuo.dashboard_cache k where k.cache_key = v_key;
  if found and c.version = v_version and (c.valid_until is null or c.valid_until > now()) then
    return c.payload;
  end if;
  v_month := pg_catalog.date_trunc('month', v_first::timestamp)::date;
  while v_month <= v_last loop
    v_month_end := (v_month + interval '1 month' - interval '1 day')::date;
    v_parts := v_parts || case
      when v_first <= v_month and v_last >= v_month_end then xinghuo.figures_month(v_month, coalesce(p_branch, '*'))
      else xinghuo.figures_compute(greatest(v_first, v_month), least(v_last, v_month_end), p_branch) end;
    v_month := (v_month + interval '1 month')::date;
  end loop;
  v_payload := xinghuo.figures_merge(v_parts) || jsonb_build_object('from', p_from, 'to', p_to, 'branch', p_branch,
    'years', xinghuo.figures_years(), 'rows', case when p_rows then xinghuo.figures_rows(p_from, p_to, p_branch) end);
  select min(e.starts_at) into v_until from xinghuo.events e where e.status = 'scheduled' and e.starts_at > now();
  delete from xinghuo.dashboard_cache k where k.version < v_version;
  insert into xinghuo.dashboard_cache (cache_key, version, valid_until, computed_at, payload)
    values (v_key, v_version, v_until, now(), v_payload)
    on conflict (cache_key) do update
      set version = excluded.version, valid_until = excluded.valid_until,
          computed_at = excluded.computed_at, payload = excluded.payload;
  return v_payload;
end;
$$;
revoke execute on function xinghuo.figures_snapshot(date, date, text, boolean) from public, anon, authenticated;

-- The home page's three all-time totals, from the same snapshot as the team's all-time dashboard.
create or replace function public.impact_totals()
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select jsonb_build_object('events_held', t -> 'events_held', 'materials_handed_out', t -> 'materials',
    'people_reached', t -> 'people_reached')
  from (select xinghuo.figures_snapshot(null, null, null, false) -> 'totals' as t) s;
$$;
revoke execute on function public.impact_totals() from public, anon, authenticated;
grant execute on function public.impact_totals() to anon, authenticated;

delete from xinghuo.dashboard_cache;
