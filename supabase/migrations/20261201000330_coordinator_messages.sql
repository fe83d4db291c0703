-- Dead letters for coordinators: the list (recipients masked) and a resend that re-queues the
-- message for a fresh round of attempts. Granted to `authenticated`, refused to non-coordinators.

create or replace function public.coord_dead_messages()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return coalesce((
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'id', m.id,
        'channel', m.channel,
        'recipient_masked', xinghuo.mask_recipient(m.channel, m.recipient),
        'kind', m.kind,
        'attempts', m.attempts,
        'last_error', m.last_error,
        'created_at', m.created_at,
        'dead_at', m.updated_at,
        'resends', (select count(*) from xinghuo.message_history h where h.message_id = m.id and h.to_status = 'queued'))
      order by m.updated_at desc)
    from (select * from xinghuo.messages d where d.status = 'dead' order by d.updated_at desc limit 200) m
  ), '[]'::jsonb);
end;
$$;
revoke all on function public.coord_dead_messages() from public, anon, authenticated, service_role;
grant execute on function public.coord_dead_messages() to authenticated;

-- Only a dead message can be resent (a queued or sent one would risk a second copy). Quiet hours
-- still apply from now.
create or replace function public.coord_resend_message(p_id bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v xinghuo.messages;
begin
  perform xinghuo.coord_assert();
  select * into v from xinghuo.messages m where m.id = p_id for update;
  if not found then
    raise exception 'message_not_found' using errcode = 'P0001', detail = 'no such message', hint = 'p_id';
  end if;
  if v.status <> 'dead' then
    raise exception 'message_not_dead' using errcode = 'P0001', detail = 'only dead messages can be resent', hint = 'p_id';
  end if;
  update xinghuo.messages m
  set status = 'queued', updated_at = pg_catalog.now(),
      not_before = case when m.quiet_hours then xinghuo.outside_quiet_hours(pg_catalog.now()) else pg_catalog.now() end
  where m.id = p_id
  returning * into v;
  insert into xinghuo.message_history (message_id, by_user, from_status, to_status, note)
  values (p_id, (select auth.uid()), 'dead', 'queued', 'resent by a coordinator');
  perform xinghuo.schedule_delivery(v);
  return pg_catalog.jsonb_build_object('id', v.id, 'status', v.status, 'not_before', v.not_before);
end;
$$;
revoke all on function public.coord_resend_message(bigint) from public, anon, authenticated, service_role;
grant execute on function public.coord_resend_message(bigint) to authenticated;
