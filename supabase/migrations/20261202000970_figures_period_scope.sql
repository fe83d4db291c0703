-- The figures over a period and a scope (issue 14, branch contract): ONE compute function,
-- xinghuo.figures_compute(from, to, branch), whose answers for a period's months are merged
-- (20261202001010) behind coord_dashboard (a year), coord_figures (any range or a campaign; with
-- every held event's row, for the exports and the 简报) and the home page's impact_totals. Held
-- events are xinghuo.held_events (0530); a period is the events' start dates in Asia/Shanghai,
-- both ends included. Scope: a team lead sees every branch or the one chosen; a branch
-- coordinator only their own (another → branch_forbidden).

-- xinghuo.event_figures (0530) gains, appended: the event's partners (for the figures by partner),
-- service_minutes, the one 服务时长 (0950 explains the definition and the tallies behind it; the
-- scheduled length in whole minutes, as xinghuo.service_minutes counts it), and the event's branch.
-- Each event's channel is stored beside its kind, computed by xinghuo.reach_channel (0530, still its
-- only definition) when the event is written. Read through the function, the view called it once
-- per column using the channel: a function with a fixed search_path is never inlined, and at
-- 10,000 held events that was about 100 ms of every dashboard recompute (bench/RESULTS.md).
-- Changing reach_channel's mapping later needs `update xinghuo.events set kind = kind` with it.
alter table xinghuo.events
  add column reach_channel text generated always as (xinghuo.reach_channel(kind)) stored;

create or replace view xinghuo.event_figures as
  select e.id, e.slug, e.title, e.starts_at, e.ends_at, e.district, e.audiences, e.topics, e.lat, e.lng,
    e.status, e.publication, e.kind, e.reach_channel as channel,
    r.event_id is not null as reported,
    x.reach as people_reached,
    case
      when r.event_id is null then '{}'::jsonb
      when e.reach_channel = 'online' then jsonb_build_object('online', x.reach)
      when r.reach_by_audience is null then jsonb_build_object('unsplit', x.reach)
      else r.reach_by_audience
    end as reach_by_audience,
    coalesce(r.questions_answered, 0) as questions_answered,
    coalesce(t.checked_in, 0) as checkins,
    p.present as volunteers_present,
    (r.volunteers_adjust_reason is not null and r.volunteers_present is not null) as volunteers_corrected,
    coalesce(t.materials, 0) as materials,
    round(extract(epoch from (e.ends_at - e.starts_at)) / 3600.0, 2) as hours,
    e.partners,
    coalesce(t.checked_out_minutes, 0)
      + case when e.planned_hours_confirmed_at is not null then coalesce(t.open_checkins, 0) * x.scheduled else 0 end
      + greatest(p.present - coalesce(t.checked_in, 0), 0) * x.scheduled as service_minutes,
    e.branch_id
  from xinghuo.events e
  left join xinghuo.event_reports r on r.event_id = e.id
  left join xinghuo.event_tallies t on t.event_id = e.id
  cross join lateral (select coalesce(r.people_reached, 0) + coalesce(r.online_views, 0) as reach,
                        pg_catalog.floor(extract(epoch from e.ends_at - e.starts_at) / 60)::bigint as scheduled) x
  cross join lateral (select coalesce(case when r.volunteers_adjust_reason is not null then r.volunteers_present end,
                        t.checked_in, 0) as present) p;
revoke all on xinghuo.event_figures from public, anon, authenticated;

create or replace view xinghuo.held_events as
  select f.* from xinghuo.event_figures f
  where f.status = 'scheduled' and f.publication = 'published' and (f.starts_at <= now() or f.reported);
revoke all on xinghuo.held_events from public, anon, authenticated;

-- A branch's label is shown in the figures by branch: renaming one makes a new snapshot (0507).
drop trigger if exists branches_dashboard_bump on xinghuo.branches;
create constraint trigger branches_dashboard_bump after insert or update or delete on xinghuo.branches
  deferrable initially deferred for each row execute function xinghuo.dashboard_bump();

-- The branch the caller's figures cover (call after coord_assert): a branch coordinator's own
-- whatever they asked for nothing, another branch refused; a team lead's choice (null: all).
create or replace function xinghuo.figures_branch(p_branch text)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_own text := xinghuo.caller_branch();
begin
  if v_own is not null then
    if p_branch is not null and p_branch <> v_own then
      raise exception 'branch_forbidden' using errcode = '42501', detail = 'another branch''s figures';
    end if;
    return v_own;
  end if;
  if p_branch is not null and not exists (select 1 from xinghuo.branches b where b.id = p_branch) then
    raise exception 'scope_branch_unknown' using errcode = 'P0001', hint = 'branch';
  end if;
  return p_branch;
end;
$$;
revoke execute on function xinghuo.figures_branch(text) from public, anon, authenticated;

-- Held events starting on p_from … p_to (Asia/Shanghai dates, either end open when null) of one
-- branch (null: every branch and the team's own events).
create or replace function xinghuo.held_events_between(p_from date, p_to date, p_branch text)
returns setof xinghuo.held_events
language sql
stable
security definer
set search_path = ''
as $$
  -- One range over the starts_at index (open ends as ±infinity, not "is null or"), so a month's
  -- events are found without reading every event.
  select v.* from xinghuo.held_events v
  where v.starts_at >= coalesce(p_from::timestamp at time zone 'Asia/Shanghai', '-infinity')
    and v.starts_at < coalesce((p_to + 1)::timestamp at time zone 'Asia/Shanghai', 'infinity')
    and (p_branch is null or v.branch_id = p_branch)
$$;
revoke execute on function xinghuo.held_events_between(date, date, text) from public, anon, authenticated;

drop function if exists xinghuo.dashboard_compute(integer);
drop function if exists xinghuo.held_events_in(integer);

-- The figures of the held events in a period and scope as sums: totals, groups, material kinds and
-- the newest map pins. Called for one month at a time, or the part of one month a period covers;
-- xinghuo.figures_merge (20261202001010) adds the parts of a period up and is the one place that
-- orders and labels them and rounds the minutes behind 服务时长 to hours.
create or replace function xinghuo.figures_compute(p_from date, p_to date, p_branch text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with h as materialized (
    select v.id, v.title, v.starts_at, v.district, v.topics, v.lat, v.lng, v.reported, v.channel, v.people_reached,
      v.reach_by_audience, v.questions_answered, v.volunteers_present, v.materials, v.service_minutes,
      v.partners, v.branch_id
    from xinghuo.held_events_between(p_from, p_to, p_branch) v),
  -- Each held event under every group it counts in: one month, district, channel and branch (key
  -- null: the team's own, 不属任何支行), and each of its topics and partners (a talk with two
  -- partners counts under both). The merge orders and labels the groups.
  g as (
    select d.grouping, d.k, count(*) as events, sum(h.people_reached) as people_reached, sum(h.materials) as materials,
      sum(h.service_minutes)::bigint as service_minutes
    from h cross join lateral (
      select 'by_month', to_char(h.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM')
      union all select 'by_district', h.district
      union all select 'by_channel', h.channel
      union all select 'by_branch', h.branch_id
      union all select 'by_topic', t from unnest(h.topics) t
      union all select 'by_partner', p from unnest(h.partners) p) d (grouping, k)
    group by 1, 2
    union all
    -- People, not events: an event's people are split over audiences, never counted twice.
    select 'by_audience', a.key, null, sum(a.value::bigint), null, null
    from h cross join lateral jsonb_each_text(h.reach_by_audience) a
    group by 2)
  select jsonb_build_object(
    'totals', (select jsonb_build_object(
        'events_held', count(*),
        'events_reported', count(*) filter (where h.reported),
        'people_reached', coalesce(sum(h.people_reached), 0),
        'questions_answered', coalesce(sum(h.questions_answered), 0),
        'materials', coalesce(sum(h.materials), 0),
        'volunteer_participations', coalesce(sum(h.volunteers_present), 0),
        'service_minutes', coalesce(sum(h.service_minutes), 0)) from h),
    'materials_by_kind', coalesce((
        select jsonb_agg(jsonb_build_object('kind', q.kind, 'quantity', q.qty))
        from (select rm.kind, sum(rm.quantity) as qty from xinghuo.report_materials rm
              join h on h.id = rm.event_id group by rm.kind) q), '[]'::jsonb),
    -- Map pins: the 500 most recent held events with a position (map_total says how many exist).
    'map_total', (select count(*) from h where h.lat is not null and h.lng is not null),
    'map', coalesce((
        select jsonb_agg(jsonb_build_array(p.id, p.title, p.lat, p.lng, p.people_reached, p.starts_at))
        from (select h.id, h.title, h.lat, h.lng, h.people_reached, h.starts_at from h
              where h.lat is not null and h.lng is not null order by h.starts_at desc limit 500) p), '[]'::jsonb))
  || coalesce((
    select jsonb_object_agg(x.grouping, x.groups)
    from (select g.grouping, jsonb_agg(jsonb_build_object('key', g.k, 'events', g.events, 'people_reached', g.people_reached,
            'materials', g.materials, 'service_minutes', g.service_minutes)) as groups
          from g group by 1) x), '{}'::jsonb)
$$;
revoke execute on function xinghuo.figures_compute(date, date, text) from public, anon, authenticated;

-- Every held event of a period and scope with its figures (the exports' 活动明细, the printed list),
-- in date order: the same figures the totals sum.
create or replace function xinghuo.figures_rows(p_from date, p_to date, p_branch text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', h.id, 'slug', h.slug, 'title', h.title, 'starts_at', h.starts_at,
      'district', h.district, 'branch_id', h.branch_id, 'channel', h.channel, 'partners', h.partners,
      'reported', h.reported, 'people_reached', h.people_reached, 'reach_by_audience', h.reach_by_audience,
      'materials', h.materials, 'questions_answered', h.questions_answered,
      'volunteers_present', h.volunteers_present, 'service_minutes', h.service_minutes)
    order by h.starts_at, h.id), '[]'::jsonb)
  from xinghuo.held_events_between(p_from, p_to, p_branch) h
$$;
revoke execute on function xinghuo.figures_rows(date, date, text) from public, anon, authenticated;

drop function if exists xinghuo.dashboard_snapshot(text, integer, boolean);

-- A year (null = all years) of one branch (null = the caller's whole scope).
drop function if exists public.coord_dashboard(integer);
create or replace function public.coord_dashboard(p_year integer default null, p_branch text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_branch text;
begin
  perform xinghuo.coord_assert();
  if p_year is not null and p_year not between 2000 and 2100 then
    raise exception 'year_invalid' using errcode = 'P0001', detail = 'year between 2000 and 2100', hint = 'year';
  end if;
  v_branch := xinghuo.figures_branch(p_branch);
  return xinghuo.figures_snapshot(pg_catalog.make_date(p_year, 1, 1), pg_catalog.make_date(p_year, 12, 31), v_branch, false)
    || jsonb_build_object('year', p_year);
end;
$$;
revoke execute on function public.coord_dashboard(integer, text) from public, anon, authenticated;
grant execute on function public.coord_dashboard(integer, text) to authenticated;

-- Any period (either end open) and/or a campaign (its dates, intersected with the period), of one
-- branch: the dashboard's figures plus every held event's row — the one answer the printed report,
-- the .xlsx and the 简报 are made from. p_rows false leaves the rows out (null): the dashboard
-- screen does not list 10,000 events, and fetches them (the same snapshot's figures) to export.
create or replace function public.coord_figures(p_from date default null, p_to date default null,
  p_branch text default null, p_campaign text default null, p_rows boolean default true)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_branch text;
  c xinghuo.campaigns;
  v_from date := p_from;
  v_to date := p_to;
begin
  perform xinghuo.coord_assert();
  if p_from not between date '2000-01-01' and date '2100-12-31' then
    raise exception 'period_start_invalid' using errcode = 'P0001', hint = 'from';
  end if;
  if p_to not between date '2000-01-01' and date '2100-12-31' then
    raise exception 'period_end_invalid' using errcode = 'P0001', hint = 'to';
  end if;
  if p_to < p_from then
    raise exception 'period_end_before_start' using errcode = 'P0001', hint = 'to';
  end if;
  if p_campaign is not null then
    select * into c from xinghuo.campaigns k where k.id = p_campaign;
    if not found then
      raise exception 'campaign_not_found' using errcode = 'P0001', hint = 'campaign';
    end if;
    v_from := greatest(v_from, c.starts_on);
    v_to := least(v_to, c.ends_on);
  end if;
  v_branch := xinghuo.figures_branch(p_branch);
  return xinghuo.figures_snapshot(v_from, v_to, v_branch, coalesce(p_rows, true))
    || jsonb_build_object('campaign', case when c.id is not null then xinghuo.campaign_json(c) end);
end;
$$;
revoke execute on function public.coord_figures(date, date, text, text, boolean) from public, anon, authenticated;
grant execute on function public.coord_figures(date, date, text, text, boolean) to authenticated;

-- Every held event of a year with its figures (the CSV's figures), in the caller's scope.
drop function if exists public.coord_held_events(integer);
create or replace function public.coord_held_events(p_year integer default null, p_branch text default null)
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
  return xinghuo.figures_snapshot(pg_catalog.make_date(p_year, 1, 1), pg_catalog.make_date(p_year, 12, 31),
    xinghuo.figures_branch(p_branch), true) -> 'rows';
end;
$$;
revoke execute on function public.coord_held_events(integer, text) from public, anon, authenticated;
grant execute on function public.coord_held_events(integer, text) to authenticated;


delete from xinghuo.dashboard_cache;
