-- The dashboard, the home page counters and the printed report from xinghuo.event_figures (0530):
-- volunteers present with corrections, reach by channel and by audience, each adding up to the
-- total. Still one pass over the year's held events (the 100 ms budget): no per-event subqueries.

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
  -- Only the narrow columns the groupings need (titles are fetched for the map's rows only).
  with h as materialized (
    select v.id, v.starts_at, v.district, v.topics, v.lat, v.lng, v.reported, v.channel, v.people_reached,
      v.reach_by_audience, v.questions_answered, v.volunteers_present, v.materials, v.hours
    from xinghuo.held_events_in(p_year) v)
  select jsonb_build_object(
    'year', p_year,
    'totals', (select jsonb_build_object(
        'events_held', count(*),
        'events_reported', count(*) filter (where h.reported),
        'people_reached', coalesce(sum(h.people_reached), 0),
        'questions_answered', coalesce(sum(h.questions_answered), 0),
        'materials', coalesce(sum(h.materials), 0),
        'volunteer_participations', coalesce(sum(h.volunteers_present), 0),
        'volunteer_hours', coalesce(round(sum(h.volunteers_present * h.hours), 1), 0)) from h),
    'materials_by_kind', coalesce((
        select jsonb_agg(jsonb_build_object('kind', k.id, 'label', k.label, 'quantity', coalesce(q.qty, 0))
          order by k.sort, k.id)
        from xinghuo.material_kinds k
        left join (select rm.kind, sum(rm.quantity) as qty from xinghuo.report_materials rm
                   join h on h.id = rm.event_id group by rm.kind) q on q.kind = k.id
        -- A retired kind is listed only where it was handed out.
        where k.retired_at is null or q.qty > 0), '[]'::jsonb),
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
    'by_channel', coalesce((
        select jsonb_agg(jsonb_build_object('key', t.k, 'events', t.n, 'people_reached', t.reach, 'materials', t.mat)
          order by t.k)
        from (select h.channel as k, count(*) as n, sum(h.people_reached) as reach, sum(h.materials) as mat
              from h group by 1) t), '[]'::jsonb),
    -- People, not events: an event's people are split over audiences, never counted twice.
    'by_audience', coalesce((
        select jsonb_agg(jsonb_build_object('key', t.k, 'people_reached', t.reach) order by t.reach desc, t.k)
        from (select a.key as k, sum(a.value::integer) as reach
              from h cross join lateral jsonb_each_text(h.reach_by_audience) a
              group by 1) t), '[]'::jsonb),
    -- Topics describe what a talk covered: an event with two topics counts once under each.
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

-- Every held event of a year with its figures, for the printed report's list (the same figures
-- the dashboard sums).
create or replace function public.coord_held_events(p_year integer default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', h.id, 'slug', h.slug, 'title', h.title, 'starts_at', h.starts_at,
        'district', h.district, 'channel', h.channel, 'reported', h.reported, 'people_reached', h.people_reached,
        'materials', h.materials, 'volunteers_present', h.volunteers_present) order by h.starts_at, h.id)
    from xinghuo.held_events_in(p_year) h), '[]'::jsonb);
end;
$$;
revoke execute on function public.coord_held_events(integer) from public, anon, authenticated;
grant execute on function public.coord_held_events(integer) to authenticated;
