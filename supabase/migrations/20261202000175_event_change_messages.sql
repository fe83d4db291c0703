-- Messages caused by changes to a published event (replaces 20261201000630's trigger): the database
-- now knows the venue, so a moved event names its new place. Drafts tell no one: a change made
-- while an event is unpublished is not announced, later changes of the republished event are.
-- Told are those who hold a place or wait for one; the trigger runs in the changing transaction,
-- so a refused change tells no one.
create or replace function xinghuo.tell_event_change()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_kind text;
  v_moved boolean := (new.venue_id, new.venue_address, new.lat, new.lng, new.kind)
    is distinct from (old.venue_id, old.venue_address, old.lat, old.lng, old.kind);
  v_version text := pg_catalog.md5(pg_catalog.concat_ws('|', new.status, new.starts_at, new.ends_at,
    new.venue_id, new.venue_address, new.lat, new.lng, new.kind));
  v_signup record;
begin
  if new.publication <> 'published' or old.publication <> 'published' then
    return null;
  elsif new.status = 'cancelled' and old.status <> 'cancelled' then
    v_kind := 'event_cancelled';
  elsif new.status = 'scheduled' and (v_moved or (new.starts_at, new.ends_at) is distinct from (old.starts_at, old.ends_at)) then
    v_kind := 'event_changed';
  else
    return null;
  end if;
  for v_signup in
    select s.id, s.phone from xinghuo.signups s
    where s.event_id = new.id and s.status in ('confirmed', 'waitlisted') and s.phone is not null
  loop
    perform xinghuo.enqueue_message('sms', v_signup.phone, v_kind,
      pg_catalog.jsonb_build_object('event', new.title, 'time', xinghuo.event_time_label(new.starts_at),
        'place', case when not v_moved then '原地点' when new.kind = 'online' then '线上' else new.venue_name end),
      v_kind || ':' || v_signup.id || ':' || v_version);
  end loop;
  return null;
end;
$$;
revoke execute on function xinghuo.tell_event_change() from public, anon, authenticated, service_role;

drop trigger tell_volunteers_when_event_changes on xinghuo.events;
create trigger tell_volunteers_when_event_changes
  after update of status, starts_at, ends_at, venue_id, venue_address, lat, lng, kind on xinghuo.events
  for each row
  when (new.ends_at > now())
  execute function xinghuo.tell_event_change();
