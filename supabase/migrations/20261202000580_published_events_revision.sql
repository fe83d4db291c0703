-- published_events() (20261202000160) also says each event's revision: it only grows, so the
-- calendar feeds use it as SEQUENCE and a calendar app replaces its copy of a moved or cancelled event
-- (RFC 5545 3.8.7.4: apps ignore an update whose SEQUENCE did not grow).
create or replace function public.published_events()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'slug', e.slug, 'title', e.title, 'summary', e.summary, 'description', e.description,
      'kind', e.kind, 'channel', e.channel, 'online_url', e.online_url,
      'venue', case when e.venue_name is not null
        then pg_catalog.jsonb_build_object('name', e.venue_name, 'address', e.venue_address) end,
      'district', e.district, 'lat', e.lat, 'lng', e.lng,
      'starts_at', e.starts_at, 'ends_at', e.ends_at,
      'audiences', pg_catalog.to_jsonb(e.audiences), 'topics', pg_catalog.to_jsonb(e.topics),
      'partners', pg_catalog.to_jsonb(e.partners),
      'roles', coalesce((
        select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', r.id, 'label', r.label, 'slots', s.slots)
          order by r.sort_order, r.id)
        from xinghuo.event_slots s join xinghuo.volunteer_roles r on r.id = s.role
        where s.event_id = e.id and s.slots > 0), '[]'),
      'status', e.status, 'cancel_reason', e.cancel_reason,
      'series', case when e.series_id is not null
        then pg_catalog.jsonb_build_object('id', sr.id, 'title', sr.title) end,
      'revision', e.revision, 'updated_at', e.updated_at)
    order by e.starts_at, e.slug), '[]')
  from xinghuo.events e
  left join xinghuo.event_series sr on sr.id = e.series_id
  where e.publication = 'published'
$$;
revoke execute on function public.published_events() from public, anon, authenticated, service_role;
grant execute on function public.published_events() to anon, authenticated;
