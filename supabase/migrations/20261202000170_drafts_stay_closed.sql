-- A draft (never published, or unpublished) is not part of the public programme: nobody can sign up
-- for it, the public places box does not know it, and it is not counted as held. 'withdrawn' events
-- of the earlier sync are drafts now (20261202000130).

-- Checked on the row itself, so every way a sign-up is made (sign_up today, any later RPC) obeys it;
-- the error is the one sign_up gives for an unknown event.
create function xinghuo.refuse_signup_for_draft()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not exists (select 1 from xinghuo.events e where e.id = new.event_id and e.publication = 'published') then
    perform xinghuo.signup_fail('event_not_found', 'event', 'no such event');
  end if;
  return new;
end;
$$;
revoke execute on function xinghuo.refuse_signup_for_draft() from public, anon, authenticated, service_role;
create trigger signups_only_for_published_events
  before insert on xinghuo.signups
  for each row execute function xinghuo.refuse_signup_for_draft();

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
  join xinghuo.volunteer_roles vr on vr.id = es.role
  left join xinghuo.signups s on s.event_id = e.id and s.role = es.role and s.status <> 'cancelled'
  where e.slug = p_event_slug and e.publication = 'published'
  group by es.role, es.slots, vr.sort_order
  having es.slots > 0 or count(s.id) > 0
  order by vr.sort_order, es.role
$$;
revoke all on function public.event_availability(text) from public, anon, authenticated, service_role;
grant execute on function public.event_availability(text) to anon, authenticated;

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
  where e.status = 'scheduled' and e.publication = 'published' and (e.starts_at <= now() or r.event_id is not null);
revoke all on xinghuo.held_events from public, anon, authenticated;
