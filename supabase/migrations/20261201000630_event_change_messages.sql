-- Messages caused by changes to an event (issue 11). The events sync (public.sync_events) is where
-- events change, so a trigger on its writes queues the messages in the sync's own transaction: a
-- sync that fails (and rolls back) tells no one. Told are the people who hold a place or wait for
-- one (confirmed, waitlisted); a pending sign-up learns the news on the page it is verifying on.
-- The database keeps no venue text (content does), so a moved place is announced as such and the
-- event page has the address.

create or replace function xinghuo.tell_event_change()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_kind text;
  v_version text := pg_catalog.md5(pg_catalog.concat_ws('|', new.status, new.starts_at, new.ends_at, new.lat, new.lng));
  v_signup record;
begin
  if new.status = 'cancelled' and old.status <> 'cancelled' then
    v_kind := 'event_cancelled';
  elsif new.status = 'scheduled' and (new.starts_at, new.ends_at, new.lat, new.lng) is distinct from (old.starts_at, old.ends_at, old.lat, old.lng) then
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
        'place', case when (new.lat, new.lng) is distinct from (old.lat, old.lng) then '新的地点（地址见活动页面）' else '原地点' end),
      v_kind || ':' || v_signup.id || ':' || v_version);
  end loop;
  return null;
end;
$$;
revoke execute on function xinghuo.tell_event_change() from public, anon, authenticated, service_role;

create trigger tell_volunteers_when_event_changes
  after update of status, starts_at, ends_at, lat, lng on xinghuo.events
  for each row
  when (new.ends_at > now())
  execute function xinghuo.tell_event_change();
