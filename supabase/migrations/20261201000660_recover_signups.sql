-- "找回我的报名" (issue 11): a phone number plus an SMS code lists that number's active sign-ups
-- with working manage links. The answer to asking for a code is the same whether or not the number
-- has sign-ups (a code is only sent when it has), so the page reveals nothing to whoever types a
-- number. The old tokens cannot be given again (only their hashes are stored), so recovery issues
-- new links: the lost ones stop working, as a lost key is replaced.

create table xinghuo.recovery_requests (
  request_id_hash bytea primary key check (octet_length(request_id_hash) = 32),
  phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
  code_hash bytea not null check (octet_length(code_hash) = 32),
  code_attempts integer not null default 0,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index recovery_requests_phone_idx on xinghuo.recovery_requests (phone, created_at);
alter table xinghuo.recovery_requests enable row level security;
revoke all on xinghuo.recovery_requests from public, anon, authenticated, service_role;

-- Step 1: a code to the number (if it has active sign-ups). Limits: the client's sign-up budget,
-- and 3 requests an hour per number, so nobody can flood a phone with codes.
create or replace function public.request_recovery(p_request_id text, p_phone text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_phone text := xinghuo.normalise_phone(p_phone);
  v_request_id uuid;
  v_code text := xinghuo.checkin_code_candidate();
  v_expires timestamptz := pg_catalog.clock_timestamp()
    + pg_catalog.make_interval(mins => (select v.hold_minutes from xinghuo.verification_settings v));
  v_earlier xinghuo.recovery_requests%rowtype;
begin
  if p_request_id is null or p_request_id !~ '^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$' then
    perform xinghuo.signup_fail('request_id_invalid', 'request_id', 'each request carries a uuid');
  end if;
  v_request_id := p_request_id::uuid;
  if v_phone = '' then
    perform xinghuo.signup_fail('phone_required', 'phone', 'mobile number is required');
  elsif v_phone !~ '^1[3-9][0-9]{9}$' then
    perform xinghuo.signup_fail('phone_invalid', 'phone', 'an 11-digit mainland mobile number');
  end if;
  perform xinghuo.lock_signup_key('phone', xinghuo.signup_key_hash('phone', v_phone));
  select * into v_earlier from xinghuo.recovery_requests r where r.request_id_hash = xinghuo.signup_hmac('recovery-id', v_request_id);
  if found then
    return pg_catalog.json_build_object('status', 'code_sent', 'expires_at', v_earlier.expires_at);
  end if;
  perform xinghuo.enforce_client_rate_limit();
  if (select count(*) from xinghuo.recovery_requests r
      where r.phone = v_phone and r.created_at > pg_catalog.now() - interval '1 hour') >= 3 then
    perform xinghuo.signup_fail('recovery_rate_limited', 'phone', 'too many codes for this number recently');
  end if;
  delete from xinghuo.recovery_requests r where r.expires_at < pg_catalog.now() - interval '1 day';
  insert into xinghuo.recovery_requests (request_id_hash, phone, code_hash, expires_at)
  values (xinghuo.signup_hmac('recovery-id', v_request_id), v_phone, xinghuo.signup_code_hash(v_request_id, v_code), v_expires);
  if exists (select 1 from xinghuo.signups s join xinghuo.events e on e.id = s.event_id
             where s.phone = v_phone and s.status in ('confirmed', 'waitlisted') and e.ends_at > pg_catalog.now()) then
    perform xinghuo.enqueue_message('sms', v_phone, 'verification_code', pg_catalog.jsonb_build_object('code', v_code),
      'recovery:' || pg_catalog.encode(xinghuo.signup_hmac('recovery-id', v_request_id), 'hex'));
  end if;
  return pg_catalog.json_build_object('status', 'code_sent', 'expires_at', v_expires);
end;
$$;
revoke all on function public.request_recovery(text, text) from public, anon, authenticated, service_role;
grant execute on function public.request_recovery(text, text) to anon, authenticated;

-- A used or failed request ends but stays an hour for the per-number count (purged a day later).
create or replace function xinghuo.end_recovery_request(p_hash bytea)
returns void
language sql
set search_path = ''
as $$
  update xinghuo.recovery_requests r set expires_at = pg_catalog.clock_timestamp() where r.request_id_hash = p_hash
$$;
revoke execute on function xinghuo.end_recovery_request(bytea) from public, anon, authenticated, service_role;

-- Step 2: the code gives the number's active sign-ups of events not yet over, each with a new
-- manage token (the old link stops working). Wrong codes are counted answers, as in verify_signup.
create or replace function public.recover_signups(p_request_id text, p_code text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_code text := pg_catalog.translate(pg_catalog.btrim(coalesce(p_code, '')), '０１２３４５６７８９', '0123456789');
  v_request_id uuid;
  v_request xinghuo.recovery_requests%rowtype;
  v_max integer := (select v.max_attempts from xinghuo.verification_settings v);
  v_list json;
begin
  if p_request_id is null or p_request_id !~ '^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$' then
    perform xinghuo.signup_fail('request_id_invalid', 'request_id', 'each request carries a uuid');
  end if;
  if v_code !~ '^[0-9]{6}$' then
    perform xinghuo.signup_fail('code_invalid', 'code', 'the code has 6 digits');
  end if;
  v_request_id := p_request_id::uuid;
  select * into v_request from xinghuo.recovery_requests r
  where r.request_id_hash = xinghuo.signup_hmac('recovery-id', v_request_id) for update;
  if not found or v_request.expires_at <= pg_catalog.clock_timestamp() then
    return pg_catalog.json_build_object('verified', false, 'reason', 'code_expired');
  end if;
  if v_request.code_hash <> xinghuo.signup_code_hash(v_request_id, v_code) then
    if v_request.code_attempts + 1 >= v_max then
      perform xinghuo.end_recovery_request(v_request.request_id_hash);
      return pg_catalog.json_build_object('verified', false, 'reason', 'code_attempts_exceeded');
    end if;
    update xinghuo.recovery_requests r set code_attempts = r.code_attempts + 1 where r.request_id_hash = v_request.request_id_hash;
    return pg_catalog.json_build_object('verified', false, 'reason', 'code_wrong', 'attempts_left', v_max - v_request.code_attempts - 1);
  end if;
  perform xinghuo.end_recovery_request(v_request.request_id_hash);

  with fresh as (
    select s.id, pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_') as token
    from xinghuo.signups s join xinghuo.events e on e.id = s.event_id
    where s.phone = v_request.phone and s.status in ('confirmed', 'waitlisted') and e.ends_at > pg_catalog.now()
  ), renewed as (
    -- The retry id is dropped with the old token: it would only hand out the old link again.
    update xinghuo.signups s set cancel_token_hash = extensions.digest(f.token, 'sha256'), request_id_hash = null
    from fresh f where s.id = f.id
    returning s.id, f.token
  )
  select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
      'event_slug', e.slug, 'event_title', e.title, 'event_starts_at', e.starts_at, 'role', s.role,
      'status', s.status, 'waitlist_position', xinghuo.waitlist_position(s.id), 'manage_token', r.token)
      order by e.starts_at), '[]')
    into v_list
  from renewed r join xinghuo.signups s on s.id = r.id join xinghuo.events e on e.id = s.event_id;
  return pg_catalog.json_build_object('verified', true, 'signups', v_list);
end;
$$;
revoke all on function public.recover_signups(text, text) from public, anon, authenticated, service_role;
grant execute on function public.recover_signups(text, text) to anon, authenticated;
