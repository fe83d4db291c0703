-- Phone verification (issue 11), the code half: verify_signup(request id, code) turns a pending
-- sign-up into confirmed (it held a place) or waitlisted (it found the role full), under the event
-- lock, and only then gives the manage token and sends it by SMS with the answer.
--
-- A wrong, expired or used-up code is an answer, not an error: an error would roll back the
-- attempt's count (PostgREST runs each call in one transaction), so the limit could be bypassed.
-- The answers for a decoy (a number that already holds a place, see sign_up) are the same as for a
-- real sign-up whose code the caller does not know.

create or replace function public.verify_signup(p_request_id text, p_code text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_code text := pg_catalog.translate(pg_catalog.btrim(coalesce(p_code, '')), '０１２３４５６７８９', '0123456789');
  v_request_id uuid;
  v_request_hash bytea;
  v_event xinghuo.events%rowtype;
  v_signup xinghuo.signups%rowtype;
  v_decoy xinghuo.signup_decoys%rowtype;
  v_max integer := (select v.max_attempts from xinghuo.verification_settings v);
  v_status text;
  v_position integer;
  v_token text;
begin
  if p_request_id is null or p_request_id !~ '^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$' then
    perform xinghuo.signup_fail('request_id_invalid', 'request_id', 'each submission carries a uuid');
  end if;
  if v_code !~ '^[0-9]{6}$' then
    perform xinghuo.signup_fail('code_invalid', 'code', 'the code has 6 digits');
  end if;
  v_request_id := p_request_id::uuid;
  v_request_hash := xinghuo.signup_hmac('request-id', v_request_id);

  -- The event lock first, as every change of places takes it.
  select e.* into v_event from xinghuo.events e
  where e.id = coalesce((select s.event_id from xinghuo.signups s where s.request_id_hash = v_request_hash),
                        (select d.event_id from xinghuo.signup_decoys d where d.request_id_hash = v_request_hash))
  for update;
  if not found then
    perform xinghuo.signup_fail('signup_not_found', 'request_id', 'no sign-up was made with this request id');
  end if;
  perform xinghuo.expire_event_holds(v_event.id);

  select * into v_signup from xinghuo.signups s where s.request_id_hash = v_request_hash for update;
  if not found then
    select * into v_decoy from xinghuo.signup_decoys d where d.request_id_hash = v_request_hash for update;
    if not found then
      return pg_catalog.json_build_object('verified', false, 'reason', 'code_expired');
    end if;
    update xinghuo.signup_decoys d set code_attempts = d.code_attempts + 1 where d.request_id_hash = v_request_hash;
    if v_decoy.code_attempts + 1 >= v_max then
      delete from xinghuo.signup_decoys d where d.request_id_hash = v_request_hash;
      return pg_catalog.json_build_object('verified', false, 'reason', 'code_attempts_exceeded');
    end if;
    return pg_catalog.json_build_object('verified', false, 'reason', 'code_wrong', 'attempts_left', v_max - v_decoy.code_attempts - 1);
  end if;

  v_token := xinghuo.signup_token(v_request_id);
  if v_signup.verified_at is not null then
    -- A retry after a lost answer: the same answer again, for the right code only.
    if v_signup.code_hash is distinct from xinghuo.signup_code_hash(v_request_id, v_code) then
      return pg_catalog.json_build_object('verified', false, 'reason', 'code_wrong', 'attempts_left', 0);
    end if;
    return pg_catalog.json_build_object('verified', true, 'status', v_signup.status,
      'waitlist_position', xinghuo.waitlist_position(v_signup.id), 'cancel_token', v_token,
      'checkin_code', case when v_signup.status = 'cancelled' then null else v_signup.checkin_code end);
  end if;
  if v_signup.status <> 'pending' then
    return pg_catalog.json_build_object('verified', false,
      'reason', case when v_signup.code_attempts >= v_max then 'code_attempts_exceeded' else 'code_expired' end);
  end if;

  if v_signup.code_hash is distinct from xinghuo.signup_code_hash(v_request_id, v_code) then
    update xinghuo.signups s set code_attempts = s.code_attempts + 1 where s.id = v_signup.id;
    if v_signup.code_attempts + 1 >= v_max then
      update xinghuo.signups s
      set status = 'cancelled', cancelled_at = pg_catalog.now(), hold_ended_at = pg_catalog.now()
      where s.id = v_signup.id;
      perform xinghuo.promote_waitlisted(v_event.id, v_signup.role);
      return pg_catalog.json_build_object('verified', false, 'reason', 'code_attempts_exceeded');
    end if;
    return pg_catalog.json_build_object('verified', false, 'reason', 'code_wrong', 'attempts_left', v_max - v_signup.code_attempts - 1);
  end if;

  -- A pending sign-up that found the role full waits behind everyone who arrived before it.
  v_status := case when v_signup.holds_place then 'confirmed' else 'waitlisted' end;
  update xinghuo.signups s
  set status = v_status, holds_place = false, hold_expires_at = null, verified_at = pg_catalog.now()
  where s.id = v_signup.id;
  if v_status = 'waitlisted' then
    select count(*)::integer into v_position from xinghuo.signups w
    where w.event_id = v_event.id and w.role = v_signup.role and w.status = 'waitlisted' and w.arrival <= v_signup.arrival;
    perform xinghuo.enqueue_message('sms', v_signup.phone, 'signup_waitlisted',
      pg_catalog.jsonb_build_object('event', v_event.title, 'time', xinghuo.event_time_label(v_event.starts_at),
        'position', v_position::text, 'link', xinghuo.manage_link(v_token)),
      'answer:' || v_signup.id);
  else
    perform xinghuo.enqueue_message('sms', v_signup.phone, 'signup_confirmed',
      pg_catalog.jsonb_build_object('event', v_event.title, 'time', xinghuo.event_time_label(v_event.starts_at),
        'link', xinghuo.manage_link(v_token)),
      'answer:' || v_signup.id);
  end if;
  return pg_catalog.json_build_object('verified', true, 'status', v_status, 'waitlist_position', v_position,
    'cancel_token', v_token, 'checkin_code', v_signup.checkin_code);
end;
$$;
revoke all on function public.verify_signup(text, text) from public, anon, authenticated, service_role;
grant execute on function public.verify_signup(text, text) to anon, authenticated;
