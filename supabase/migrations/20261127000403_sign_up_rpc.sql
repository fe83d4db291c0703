-- public.sign_up: one volunteer sign-up, all rules in one transaction (README "Volunteer sign-up").
-- Work is kept out of the event-row lock where it can be (all sign-ups for one event queue on it):
--  * the cancel token and a first check-in code are drawn before the lock (uniqueness of the code
--    within the event is still checked under it);
--  * the waitlist position is counted inline.
-- The abuse limits stay under the lock: outside it, simultaneous sign-ups from one client for one
-- event could miss each other's log rows.

-- A random six-digit check-in code (uniqueness within the event is the caller's job).
create or replace function xinghuo.checkin_code_candidate()
returns text
language sql
volatile
set search_path = ''
as $$
  select pg_catalog.lpad(
    ((('x' || pg_catalog.encode(extensions.gen_random_bytes(4), 'hex'))::bit(32)::bigint & 2147483647) % 1000000)::text,
    6, '0')
$$;
revoke execute on function xinghuo.checkin_code_candidate() from public, anon, authenticated;

create or replace function public.sign_up(
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
  v_event xinghuo.events%rowtype;
  v_slots integer;
  v_confirmed integer;
  v_status text;
  v_token text;
  v_code text;
  v_id bigint;
  v_arrival bigint;
  v_position integer;
begin
  if xinghuo.clean_text(p_website) <> '' then
    perform xinghuo.signup_fail('honeypot', 'website', 'a hidden field was filled in');
  end if;

  if p_role is null or p_role not in ('bank_staff', 'police', 'street_office', 'lawyer', 'volunteer') then
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

  -- Work that needs no lock is done before taking it: the cancel token and a first check-in code.
  -- 32 random bytes as base64url (43 characters): unguessable, safe in a URL fragment.
  v_token := pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
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

  if exists (select 1 from xinghuo.signups s
             where s.event_id = v_event.id and s.phone = v_phone and s.status <> 'cancelled') then
    perform xinghuo.signup_fail('duplicate_signup', 'phone', 'this number already holds a place at this event');
  end if;

  -- Under the lock, so that one event's sign-ups count each other exactly (see the helper).
  perform xinghuo.enforce_signup_rate_limits(v_phone);

  -- Six digits, unique within the event (the lock above makes the check race-free).
  while exists (select 1 from xinghuo.signups s where s.event_id = v_event.id and s.checkin_code = v_code) loop
    v_code := xinghuo.checkin_code_candidate();
  end loop;

  insert into xinghuo.signups (event_id, role, name, phone, organisation, status, consent_version,
                               consented_at, cancel_token_hash, checkin_code)
  values (v_event.id, p_role, v_name, v_phone, v_org, v_status, p_consent_version,
          pg_catalog.now(), extensions.digest(v_token, 'sha256'), v_code)
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

revoke all on function public.sign_up(text, text, text, text, text, boolean, text, text)
  from public, anon, authenticated, service_role;
grant execute on function public.sign_up(text, text, text, text, text, boolean, text, text)
  to anon, authenticated;
