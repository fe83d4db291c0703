-- xinghuo.event_figures (0530) gains, appended: the event's partners (for the figures by partner)
-- and service_minutes, the one 服务时长 (0950 explains the definition and the tallies behind it).
-- The scheduled minutes are whole minutes, as xinghuo.service_minutes counts them.
create or replace view xinghuo.event_figures as
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
    p.present as volunteers_present,
    (r.volunteers_adjust_reason is not null and r.volunteers_present is not null) as volunteers_corrected,
    coalesce(t.materials, 0) as materials,
    round(extract(epoch from (e.ends_at - e.starts_at)) / 3600.0, 2) as hours,
    e.partners,
    coalesce(t.checked_out_minutes, 0)
      + case when e.planned_hours_confirmed_at is not null then coalesce(t.open_checkins, 0) * x.scheduled else 0 end
      + greatest(p.present - coalesce(t.checked_in, 0), 0) * x.scheduled as service_minutes
  from xinghuo.events e
  left join xinghuo.event_reports r on r.event_id = e.id
  left join xinghuo.event_tallies t on t.event_id = e.id
  cross join lateral (select xinghuo.reach_channel(e.kind) as channel,
                        coalesce(r.people_reached, 0) + coalesce(r.online_views, 0) as reach,
                        pg_catalog.floor(extract(epoch from e.ends_at - e.starts_at) / 60)::bigint as scheduled) x
  cross join lateral (select coalesce(case when r.volunteers_adjust_reason is not null then r.volunteers_present end,
                        t.checked_in, 0) as present) p;
revoke all on xinghuo.event_figures from public, anon, authenticated;

create or replace view xinghuo.held_events as
  select f.* from xinghuo.event_figures f
  where f.status = 'scheduled' and f.publication = 'published' and (f.starts_at <= now() or f.reported);
revoke all on xinghuo.held_events from public, anon, authenticated;
