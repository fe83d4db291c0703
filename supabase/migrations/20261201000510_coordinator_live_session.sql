-- Coordinator RPCs need a live session, not only an unexpired token. Supabase Auth access tokens carry
-- `session_id`; signing out (and a detected refresh-token theft) deletes that auth.sessions row, but
-- the token itself stays valid until it expires (an hour). Without this check a signed-out or stolen
-- token kept revealing volunteers' phones for that hour.

-- True when the caller's JWT names a session that still exists and has not passed `not_after`.
create or replace function xinghuo.caller_session_is_live()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_session text := (select auth.jwt()) ->> 'session_id';
begin
  if v_session is null or v_session !~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then
    return false;
  end if;
  return exists (
    select 1 from auth.sessions s
    where s.id = v_session::uuid
      and s.user_id = (select auth.uid())
      and (s.not_after is null or s.not_after > pg_catalog.now())
  );
end;
$$;
revoke execute on function xinghuo.caller_session_is_live() from public, anon, authenticated, service_role;

-- The gate every coord_* function calls first (redefined from 20261127000503_coordinator_roster).
-- An ended session answers 401 `session_ended` (sign in again); a live non-coordinator 403 `forbidden`.
create or replace function xinghuo.coord_assert()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not xinghuo.caller_session_is_live() then
    raise exception 'session_ended' using errcode = 'PT401', detail = 'the session of this token has ended';
  end if;
  if not coalesce(xinghuo.is_coordinator(), false) then
    raise exception 'forbidden' using errcode = '42501', detail = 'coordinators only';
  end if;
end;
$$;
revoke execute on function xinghuo.coord_assert() from public, anon, authenticated, service_role;
