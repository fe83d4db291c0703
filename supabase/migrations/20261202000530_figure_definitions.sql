-- One meaning per figure (issue 14). Every screen and export reads an event's figures from ONE view,
-- xinghuo.event_figures, so the report, the dashboard, the printed report and the home page agree:
--  * volunteers present = check-ins, unless the report corrects it (a number with a reason, kept in
--    the report's history); the correction then counts everywhere, hours included;
--  * people reached = the report's in-person count + its online reads/views, each event in exactly
--    one channel, derived from its kind: 现场 (community, school_enterprise), 网点厅堂 (lobby),
--    线上 (online). Channel totals add up to the total;
--  * reach by audience: an in-person report splits its people over reach_audiences(), summing to
--    its count; online reach is not split (nobody knows who read an article), and reports saved
--    before the split existed count as "unsplit", so the audience figures add up to the total too.

-- The channel an event's reach counts under.
create or replace function xinghuo.reach_channel(p_kind text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case p_kind when 'lobby' then 'lobby' when 'online' then 'online' else 'on_site' end
$$;
revoke execute on function xinghuo.reach_channel(text) from public, anon, authenticated;

-- Who an in-person report counts people as (src/lib/figures.ts reachAudiences mirrors it; a db test
-- holds them equal). "other" is everyone outside the three priority groups.
create or replace function xinghuo.reach_audiences()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['elderly', 'students', 'new-residents', 'other']
$$;
revoke execute on function xinghuo.reach_audiences() from public, anon, authenticated;

alter table xinghuo.event_reports
  add column if not exists reach_by_audience jsonb check (jsonb_typeof(reach_by_audience) = 'object'),
  add column if not exists online_views integer check (online_views between 0 and 100000000),
  add column if not exists online_source text check (char_length(online_source) between 1 and 60),
  alter column volunteers_present drop not null;
comment on column xinghuo.event_reports.volunteers_present is
  'a correction of volunteers present, with volunteers_adjust_reason; null: the check-ins count';
-- Before this, every report stored the check-ins of its save as "present"; only those with a reason
-- were corrections.
update xinghuo.event_reports set volunteers_present = null where volunteers_adjust_reason is null;

drop view if exists xinghuo.held_events;
drop view if exists xinghuo.event_figures;

create view xinghuo.event_figures as
  select e.id, e.slug, e.title, e.starts_at, e.ends_at, e.district, e.audiences, e.topics, e.lat, e.lng,
    e.status, e.publication, e.kind, x.channel,
    r.event_id is not null as reported,
    x.reach as people_reached,
    case
      when r.event_id is null then '{}'::jsonb
      when x.channel = 'online' then jsonb_build_object('online', x.reach)
      when r.reach_by_audience is null then jsonb_build_object('unsplit', x.reach)
      else r.reach_by_audience
    end as reach_by_audience,
    coalesce(r.questions_answered, 0) as questions_answered,
    coalesce(t.checked_in, 0) as checkins,
    coalesce(case when r.volunteers_adjust_reason is not null then r.volunteers_present end, t.checked_in, 0) as volunteers_present,
    (r.volunteers_adjust_reason is not null and r.volunteers_present is not null) as volunteers_corrected,
    coalesce(t.materials, 0) as materials,
    round(extract(epoch from (e.ends_at - e.starts_at)) / 3600.0, 2) as hours
  from xinghuo.events e
  left join xinghuo.event_reports r on r.event_id = e.id
  left join xinghuo.event_tallies t on t.event_id = e.id
  cross join lateral (select xinghuo.reach_channel(e.kind) as channel,
                        coalesce(r.people_reached, 0) + coalesce(r.online_views, 0) as reach) x;
revoke all on xinghuo.event_figures from public, anon, authenticated;

-- "Held": published, scheduled (not cancelled) and started, or reported (a report says it took place).
create view xinghuo.held_events as
  select f.* from xinghuo.event_figures f
  where f.status = 'scheduled' and f.publication = 'published' and (f.starts_at <= now() or f.reported);
revoke all on xinghuo.held_events from public, anon, authenticated;

-- Held events of one year in Asia/Shanghai (null = all years): the dashboard and the printed list.
create or replace function xinghuo.held_events_in(p_year integer)
returns setof xinghuo.held_events
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_year is not null and p_year not between 2000 and 2100 then
    raise exception 'year_invalid' using errcode = 'P0001', detail = 'year between 2000 and 2100', hint = 'year';
  end if;
  return query select v.* from xinghuo.held_events v
    where p_year is null or (
      v.starts_at >= make_timestamptz(p_year, 1, 1, 0, 0, 0, 'Asia/Shanghai')
      and v.starts_at < make_timestamptz(p_year + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai'));
end;
$$;
revoke execute on function xinghuo.held_events_in(integer) from public, anon, authenticated;

-- The report as it stands (null when none saved yet): what a conflict shows and a revision stores.
-- volunteers_present is the defined figure at that moment; volunteers_corrected says whether it
-- is the report's correction.
create or replace function xinghuo.report_snapshot(p_event_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'version', r.version,
    'people_reached', r.people_reached,
    'reach_by_audience', r.reach_by_audience,
    'online_views', r.online_views,
    'online_source', r.online_source,
    'reach_total', f.people_reached,
    'volunteers_present', f.volunteers_present,
    'volunteers_corrected', f.volunteers_corrected,
    'volunteers_adjust_reason', r.volunteers_adjust_reason,
    'questions_answered', r.questions_answered,
    'notes', r.notes,
    'materials', coalesce((select jsonb_object_agg(m.kind, m.quantity) from xinghuo.report_materials m
                           where m.event_id = r.event_id), '{}'::jsonb),
    'updated_at', r.updated_at,
    'updated_by', (select c.display_name from xinghuo.coordinators c where c.user_id = r.updated_by))
  from xinghuo.event_reports r join xinghuo.event_figures f on f.id = r.event_id
  where r.event_id = p_event_id;
$$;
revoke execute on function xinghuo.report_snapshot(bigint) from public, anon, authenticated;

create or replace function public.coord_get_report(p_event_id bigint)
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
    'event', jsonb_build_object('id', e.id, 'slug', e.slug, 'title', e.title, 'starts_at', e.starts_at,
      'ends_at', e.ends_at, 'district', e.district, 'status', e.status, 'kind', e.kind,
      'channel', xinghuo.reach_channel(e.kind)),
    'checked_in', (select f.checkins from xinghuo.event_figures f where f.id = e.id),
    'report', xinghuo.report_snapshot(e.id),
    'kinds', xinghuo.material_kinds_json(e.id),
    'revisions', coalesce((
      select jsonb_agg(jsonb_build_object(
          'version', v.version, 'changed_at', v.changed_at,
          'changed_by', (select c.display_name from xinghuo.coordinators c where c.user_id = v.changed_by),
          'before', v.before, 'after', v.after) order by v.version desc)
      from xinghuo.report_revisions v where v.event_id = e.id), '[]'::jsonb));
end;
$$;
drop function if exists xinghuo.material_kinds_json();
