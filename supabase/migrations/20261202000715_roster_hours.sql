-- The roster (as in 20261202000560) also shows each volunteer's check-out and hours (0710) and whether
-- the event's scheduled length was confirmed, so the coordinator sees what the record will say.
create or replace function public.coord_roster(p_event_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
  w record;
begin
  perform xinghuo.coord_assert();
  e := xinghuo.coord_event_or_raise(p_event_id);
  w := xinghuo.checkin_window(e.starts_at, e.ends_at);
  return jsonb_build_object(
    'event', jsonb_build_object(
      'id', e.id, 'slug', e.slug, 'title', e.title, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
      'district', e.district, 'status', e.status,
      'checkin_opens_at', w.opens_at, 'checkin_closes_at', w.closes_at,
      'planned_hours_confirmed_at', e.planned_hours_confirmed_at),
    'slots', coalesce((
      select jsonb_object_agg(s.role, s.slots) from xinghuo.event_slots s where s.event_id = e.id), '{}'::jsonb),
    'roles', coalesce((
      select jsonb_agg(jsonb_build_object('id', r.role, 'label', vr.label, 'retired', vr.retired_at is not null,
          'slots', coalesce(s.slots, 0), 'confirmed', coalesce(c.confirmed, 0)) order by vr.sort_order, r.role)
      from (select s0.role from xinghuo.event_slots s0 where s0.event_id = e.id and s0.slots > 0
            union select g0.role from xinghuo.signups g0 where g0.event_id = e.id) r
      join xinghuo.volunteer_roles vr on vr.id = r.role
      left join xinghuo.event_slots s on s.event_id = e.id and s.role = r.role
      left join (select g1.role, count(*) as confirmed from xinghuo.signups g1
                 where g1.event_id = e.id and g1.status = 'confirmed' group by g1.role) c on c.role = r.role), '[]'::jsonb),
    'signups', coalesce((
      select jsonb_agg(jsonb_build_object(
          'id', g.id,
          'role', g.role,
          'name', case when g.anonymised_at is null then g.name end,
          'phone_masked', case when g.anonymised_at is null then xinghuo.mask_phone(g.phone) end,
          'organisation', case when g.anonymised_at is null then g.organisation end,
          'status', g.status,
          'arrival', g.arrival,
          'checked_in_at', g.checked_in_at,
          'checked_out_at', g.checked_out_at,
          'hours', xinghuo.minutes_as_hours(xinghuo.service_minutes(g, e)),
          'created_at', g.created_at,
          'walk_in', g.walk_in,
          'anonymised', g.anonymised_at is not null)
        order by g.role, g.status, g.arrival)
      from xinghuo.signups g where g.event_id = e.id), '[]'::jsonb)
  );
end;
$$;
revoke execute on function public.coord_roster(bigint) from public, anon, authenticated;
grant execute on function public.coord_roster(bigint) to authenticated;
