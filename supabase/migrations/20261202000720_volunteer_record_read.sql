-- What a volunteer record holds, read through its private link (the token in the request body,
-- never in a URL the server sees: the page keeps it in the fragment).
-- A service is a sign-up of the record at which the volunteer was present (checked in); its
-- minutes come from xinghuo.service_minutes (0710). The year is the event's in Asia/Shanghai.
create or replace function xinghuo.record_services(p_record_id bigint)
returns table (signup_id bigint, slug text, title text, starts_at timestamptz, ends_at timestamptz,
               role text, minutes integer, year integer)
language sql
stable
security definer
set search_path = ''
as $$
  select s.id, e.slug, e.title, e.starts_at, e.ends_at, s.role, xinghuo.service_minutes(s, e),
    extract(year from e.starts_at at time zone 'Asia/Shanghai')::integer
  from xinghuo.signups s join xinghuo.events e on e.id = s.event_id
  where s.record_id = p_record_id and s.checked_in_at is not null and s.status = 'confirmed'
  order by e.starts_at, e.slug
$$;
revoke execute on function xinghuo.record_services(bigint) from public, anon, authenticated, service_role;

create or replace function public.my_volunteer_record(p_token text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  r xinghuo.volunteer_records := xinghuo.record_by_token(p_token);
begin
  return pg_catalog.jsonb_build_object(
    'name', r.name,
    'consented_at', r.consented_at,
    'services', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'slug', v.slug, 'title', v.title, 'starts_at', v.starts_at, 'ends_at', v.ends_at,
        'role', v.role, 'role_label', xinghuo.role_label(v.role),
        'hours', xinghuo.minutes_as_hours(v.minutes)) order by v.starts_at, v.slug)
      from xinghuo.record_services(r.id) v), '[]'::jsonb),
    -- Only services with hours count towards a year (a check-in still waiting for its check-out
    -- or the coordinator's confirmation is listed, with 0 hours, but not counted).
    'years', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'year', y.year, 'events', y.events, 'hours', xinghuo.minutes_as_hours(y.minutes)) order by y.year desc)
      from (select v.year, count(*)::integer as events, sum(v.minutes)::bigint as minutes
            from xinghuo.record_services(r.id) v where v.minutes > 0 group by v.year) y), '[]'::jsonb),
    'certificates', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'serial', c.serial, 'year', c.year, 'hours', xinghuo.minutes_as_hours(c.minutes),
        'events', c.events_count, 'issued_at', c.issued_at, 'ready', c.pdf is not null) order by c.issued_at desc)
      from xinghuo.volunteer_certificates c where c.record_id = r.id), '[]'::jsonb));
end;
$$;
revoke all on function public.my_volunteer_record(text) from public, anon, authenticated, service_role;
grant execute on function public.my_volunteer_record(text) to anon, authenticated;
