-- Events list and the impact dashboard for coordinators.
--
-- "Held" (xinghuo.held_events, also used by public.impact_totals): a scheduled (not cancelled/withdrawn) event that has
-- started, or that already has a report (a report says it took place). People reached and materials
-- are summed from reports; volunteer participations are check-ins; volunteer hours are check-ins x the
-- event's scheduled duration.

-- A view (not a function) so the planner can push a year filter down to events.starts_at.
create or replace view xinghuo.held_events as
  select e.id, e.title, e.starts_at, e.ends_at, e.district, e.audiences, e.topics, e.lat, e.lng,
    r.event_id is not null as reported,
    coalesce(r.people_reached, 0) as people_reached,
    coalesce(r.questions_answered, 0) as questions_answered,
    coalesce(r.volunteers_present, 0) as volunteers_present,
    coalesce(t.materials, 0) as materials,
    coalesce(t.checked_in, 0) as checkins,
    round(extract(epoch from (e.ends_at - e.starts_at)) / 3600.0, 2) as hours
  from xinghuo.events e
  left join xinghuo.event_reports r on r.event_id = e.id
  left join xinghuo.event_tallies t on t.event_id = e.id
  where e.status = 'scheduled' and (e.starts_at <= now() or r.event_id is not null);
revoke all on xinghuo.held_events from public, anon, authenticated;

create or replace function public.coord_events()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return coalesce((
    select jsonb_agg(jsonb_build_object(
        'id', e.id, 'slug', e.slug, 'title', e.title, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
        'district', e.district, 'status', e.status, 'audiences', e.audiences, 'topics', e.topics,
        'slots', coalesce(s.total, 0),
        'confirmed', coalesce(g.confirmed, 0), 'waitlisted', coalesce(g.waitlisted, 0),
        'cancelled', coalesce(g.cancelled, 0), 'checked_in', coalesce(t.checked_in, 0),
        'report_version', r.version, 'people_reached', r.people_reached,
        'volunteers_present', r.volunteers_present, 'questions_answered', r.questions_answered,
        'materials', coalesce(t.materials, 0))
      order by e.starts_at desc, e.id desc)
    from xinghuo.events e
    left join (select es.event_id, sum(es.slots) as total from xinghuo.event_slots es group by es.event_id) s
      on s.event_id = e.id
    left join (select x.event_id,
                 count(*) filter (where x.status = 'confirmed') as confirmed,
                 count(*) filter (where x.status = 'waitlisted') as waitlisted,
                 count(*) filter (where x.status = 'cancelled') as cancelled
               from xinghuo.signups x group by x.event_id) g on g.event_id = e.id
    left join xinghuo.event_reports r on r.event_id = e.id
    left join xinghuo.event_tallies t on t.event_id = e.id
  ), '[]'::jsonb);
end;
$$;

-- The dashboard figures for one year (p_year null = all years), computed from scratch. Callers go
-- through public.coord_dashboard, which serves a snapshot until the data changes (0507).
-- The yearly target lives in site.config.ts (the client compares against it).
create or replace function xinghuo.dashboard_compute(p_year integer)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v jsonb;
begin
  if p_year is not null and p_year not between 2000 and 2100 then
    raise exception 'year_invalid' using errcode = 'P0001', detail = 'year between 2000 and 2100', hint = 'year';
  end if;
  -- Only the narrow columns the groupings need (titles are fetched for the map's rows only).
  with h as materialized (
    select v.id, v.starts_at, v.district, v.audiences, v.topics, v.lat, v.lng, v.reported, v.people_reached,
      v.questions_answered, v.volunteers_present, v.materials, v.checkins, v.hours
    from xinghuo.held_events v
    where p_year is null or (
      v.starts_at >= make_timestamptz(p_year, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      and v.starts_at < make_timestamptz(p_year + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')))
  select jsonb_build_object(
    'year', p_year,
    'totals', (select jsonb_build_object(
        'events_held', count(*),
        'events_reported', count(*) filter (where h.reported),
        'people_reached', coalesce(sum(h.people_reached), 0),
        'questions_answered', coalesce(sum(h.questions_answered), 0),
        'materials', coalesce(sum(h.materials), 0),
        'volunteer_participations', coalesce(sum(h.checkins), 0),
        'volunteers_reported', coalesce(sum(h.volunteers_present), 0),
        'volunteer_hours', coalesce(round(sum(h.checkins * h.hours), 1), 0)) from h),
    'materials_by_kind', coalesce((
        select jsonb_agg(jsonb_build_object('kind', k.id, 'label', k.label, 'quantity', coalesce(q.qty, 0))
          order by k.sort, k.id)
        from xinghuo.material_kinds k
        left join (select rm.kind, sum(rm.quantity) as qty from xinghuo.report_materials rm
                   join h on h.id = rm.event_id group by rm.kind) q on q.kind = k.id), '[]'::jsonb),
    'by_month', coalesce((
        select jsonb_agg(jsonb_build_object('key', t.k, 'events', t.n, 'people_reached', t.reach, 'materials', t.mat)
          order by t.k)
        -- Group on the month's start instant; format only the few group keys.
        from (select to_char(t0.m at time zone 'Asia/Shanghai', 'YYYY-MM') as k, t0.n, t0.reach, t0.mat
              from (select date_trunc('month', h.starts_at, 'Asia/Shanghai') as m, count(*) as n,
                      sum(h.people_reached) as reach, sum(h.materials) as mat from h group by 1) t0) t), '[]'::jsonb),
    'by_district', coalesce((
        select jsonb_agg(jsonb_build_object('key', t.k, 'events', t.n, 'people_reached', t.reach, 'materials', t.mat)
          order by t.reach desc, t.k)
        from (select h.district as k, count(*) as n, sum(h.people_reached) as reach, sum(h.materials) as mat
              from h group by 1) t), '[]'::jsonb),
    'by_audience', coalesce((
        select jsonb_agg(jsonb_build_object('key', t.k, 'events', t.n, 'people_reached', t.reach, 'materials', t.mat)
          order by t.reach desc, t.k)
        from (select a.k, count(*) as n, sum(h.people_reached) as reach, sum(h.materials) as mat
              from h cross join lateral unnest(h.audiences) as a(k) group by 1) t), '[]'::jsonb),
    'by_topic', coalesce((
        select jsonb_agg(jsonb_build_object('key', t.k, 'events', t.n, 'people_reached', t.reach, 'materials', t.mat)
          order by t.reach desc, t.k)
        from (select a.k, count(*) as n, sum(h.people_reached) as reach, sum(h.materials) as mat
              from h cross join lateral unnest(h.topics) as a(k) group by 1) t), '[]'::jsonb),
    -- Map pins: the 500 most recent held events with a position (map_total says how many exist).
    'map_total', (select count(*) from h where h.lat is not null and h.lng is not null),
    'map', coalesce((
        select jsonb_agg(jsonb_build_array(p.id, e.title, p.lat, p.lng, p.people_reached, p.starts_at) order by p.starts_at desc)
        from (select h.id, h.lat, h.lng, h.people_reached, h.starts_at from h
              where h.lat is not null and h.lng is not null order by h.starts_at desc limit 500) p
        join xinghuo.events e on e.id = p.id), '[]'::jsonb),
    -- Years that have events so far (from the starts_at index's ends, not a scan of every row).
    'years', (
        select coalesce(jsonb_agg(y order by y desc), '[]'::jsonb)
        from generate_series(
          (select extract(year from min(e.starts_at) at time zone 'Asia/Shanghai')::integer from xinghuo.events e),
          (select extract(year from least(max(e.starts_at), now()) at time zone 'Asia/Shanghai')::integer from xinghuo.events e)) as y)
  ) into v;
  return v;
end;
$$;

revoke execute on function xinghuo.dashboard_compute(integer) from public, anon, authenticated;
revoke execute on function public.coord_events() from public, anon, authenticated;
grant execute on function public.coord_events() to authenticated;
