-- When the published programme raises a role's places (sync_events upserts xinghuo.event_slots),
-- the people already waiting for that role move up at once, in arrival order, in the same
-- transaction: nobody stays waitlisted behind a free place.
create or replace function xinghuo.promote_after_more_places()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- The same lock sign_up takes, so a concurrent sign-up and this promotion cannot both take the
  -- last place.
  perform 1 from xinghuo.events e where e.id = new.event_id for update;
  perform xinghuo.promote_waitlisted(new.event_id, new.role);
  return null;
end;
$$;
revoke execute on function xinghuo.promote_after_more_places() from public, anon, authenticated;

create trigger promote_waitlisted_when_places_grow
  after update of slots on xinghuo.event_slots
  for each row
  when (new.slots > old.slots)
  execute function xinghuo.promote_after_more_places();
