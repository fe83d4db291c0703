-- Phone verification (issue 11), the sign-up half: sign_up no longer confirms anyone. It holds the
-- place as `pending` and sends a 6-digit code to the number; verify_signup (next migration)
-- confirms or waitlists. The manage token is given only after verification.
--
-- What the answer reveals: every accepted call answers {status: 'pending', expires_at}, whether or
-- not the number already holds a place at the event. For such a number no row is made (it keeps
-- one place per event); the request id is remembered as a decoy that behaves like a real pending
-- sign-up, and the number's owner is told by SMS (at most once an hour per event) that someone
-- tried, so only the phone's owner learns about their own sign-up. duplicate_signup is gone.
--
-- Locks in one order as before (number, client, event row). Under the event lock: due holds of the
-- event end first (so an unverified hold never blocks anyone past its expiry), then the place is
-- held if confirmed + holding pending < places.

-- The code's HMAC, bound to its sign-up's request id (the same code typed for another sign-up fails).
create or replace function xinghuo.signup_code_hash(p_request_id uuid, p_code text)
returns bytea
language sql
stable
set search_path = ''
as $$
  select xinghuo.signup_hmac('sms-code:' || p_code, p_request_id)
$$;
revoke all on function xinghuo.signup_code_hash(uuid, text) from public, anon, authenticated, service_role;

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
  v_held integer;
  v_code text;
  v_sms_code text := xinghuo.checkin_code_candidate(); -- six random digits, drawn the same way
  v_settings xinghuo.verification_settings%rowtype;
  v_expires timestamptz;
  v_id bigint;
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
  select s.id, s.status, s.phone, s.checkin_code, s.verified_at, s.hold_expires_at, e.slug, null::bytea as phone_hash into v_earlier
  from xinghuo.signups s join xinghuo.events e on e.id = s.event_id
  where s.request_id_hash = v_request_hash;
  if not found then
    select null::bigint as id, 'pending'::text as status, null::text as phone, null::text as checkin_code,
           null::timestamptz as verified_at, d.expires_at as hold_expires_at, e.slug, d.phone_hash into v_earlier
    from xinghuo.signup_decoys d join xinghuo.events e on e.id = d.event_id
    where d.request_id_hash = v_request_hash;
  end if;
  if v_earlier.slug is not null then
    if v_earlier.slug is distinct from p_event_slug
       or (v_earlier.id is not null and v_earlier.phone is distinct from v_phone)
       or (v_earlier.id is null and v_earlier.phone_hash is distinct from xinghuo.signup_key_hash('phone', v_phone)) then
      perform xinghuo.signup_fail('request_id_reused', 'request_id', 'this request id belongs to another submission');
    end if;
    -- A retry: no second code. Unverified (pending, or its hold ended): the same "code sent" answer.
    if v_earlier.verified_at is null then
      return pg_catalog.json_build_object('status', 'pending', 'expires_at', v_earlier.hold_expires_at);
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
  perform xinghuo.expire_event_holds(v_event.id);
  v_held := v_slots - xinghuo.free_places(v_event.id, p_role);
  select * into v_settings from xinghuo.verification_settings;
  v_expires := pg_catalog.clock_timestamp() + pg_catalog.make_interval(mins => v_settings.hold_minutes);

  -- The number's limit first: a number at its limit gets that answer whether or not it is here.
  perform xinghuo.enforce_phone_rate_limit(v_phone);
  if exists (select 1 from xinghuo.signups s
             where s.event_id = v_event.id and s.phone = v_phone and s.status <> 'cancelled') then
    insert into xinghuo.signup_decoys (request_id_hash, event_id, phone_hash, expires_at)
    values (v_request_hash, v_event.id, xinghuo.signup_key_hash('phone', v_phone), v_expires);
    perform xinghuo.enqueue_message('sms', v_phone, 'already_signed_up',
      pg_catalog.jsonb_build_object('event', v_event.title, 'time', xinghuo.event_time_label(v_event.starts_at)),
      'already:' || v_event.id || ':' || pg_catalog.encode(xinghuo.signup_key_hash('phone', v_phone), 'hex')
        || ':' || pg_catalog.to_char(pg_catalog.now(), 'YYYYMMDDHH24'));
    return pg_catalog.json_build_object('status', 'pending', 'expires_at', v_expires);
  end if;

  -- Six digits, unique within the event (the lock above makes the check race-free).
  while exists (select 1 from xinghuo.signups s where s.event_id = v_event.id and s.checkin_code = v_code) loop
    v_code := xinghuo.checkin_code_candidate();
  end loop;

  insert into xinghuo.signups (event_id, role, name, phone, organisation, status, consent_version,
                               consented_at, cancel_token_hash, request_id_hash, checkin_code,
                               holds_place, hold_expires_at, code_hash)
  values (v_event.id, p_role, v_name, v_phone, v_org, 'pending', p_consent_version, pg_catalog.now(),
          extensions.digest(v_token, 'sha256'), v_request_hash, v_code,
          v_held < v_slots, v_expires, xinghuo.signup_code_hash(v_request_id, v_sms_code))
  returning id into v_id;
  -- The code is exempt from quiet hours (message_kinds); one per sign-up, whatever retries follow.
  perform xinghuo.enqueue_message('sms', v_phone, 'verification_code',
    pg_catalog.jsonb_build_object('code', v_sms_code), 'code:' || v_id);

  return pg_catalog.json_build_object('status', 'pending', 'expires_at', v_expires);
end;
$$;

revoke all on function public.sign_up(text, text, text, text, text, text, boolean, text, text)
  from public, anon, authenticated, service_role;
grant execute on function public.sign_up(text, text, text, text, text, text, boolean, text, text)
  to anon, authenticated;
