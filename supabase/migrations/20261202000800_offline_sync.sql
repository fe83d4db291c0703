-- Offline sync: the coordinator workspace queues check-ins and report saves made without signal
-- (IndexedDB on the phone) and replays them when the connection returns. Each queued action carries
-- a random key; the first replay that commits stores its result under that key, and every later
-- replay of the same key answers that stored result without acting again. So a replay whose answer
-- was lost on a bad connection never counts twice, and a report save that did land is not mistaken
-- for a conflict with itself. A replay that fails (conflict, window closed, bad code) stores nothing
-- and leaves the item in the queue for the coordinator to decide.

create table if not exists xinghuo.offline_actions (
  key uuid primary key,
  coordinator uuid not null,
  action text not null check (action in ('check_in', 'report')),
  args jsonb not null,
  result jsonb,
  applied_at timestamptz not null default now()
);
alter table xinghuo.offline_actions enable row level security;
revoke all on table xinghuo.offline_actions from public, anon, authenticated;

-- p_args: check_in → {"event_id": 7, "code": "123456"}; report → the named arguments of
-- coord_save_report without their p_ prefix ({"event_id", "expected_version", "people_reached", …}).
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
     or (p_action = 'report' and p_args->'expected_version' is not null
         and coalesce(p_args->>'expected_version', '') !~ '^[0-9]{1,9}$') then
    raise exception 'sync_args_invalid' using errcode = 'P0001', detail = 'event_id (and expected_version) must be whole numbers', hint = 'args';
  end if;
  v_event_id := (p_args->>'event_id')::bigint;
  v_expected := (p_args->>'expected_version')::integer;

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

  if p_action = 'check_in' then
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
