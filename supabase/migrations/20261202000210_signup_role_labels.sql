-- The volunteer's own pages name the role from the catalogue (xinghuo.role_label), so they need no
-- role list of their own: signup_status and recover_signups return role_label beside role.
-- Otherwise as in 20261127000405_signup_status_availability and 20261201000660_recover_signups.

-- What the private manage page shows: the event, the role, the status and waitlist place, and the
-- volunteer's own phone masked (null once withdrawn).
create or replace function public.signup_status(p_token text)
returns json
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_id bigint := xinghuo.signup_id_by_token(p_token);
  v_result json;
begin
  select pg_catalog.json_build_object(
      'event_slug', e.slug,
      'event_title', e.title,
      'event_starts_at', e.starts_at,
      'event_ends_at', e.ends_at,
      'event_status', e.status,
      'role', s.role,
      'role_label', xinghuo.role_label(s.role),
      'status', s.status,
      'waitlist_position', xinghuo.waitlist_position(s.id),
      'phone_masked', xinghuo.mask_phone(s.phone),
      'checkin_code', case when s.status = 'cancelled' then null else s.checkin_code end,
      'checked_in', s.checked_in_at is not null,
      'withdrawn', s.anonymised_at is not null)
    into v_result
  from xinghuo.signups s join xinghuo.events e on e.id = s.event_id
  where s.id = v_id;
  return v_result;
end;
$$;

-- Places per role for one event: slots, confirmed and waitlisted counts. Roles with no slots are
revoke all on function public.signup_status(text) from public, anon, authenticated, service_role;
grant execute on function public.signup_status(text) to anon, authenticated;

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
      'role_label', xinghuo.role_label(s.role),
      'status', s.status, 'waitlist_position', xinghuo.waitlist_position(s.id), 'manage_token', r.token)
      order by e.starts_at), '[]')
    into v_list
  from renewed r join xinghuo.signups s on s.id = r.id join xinghuo.events e on e.id = s.event_id;
  return pg_catalog.json_build_object('verified', true, 'signups', v_list);
end;
$$;
revoke all on function public.recover_signups(text, text) from public, anon, authenticated, service_role;
grant execute on function public.recover_signups(text, text) to anon, authenticated;
