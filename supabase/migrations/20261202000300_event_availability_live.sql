-- The event page's live box (issue #10): besides places per role, what may have changed since the
-- static page was built: cancelled (and why), a new time, a new venue. One call per page; counts and
-- the public fields only, never anyone's personal data. Drafts (and unknown slugs) are not public:
-- they answer event_not_found, so a page of an event taken back says so instead of showing places.
drop function public.event_availability(text);

create function public.event_availability(p_event_slug text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_event xinghuo.events;
begin
  select * into v_event from xinghuo.events e where e.slug = p_event_slug and e.publication = 'published';
  if not found then
    raise exception 'event_not_found' using errcode = 'P0001', detail = 'no published event with this slug', hint = 'p_event_slug';
  end if;
  return pg_catalog.jsonb_build_object(
    'status', v_event.status,
    'cancel_reason', v_event.cancel_reason,
    'starts_at', v_event.starts_at,
    'ends_at', v_event.ends_at,
    'venue', case when v_event.venue_name is not null
      then pg_catalog.jsonb_build_object('name', v_event.venue_name, 'address', v_event.venue_address) end,
    -- Roles with places, and roles whose places went to 0 while people still hold them (their counts
    -- must stay visible), in the catalogue's order.
    'roles', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
          'id', r.id, 'label', r.label, 'slots', es.slots, 'confirmed', c.confirmed, 'waitlisted', c.waitlisted)
        order by r.sort_order, r.id)
      from xinghuo.event_slots es
      join xinghuo.volunteer_roles r on r.id = es.role
      cross join lateral (
        select (count(*) filter (where s.status = 'confirmed'))::integer as confirmed,
               (count(*) filter (where s.status = 'waitlisted'))::integer as waitlisted
        from xinghuo.signups s
        where s.event_id = v_event.id and s.role = es.role and s.status <> 'cancelled') c
      where es.event_id = v_event.id and (es.slots > 0 or c.confirmed + c.waitlisted > 0)), '[]'));
end;
$$;
revoke all on function public.event_availability(text) from public, anon, authenticated, service_role;
grant execute on function public.event_availability(text) to anon, authenticated;
