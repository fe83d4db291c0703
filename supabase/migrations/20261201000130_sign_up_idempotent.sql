-- Idempotent sign-up (issue 12). The browser draws a request id (uuid) per submission and sends it
-- again when it retries, so a sign-up whose answer was lost after commit is not lost with it: the
-- retry returns that sign-up, with the same working manage token. The token is derived, not drawn:
-- HMAC-SHA256 of the request id under a key that never leaves the database, so it can be given
-- again without being stored. Stored are only SHA-256 of the token (as before) and an HMAC of the
-- request id (under the same key, with another label) to find the sign-up: neither gives the token.
-- The request id is therefore as secret as the token; it travels in the POST body only.
--
-- Order of the checks, and what each answer can tell a caller about other people's sign-ups:
--  1. input rules (tell nothing);
--  2. the number's lock, then the retry lookup (only the holder of the request id gets an answer);
--  3. the client's limit, before anything about the number or the event is looked at: a client
--     past its limit gets rate_limited_client whatever number it asks about, so the answers below
--     cost it a sign-up each;
--  4. the event (public facts), the number's limit, then one place per number per event.
-- duplicate_signup still tells a caller within its limit that a number holds a place; without SMS
-- verification the owner cannot be told apart from anyone else typing the number (see README).
-- Locks are taken in one order (number, client, event row), so no two sign-ups deadlock.

alter table xinghuo.signup_secret
  add column if not exists token_key bytea not null default extensions.gen_random_bytes(32);
alter table xinghuo.signups
  add column if not exists request_id_hash bytea unique check (octet_length(request_id_hash) = 32);

create or replace function xinghuo.signup_hmac(p_label text, p_request_id uuid)
returns bytea
language sql
stable
set search_path = ''
as $$
  select extensions.hmac(pg_catalog.convert_to(p_label || ':' || p_request_id::text, 'UTF8'),
                         (select s.token_key from xinghuo.signup_secret s), 'sha256')
$$;

-- The manage token of a submission: 43 base64url characters, like the random tokens before it.
create or replace function xinghuo.signup_token(p_request_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  select pg_catalog.translate(pg_catalog.encode(xinghuo.signup_hmac('cancel-token', p_request_id), 'base64'), '+/=', '-_')
$$;

revoke all on function xinghuo.signup_hmac(text, uuid), xinghuo.signup_token(uuid) from public, anon, authenticated;

drop function if exists public.sign_up(text, text, text, text, text, boolean, text, text);
drop function if exists xinghuo.enforce_signup_rate_limits(text);

create or replace function public.sign_up(
  p_request_id text, -- a uuid the browser drew for this submission; the same one when it retries
  p_event_slug text,
  p_role text,
  p_name text,
  p_phone text,
  p_organisation text,
  p_consent boolean,
  p_consent_version text,
  p_website text default null -- honeypot: hidden from people, bots fill it
)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_name text := xinghuo.clean_text(p_name);
  v_phone text := xinghuo.normalise_phone(p_phone);
  v_org text := nullif(xinghuo.clean_text(p_organisation), '');
  v_request_id uuid;
  v_request_hash bytea;
  v_token text;
  v_earlier record;
  v_event xinghuo.events%rowtype;
  v_slots integer;
  v_confirmed integer;
  v_status text;
  v_code text;
  v_id bigint;
  v_arrival bigint;
  v_position integer;
begin
  if xinghuo.clean_text(p_website) <> '' then
    perform xinghuo.signup_fail('honeypot', 'website', 'a hidden field was filled in');
  end if;

  if p_request_id is null or p_request_id !~ '^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$' then
    perform xinghuo.signup_fail('request_id_invalid', 'request_id', 'each submission carries a uuid');
  end if;
  v_request_id := p_request_id::uuid;
  v_token := xinghuo.signup_token(v_request_id);

  if xinghuo.role_label(p_role) is null then
    perform xinghuo.signup_fail('role_invalid', 'role', 'choose one of the listed roles');
  end if;

  if v_name = '' then
    perform xinghuo.signup_fail('name_required', 'name', 'name is required');
  elsif pg_catalog.char_length(v_name) > 40 then
    perform xinghuo.signup_fail('name_too_long', 'name', 'at most 40 characters');
  elsif xinghuo.name_has_bad_chars(v_name) then
    perform xinghuo.signup_fail('name_invalid', 'name', 'letters, spaces, "·", "." and "-" only');
  end if;

  if v_phone = '' then
    perform xinghuo.signup_fail('phone_required', 'phone', 'mobile number is required');
  elsif v_phone !~ '^1[3-9][0-9]{9}$' then
    perform xinghuo.signup_fail('phone_invalid', 'phone', 'an 11-digit mainland mobile number');
  end if;

  if pg_catalog.char_length(v_org) > 60 then
    perform xinghuo.signup_fail('organisation_too_long', 'organisation', 'at most 60 characters');
  elsif xinghuo.organisation_has_bad_chars(v_org) then
    perform xinghuo.signup_fail('organisation_invalid', 'organisation', 'no markup, quotes or ";"');
  end if;

  if p_consent is not true then
    perform xinghuo.signup_fail('consent_required', 'consent', 'consent to the privacy notice is required');
  end if;
  if not exists (select 1 from xinghuo.privacy_notice_versions v where v.version = p_consent_version) then
    perform xinghuo.signup_fail('consent_version_unknown', 'consent', 'the privacy notice changed; reload the page');
  end if;

  -- One number's sign-ups queue here until commit: a retry sent while its first attempt still
  -- runs waits and then finds it, and the number's count and one-place check below cannot race.
  perform xinghuo.lock_signup_key('phone', xinghuo.signup_key_hash('phone', v_phone));

  v_request_hash := xinghuo.signup_hmac('request-id', v_request_id);
  select s.id, s.status, s.phone, s.checkin_code, e.slug into v_earlier
  from xinghuo.signups s join xinghuo.events e on e.id = s.event_id
  where s.request_id_hash = v_request_hash;
  if found then
    if v_earlier.slug is distinct from p_event_slug or v_earlier.phone is distinct from v_phone then
      perform xinghuo.signup_fail('request_id_reused', 'request_id', 'this request id belongs to another submission');
    end if;
    return pg_catalog.json_build_object(
      'status', v_earlier.status,
      'waitlist_position', xinghuo.waitlist_position(v_earlier.id),
      'cancel_token', v_token,
      'checkin_code', case when v_earlier.status = 'cancelled' then null else v_earlier.checkin_code end);
  end if;

  perform xinghuo.enforce_client_rate_limit();

  -- Drawn before the event lock (its uniqueness within the event is checked under the lock).
  v_code := xinghuo.checkin_code_candidate();

  -- The lock that makes capacity exact: every sign-up and cancellation for this event waits here.
  select * into v_event from xinghuo.events e where e.slug = p_event_slug for update;
  if not found or v_event.status = 'withdrawn' then
    perform xinghuo.signup_fail('event_not_found', 'event', 'no such event');
  elsif v_event.status = 'cancelled' then
    perform xinghuo.signup_fail('event_cancelled', 'event', 'the event was cancelled');
  elsif v_event.starts_at <= pg_catalog.clock_timestamp() then
    perform xinghuo.signup_fail('event_past', 'event', 'the event has already started');
  end if;

  select es.slots into v_slots from xinghuo.event_slots es
  where es.event_id = v_event.id and es.role = p_role;
  if coalesce(v_slots, 0) = 0 then
    perform xinghuo.signup_fail('role_has_no_slots', 'role', 'this event needs no one in this role');
  end if;

  -- Counted right after locking (the order does not matter while the lock is held; done early so
  -- that the control in tests/db/signup-concurrency.test.ts, a copy without the lock, still races).
  select count(*) into v_confirmed from xinghuo.signups s
  where s.event_id = v_event.id and s.role = p_role and s.status = 'confirmed';
  v_status := case when v_confirmed < v_slots then 'confirmed' else 'waitlisted' end;

  -- The number's limit first: a number at its limit gets that answer whether or not it is here.
  perform xinghuo.enforce_phone_rate_limit(v_phone);
  if exists (select 1 from xinghuo.signups s
             where s.event_id = v_event.id and s.phone = v_phone and s.status <> 'cancelled') then
    perform xinghuo.signup_fail('duplicate_signup', 'phone', 'this number already holds a place at this event');
  end if;

  -- Six digits, unique within the event (the lock above makes the check race-free).
  while exists (select 1 from xinghuo.signups s where s.event_id = v_event.id and s.checkin_code = v_code) loop
    v_code := xinghuo.checkin_code_candidate();
  end loop;

  insert into xinghuo.signups (event_id, role, name, phone, organisation, status, consent_version,
                               consented_at, cancel_token_hash, request_id_hash, checkin_code)
  values (v_event.id, p_role, v_name, v_phone, v_org, v_status, p_consent_version, pg_catalog.now(),
          extensions.digest(v_token, 'sha256'), v_request_hash, v_code)
  returning id, arrival into v_id, v_arrival;

  -- Same rule as xinghuo.waitlist_position, inline (a function call per sign-up costs lock time).
  if v_status = 'waitlisted' then
    select count(*)::integer into v_position from xinghuo.signups w
    where w.event_id = v_event.id and w.role = p_role and w.status = 'waitlisted' and w.arrival <= v_arrival;
  end if;

  return pg_catalog.json_build_object(
    'status', v_status,
    'waitlist_position', v_position,
    'cancel_token', v_token,
    'checkin_code', v_code);
end;
$$;

revoke all on function public.sign_up(text, text, text, text, text, text, boolean, text, text)
  from public, anon, authenticated, service_role;
grant execute on function public.sign_up(text, text, text, text, text, text, boolean, text, text)
  to anon, authenticated;
