-- Retention also forgets a sign-up's request id (its hash finds the sign-up and, with the
-- database's key, gives the manage token again), as it already forgot the token's hash.
create or replace function public.anonymise_expired_signups(p_retention_days integer default 90)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  if p_retention_days is null or p_retention_days < 0 or p_retention_days > 3650 then
    perform xinghuo.signup_fail('retention_days_invalid', 'p_retention_days', 'between 0 and 3650 days');
  end if;

  update xinghuo.signups s
  set name = null, phone = null, organisation = null, cancel_token_hash = null, request_id_hash = null,
      anonymised_at = coalesce(s.anonymised_at, pg_catalog.now())
  from xinghuo.events e
  where e.id = s.event_id
    and e.ends_at < pg_catalog.now() - pg_catalog.make_interval(days => p_retention_days)
    and (s.anonymised_at is null or s.cancel_token_hash is not null or s.request_id_hash is not null);
  get diagnostics v_count = row_count;

  -- The longest configured window is all the rate limiter ever looks back.
  delete from xinghuo.signup_rate_log r
  where r.created_at < pg_catalog.now() - pg_catalog.make_interval(
    secs => coalesce((select max(l.window_seconds) from xinghuo.signup_limits l), 86400));

  return v_count;
end;
$$;

revoke all on function public.anonymise_expired_signups(integer) from public, anon, authenticated, service_role;
grant execute on function public.anonymise_expired_signups(integer) to service_role;
