-- Offline check-in by tapping a name (issue 14): the roster, read while there was signal, lets a
-- coordinator in a room without any tap "签到"; the tap waits in the phone's queue like a scanned or
-- typed code and is replayed through coord_sync_offline with the sign-up's id instead of its code.
-- The replay keys are needed only while a phone may still resend (a few days); every sync drops
-- those older than 30 days, so the codes and figures in their args are not kept for ever.

create index if not exists offline_actions_applied_at_idx on xinghuo.offline_actions (applied_at);

-- p_args: check_in → {"event_id": 7, "code": "123456"} or {"event_id": 7, "signup_id": 42}; report →
-- the named arguments of coord_save_report without their p_ prefix ({"event_id", "expected_version", …}).
create or replace function public.coord_sync_offline(p_key uuid, p_action text, p_args jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_stored xinghuo.offline_actions;
  v_event_id bigint;
  v_expected integer;
  v_result jsonb;
begin
  perform xinghuo.coord_assert();
  if p_key is null then
    raise exception 'sync_key_required' using errcode = 'P0001', detail = 'every queued action carries a key', hint = 'key';
  end if;
  if p_action is null or p_action not in ('check_in', 'report') then
    raise exception 'sync_action_unknown' using errcode = 'P0001', detail = 'check_in or report', hint = 'action';
  end if;
  if p_args is null or pg_catalog.jsonb_typeof(p_args) <> 'object'
     or coalesce(p_args->>'event_id', '') !~ '^[0-9]{1,15}$'
     or (p_action = 'check_in' and (p_args ? 'code') = (p_args ? 'signup_id'))
     or (p_action = 'check_in' and p_args ? 'signup_id' and coalesce(p_args->>'signup_id', '') !~ '^[0-9]{1,15}$')
     or (p_action = 'report' and p_args->'expected_version' is not null
         and coalesce(p_args->>'expected_version', '') !~ '^[0-9]{1,9}$') then
    raise exception 'sync_args_invalid' using errcode = 'P0001',
      detail = 'event_id (and expected_version) whole numbers; a check-in names a code or a signup_id', hint = 'args';
  end if;
  v_event_id := (p_args->>'event_id')::bigint;
  v_expected := (p_args->>'expected_version')::integer;

  delete from xinghuo.offline_actions where applied_at < pg_catalog.now() - interval '30 days';

  -- A concurrent replay of the same key waits here on the primary key until the first one ends.
  insert into xinghuo.offline_actions (key, coordinator, action, args)
    values (p_key, (select auth.uid()), p_action, p_args)
    on conflict (key) do nothing;
  if not found then
    select * into v_stored from xinghuo.offline_actions where key = p_key;
    if v_stored.coordinator <> (select auth.uid()) or v_stored.action <> p_action or v_stored.args <> p_args then
      raise exception 'sync_key_reused' using errcode = 'P0001', detail = 'this key belongs to another action', hint = 'key';
    end if;
    return pg_catalog.jsonb_build_object('replayed', true, 'result', v_stored.result);
  end if;

  if p_action = 'check_in' and p_args ? 'signup_id' then
    v_result := public.coord_check_in(v_event_id, (p_args->>'signup_id')::bigint);
  elsif p_action = 'check_in' then
    v_result := public.coord_check_in_by_code(v_event_id, p_args->>'code');
  else
    v_result := public.coord_save_report(
      p_event_id => v_event_id,
      p_expected_version => v_expected,
      p_people_reached => p_args->'people_reached',
      p_volunteers_present => p_args->'volunteers_present',
      p_adjust_reason => p_args->>'adjust_reason',
      p_questions_answered => p_args->'questions_answered',
      p_notes => p_args->>'notes',
      p_materials => coalesce(p_args->'materials', '{}'::jsonb),
      p_reach_by_audience => p_args->'reach_by_audience',
      p_online_views => p_args->'online_views',
      p_online_source => p_args->>'online_source');
  end if;
  update xinghuo.offline_actions set result = v_result where key = p_key;
  return pg_catalog.jsonb_build_object('replayed', false, 'result', v_result);
end;
$$;
revoke execute on function public.coord_sync_offline(uuid, text, jsonb) from public, anon, authenticated;
grant execute on function public.coord_sync_offline(uuid, text, jsonb) to authenticated;
