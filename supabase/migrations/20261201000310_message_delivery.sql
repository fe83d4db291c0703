-- The worker's side of the outbox state machine. The worker (worker/deliver.ts) connects with the
-- project's owner connection (DATABASE_URL); none of these is reachable through the API.

-- Claims a message for one delivery attempt and commits that before the provider is called, so a
-- worker that dies mid-send leaves `sending` behind and the next run asks the provider instead of
-- sending again. Returns the row after the claim and the status it had before (`previous`):
--   queued/failed → now sending: send it;  sending → a run died or timed out: reconcile;
--   sent/dead → nothing to do;  not due yet (not_before in the future) → unchanged.
create or replace function xinghuo.claim_message(p_id bigint, out message xinghuo.messages, out previous xinghuo.message_status)
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  select * into message from xinghuo.messages m where m.id = p_id for update;
  if not found then
    return;
  end if;
  previous := message.status;
  if message.status in ('queued', 'failed') and message.not_before <= pg_catalog.now() then
    update xinghuo.messages m
    set status = 'sending', attempts = m.attempts + 1, claimed_at = pg_catalog.now(), updated_at = pg_catalog.now()
    where m.id = p_id
    returning * into message;
    insert into xinghuo.message_history (message_id, from_status, to_status, note)
    values (p_id, previous, 'sending', 'attempt ' || message.attempts);
  end if;
end;
$$;
revoke execute on function xinghuo.claim_message(bigint) from public, anon, authenticated, service_role;

-- Records the outcome of an attempt: sent (with the provider's message id), failed (the provider
-- refused; graphile-worker retries), dead (last attempt), or still sending (outcome unknown, e.g. a
-- timeout: the next attempt reconciles). p_error holds provider codes and our words, never recipients.
create or replace function xinghuo.record_message(
  p_id bigint,
  p_status xinghuo.message_status,
  p_error text default null,
  p_provider text default null,
  p_provider_message_id text default null
)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_from xinghuo.message_status;
begin
  select m.status into v_from from xinghuo.messages m where m.id = p_id for update;
  if not found then
    return;
  end if;
  if p_status = 'queued' then
    raise exception 'record_message_status_invalid' using errcode = 'P0001', detail = 'only coordinators re-queue';
  end if;
  update xinghuo.messages m
  set status = p_status,
      last_error = case when p_status = 'sent' then m.last_error else pg_catalog.left(p_error, 300) end,
      provider = coalesce(p_provider, m.provider),
      provider_message_id = coalesce(p_provider_message_id, m.provider_message_id),
      sent_at = case when p_status = 'sent' then pg_catalog.now() else m.sent_at end,
      updated_at = pg_catalog.now()
  where m.id = p_id;
  if v_from <> p_status then
    insert into xinghuo.message_history (message_id, from_status, to_status, note)
    values (p_id, v_from, p_status, pg_catalog.left(p_error, 300));
  end if;
end;
$$;
revoke execute on function xinghuo.record_message(bigint, xinghuo.message_status, text, text, text)
  from public, anon, authenticated, service_role;

-- Which graphile-worker worker ids a worker process ran, so its next start can unlock the jobs a
-- killed process still holds (graphile-worker would otherwise wait 4 hours for the lock to expire).
create table xinghuo.worker_instances (
  worker_id text primary key,
  instance text not null,
  started_at timestamptz not null default now()
);
alter table xinghuo.worker_instances enable row level security;
revoke all on xinghuo.worker_instances from public, anon, authenticated, service_role;
