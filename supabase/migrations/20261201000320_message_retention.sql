-- Retention of the message log: delivered and dead messages (recipient and params are personal
-- data) are deleted p_retention_days after their last change, the same period as sign-ups
-- (anonymise_expired_signups, site.config retentionDays, default 90). Their history goes with them.
-- The worker runs it daily (graphile-worker crontab, worker/main.ts); the service role may call it.
create or replace function public.purge_expired_messages(p_retention_days integer default 90)
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
  delete from xinghuo.messages m
  where m.status in ('sent', 'dead')
    and m.updated_at < pg_catalog.now() - pg_catalog.make_interval(days => p_retention_days);
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

revoke all on function public.purge_expired_messages(integer) from public, anon, authenticated, service_role;
grant execute on function public.purge_expired_messages(integer) to service_role;
