-- The message outbox (issue 11): one row per SMS or e-mail to deliver. Producers call
-- xinghuo.enqueue_message inside their own transaction, so a rolled-back change sends nothing; the
-- same call adds the graphile-worker job (job_key = idempotency key) that the worker (worker/) runs.
-- graphile-worker installs its own schema (`graphile_worker`) when the worker starts, or through
-- supabase/local for the local stack; PL/pgSQL resolves graphile_worker.add_job at call time.

-- The one vocabulary of message kinds; src/lib/message-kinds.ts mirrors it (tests/db holds them equal).
-- `quiet_hours`: non-urgent kinds wait for 08:00–21:00 Asia/Shanghai; codes and the answer to what a
-- person has just done go out at once.
create table xinghuo.message_kinds (
  id text primary key check (id ~ '^[a-z_]{3,40}$'),
  quiet_hours boolean not null
);
alter table xinghuo.message_kinds enable row level security;
revoke all on xinghuo.message_kinds from public, anon, authenticated, service_role;
insert into xinghuo.message_kinds (id, quiet_hours) values
  ('verification_code', false),
  ('signup_confirmed', false),
  ('signup_waitlisted', false),
  ('promoted', true),
  ('event_changed', true),
  ('event_cancelled', true),
  ('reminder', true),
  ('staffing_alert', true);

create type xinghuo.message_channel as enum ('sms', 'email');
-- queued → sending (claimed, committed before the provider is called) → sent; a definite provider
-- refusal → failed (graphile-worker retries) … → dead after the last attempt; a coordinator's resend
-- puts a dead message back to queued.
create type xinghuo.message_status as enum ('queued', 'sending', 'sent', 'failed', 'dead');

create table xinghuo.messages (
  id bigint generated always as identity primary key,
  channel xinghuo.message_channel not null,
  recipient text not null,              -- phone or e-mail: personal data, masked wherever shown
  kind text not null references xinghuo.message_kinds (id),
  params jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
  idempotency_key text not null unique check (length(idempotency_key) between 1 and 200),
  not_before timestamptz not null,
  quiet_hours boolean not null,
  status xinghuo.message_status not null default 'queued',
  attempts integer not null default 0,
  max_attempts integer not null check (max_attempts between 1 and 25),
  last_error text,                      -- provider codes and our own words only, never recipients
  provider text,
  provider_message_id text,
  created_at timestamptz not null default now(),
  claimed_at timestamptz,
  sent_at timestamptz,
  updated_at timestamptz not null default now()
);
create index messages_dead_idx on xinghuo.messages (updated_at desc) where status = 'dead';
create index messages_final_idx on xinghuo.messages (updated_at) where status in ('sent', 'dead');
alter table xinghuo.messages enable row level security;
revoke all on xinghuo.messages from public, anon, authenticated, service_role;

-- Every status change after enqueueing (worker or coordinator), so a resend never hides what happened.
create table xinghuo.message_history (
  id bigint generated always as identity primary key,
  message_id bigint not null references xinghuo.messages (id) on delete cascade,
  at timestamptz not null default now(),
  by_user uuid,                          -- the coordinator who resent; null for the worker
  from_status xinghuo.message_status not null,
  to_status xinghuo.message_status not null,
  note text
);
create index message_history_message_idx on xinghuo.message_history (message_id);
alter table xinghuo.message_history enable row level security;
revoke all on xinghuo.message_history from public, anon, authenticated, service_role;

-- The earliest moment a quiet-hours message may go out, given a wanted time: inside 08:00–21:00
-- Asia/Shanghai it is that time; before 08:00 it is 08:00 that day; from 21:00 it is 08:00 the next day.
create or replace function xinghuo.outside_quiet_hours(p_at timestamptz)
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select case
    when (p_at at time zone 'Asia/Shanghai')::time < time '08:00'
      then (date_trunc('day', p_at at time zone 'Asia/Shanghai') + interval '8 hours') at time zone 'Asia/Shanghai'
    when (p_at at time zone 'Asia/Shanghai')::time >= time '21:00'
      then (date_trunc('day', p_at at time zone 'Asia/Shanghai') + interval '1 day 8 hours') at time zone 'Asia/Shanghai'
    else p_at
  end
$$;
revoke execute on function xinghuo.outside_quiet_hours(timestamptz) from public, anon, authenticated, service_role;

-- Recipients as screens show them: 138****1234, w***@example.org.
create or replace function xinghuo.mask_recipient(p_channel xinghuo.message_channel, p_recipient text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case when p_recipient is null then null
    when p_channel = 'sms' then xinghuo.mask_phone(p_recipient)
    else pg_catalog.left(p_recipient, 1) || '***' || pg_catalog.substr(p_recipient, pg_catalog.strpos(p_recipient, '@'))
  end
$$;
revoke execute on function xinghuo.mask_recipient(xinghuo.message_channel, text) from public, anon, authenticated, service_role;

-- (Re)adds the delivery job. job_key = idempotency key: a second add for a waiting job replaces it
-- instead of queueing a duplicate.
create or replace function xinghuo.schedule_delivery(p_message xinghuo.messages)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform graphile_worker.add_job(
    'deliver_message',
    pg_catalog.json_build_object('message_id', p_message.id),
    run_at => p_message.not_before,
    max_attempts => p_message.max_attempts,
    job_key => p_message.idempotency_key);
end;
$$;
revoke execute on function xinghuo.schedule_delivery(xinghuo.messages) from public, anon, authenticated, service_role;

-- For producers (security definer SQL in this schema), inside their own transaction. Returns the
-- message id; the same idempotency key twice returns the first message and queues nothing new.
-- p_now is the producer's clock (tests pass one; quiet hours are computed from it).
create or replace function xinghuo.enqueue_message(
  p_channel text,
  p_recipient text,
  p_kind text,
  p_params jsonb,
  p_idempotency_key text,
  p_not_before timestamptz default null,
  p_now timestamptz default null,
  p_max_attempts integer default 5
)
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_quiet boolean;
  v_wanted timestamptz := greatest(coalesce(p_now, pg_catalog.now()), coalesce(p_not_before, '-infinity'));
  v_row xinghuo.messages;
begin
  if p_channel is null or p_channel not in ('sms', 'email') then
    perform xinghuo.signup_fail('message_channel_invalid', 'p_channel', 'sms or email');
  end if;
  if p_channel = 'sms' and (p_recipient is null or p_recipient !~ '^1[3-9][0-9]{9}$') then
    perform xinghuo.signup_fail('message_recipient_invalid', 'p_recipient', 'a mainland mobile number, 11 digits');
  end if;
  if p_channel = 'email' and (p_recipient is null or p_recipient !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or length(p_recipient) > 254) then
    perform xinghuo.signup_fail('message_recipient_invalid', 'p_recipient', 'an e-mail address');
  end if;
  select k.quiet_hours into v_quiet from xinghuo.message_kinds k where k.id = p_kind;
  if not found then
    perform xinghuo.signup_fail('message_kind_invalid', 'p_kind', 'one of xinghuo.message_kinds');
  end if;
  if p_params is null or pg_catalog.jsonb_typeof(p_params) <> 'object' then
    perform xinghuo.signup_fail('message_params_invalid', 'p_params', 'a JSON object');
  end if;
  if p_idempotency_key is null or length(p_idempotency_key) not between 1 and 200 then
    perform xinghuo.signup_fail('message_key_invalid', 'p_idempotency_key', '1 to 200 characters');
  end if;
  if p_max_attempts is null or p_max_attempts not between 1 and 25 then
    perform xinghuo.signup_fail('message_attempts_invalid', 'p_max_attempts', 'between 1 and 25');
  end if;

  insert into xinghuo.messages (channel, recipient, kind, params, idempotency_key, not_before, quiet_hours, max_attempts)
  values (p_channel::xinghuo.message_channel, p_recipient, p_kind, p_params, p_idempotency_key,
          case when v_quiet then xinghuo.outside_quiet_hours(v_wanted) else v_wanted end, v_quiet, p_max_attempts)
  on conflict (idempotency_key) do nothing
  returning * into v_row;
  if v_row.id is null then
    return (select m.id from xinghuo.messages m where m.idempotency_key = p_idempotency_key);
  end if;
  perform xinghuo.schedule_delivery(v_row);
  return v_row.id;
end;
$$;
revoke execute on function xinghuo.enqueue_message(text, text, text, jsonb, text, timestamptz, timestamptz, integer)
  from public, anon, authenticated, service_role;
