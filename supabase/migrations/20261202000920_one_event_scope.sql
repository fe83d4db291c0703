-- Branch scope for every coordinator RPC about one event. They all find their event through
-- xinghuo.coord_event_or_raise (directly, or through xinghuo.lock_event / xinghuo.coord_do_check_in),
-- so scoping it here scopes each of them: a branch coordinator asking for another branch's event
-- hears branch_forbidden before anything is read or stored; a missing event is still
-- event_not_found. tests/db/branch-scope.test.ts holds every coord_* function with a p_event_id to
-- reach xinghuo.coord_assert_event, so a function added later cannot skip it. Otherwise as
-- 20261127000503.
create or replace function xinghuo.coord_event_or_raise(p_event_id bigint)
returns xinghuo.events
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v xinghuo.events;
begin
  perform xinghuo.coord_assert_event(p_event_id);
  select * into v from xinghuo.events where id = p_event_id;
  if not found then
    raise exception 'event_not_found' using errcode = 'P0001', detail = 'no such event', hint = 'event_id';
  end if;
  return v;
end;
$$;
revoke execute on function xinghuo.coord_event_or_raise(bigint) from public, anon, authenticated;
