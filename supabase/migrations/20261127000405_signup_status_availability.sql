-- Read-only RPCs for the public pages. Neither returns anyone else's personal data.

-- What the private manage page shows: the event, the role, the status and waitlist place, and the
-- volunteer's own phone masked (null once withdrawn).
create or replace function public.signup_status(p_token text)
returns json
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_id bigint := xinghuo.signup_id_by_token(p_token);
  v_result json;
begin
  select pg_catalog.json_build_object(
      'event_slug', e.slug,
      'event_title', e.title,
      'event_starts_at', e.starts_at,
      'event_ends_at', e.ends_at,
      'event_status', e.status,
      'role', s.role,
      'status', s.status,
      'waitlist_position', xinghuo.waitlist_position(s.id),
      'phone_masked', xinghuo.mask_phone(s.phone),
      'checkin_code', case when s.status = 'cancelled' then null else s.checkin_code end,
      'checked_in', s.checked_in_at is not null,
      'withdrawn', s.anonymised_at is not null)
    into v_result
  from xinghuo.signups s join xinghuo.events e on e.id = s.event_id
  where s.id = v_id;
  return v_result;
end;
$$;

-- Places per role for one event: slots, confirmed and waitlisted counts. Roles with no slots are
-- left out unless someone still holds a place in them. Unknown or withdrawn events: no rows.
create or replace function public.event_availability(p_event_slug text)
returns table (role text, slots integer, confirmed integer, waitlisted integer)
language sql
stable
security definer
set search_path = ''
as $$
  select es.role,
         es.slots,
         (count(s.id) filter (where s.status = 'confirmed'))::integer,
         (count(s.id) filter (where s.status = 'waitlisted'))::integer
  from xinghuo.events e
  join xinghuo.event_slots es on es.event_id = e.id
  left join xinghuo.signups s on s.event_id = e.id and s.role = es.role and s.status <> 'cancelled'
  where e.slug = p_event_slug and e.status <> 'withdrawn'
  group by es.role, es.slots
  having es.slots > 0 or count(s.id) > 0
  order by pg_catalog.array_position(array['bank_staff', 'police', 'street_office', 'lawyer', 'volunteer'], es.role)
$$;

revoke all on function public.signup_status(text), public.event_availability(text)
  from public, anon, authenticated, service_role;
grant execute on function public.signup_status(text), public.event_availability(text) to anon, authenticated;
