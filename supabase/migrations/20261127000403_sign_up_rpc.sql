-- public.sign_up: the whole sign-up in one transaction. Every field is validated here (the form's
-- checks are only a convenience), the event row is locked FOR UPDATE so concurrent sign-ups for
-- the same event queue up, and a place is confirmed while the role has slots, else waitlisted in
-- arrival order. Returns the private cancel token once; only its SHA-256 is stored.
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

  if exists (select 1 from xinghuo.signups s
             where s.event_id = v_event.id and s.phone = v_phone and s.status <> 'cancelled') then
    perform xinghuo.signup_fail('duplicate_signup', 'phone', 'this number already holds a place at this event');
  end if;

  perform xinghuo.enforce_signup_rate_limits(v_phone);

  select count(*) into v_confirmed from xinghuo.signups s
  where s.event_id = v_event.id and s.role = p_role and s.status = 'confirmed';
  v_status := case when v_confirmed < v_slots then 'confirmed' else 'waitlisted' end;

  -- 32 random bytes as base64url (43 characters): unguessable, safe in a URL fragment.
  v_token := pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
  -- Six digits, unique within the event (the lock above makes the check race-free).
  loop
    v_code := pg_catalog.lpad(
      ((('x' || pg_catalog.encode(extensions.gen_random_bytes(4), 'hex'))::bit(32)::bigint & 2147483647) % 1000000)::text,
      6, '0');
    exit when not exists (select 1 from xinghuo.signups s where s.event_id = v_event.id and s.checkin_code = v_code);
  end loop;

  insert into xinghuo.signups (event_id, role, name, phone, organisation, status, consent_version,
                               consented_at, cancel_token_hash, checkin_code)
  values (v_event.id, p_role, v_name, v_phone, v_org, v_status, p_consent_version,
          pg_catalog.now(), extensions.digest(v_token, 'sha256'), v_code)
  returning id into v_id;

  return pg_catalog.json_build_object(
    'status', v_status,
    'waitlist_position', xinghuo.waitlist_position(v_id),
    'cancel_token', v_token,
    'checkin_code', v_code);
end;
$$;

revoke all on function public.sign_up(text, text, text, text, text, boolean, text, text)
  from public, anon, authenticated, service_role;
grant execute on function public.sign_up(text, text, text, text, text, boolean, text, text)
  to anon, authenticated;
