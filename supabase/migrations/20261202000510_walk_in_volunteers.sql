-- Walk-in volunteers (issue 14): someone who helps at the door without having signed up. The
-- coordinator adds them with a name and a role (phone optional); they are a confirmed sign-up,
-- checked in at once, so they count as present like everyone else. Their personal data follows
-- the sign-up rules: masked on the roster, anonymised with the event's other sign-ups.

-- checked_in_by names the coordinator who added them.
alter table xinghuo.signups add column if not exists walk_in boolean not null default false;

-- A walk-in may come without a phone: only sign-ups made on the site must have one.
alter table xinghuo.signups drop constraint if exists signups_personal_data_until_anonymised;
alter table xinghuo.signups add constraint signups_personal_data_until_anonymised
  check (anonymised_at is not null or (name is not null and (phone is not null or walk_in)));

create or replace function public.coord_add_walk_in(p_event_id bigint, p_name text, p_role text, p_phone text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
  v_name text := xinghuo.clean_text(p_name);
  v_phone text := nullif(xinghuo.normalise_phone(p_phone), '');
  v_code text;
  v_id bigint;
begin
  perform xinghuo.coord_assert();
  e := xinghuo.coord_event_or_raise(p_event_id);
  -- The same name and phone rules (and codes) as public.sign_up.
  if v_name = '' then
    perform xinghuo.signup_fail('name_required', 'name', 'name is required');
  elsif char_length(v_name) > 40 then
    perform xinghuo.signup_fail('name_too_long', 'name', 'at most 40 characters');
  elsif xinghuo.name_has_bad_chars(v_name) then
    perform xinghuo.signup_fail('name_invalid', 'name', 'letters, spaces, "·", "." and "-" only');
  end if;
  if v_phone is not null and v_phone !~ '^1[3-9][0-9]{9}$' then
    perform xinghuo.signup_fail('phone_invalid', 'phone', 'an 11-digit mainland mobile number');
  end if;
  if not exists (select 1 from xinghuo.volunteer_roles r where r.id = p_role) then
    perform xinghuo.signup_fail('role_invalid', 'role', 'choose one of the listed roles');
  elsif exists (select 1 from xinghuo.volunteer_roles r where r.id = p_role and r.retired_at is not null) then
    perform xinghuo.signup_fail('role_retired', 'role', 'this role is retired');
  end if;

  -- Same lock as sign-ups and check-ins of this event; then the window (a walk-in is a check-in).
  select * into e from xinghuo.events where id = e.id for update;
  perform xinghuo.checkin_assert_open(e);
  if v_phone is not null and exists (select 1 from xinghuo.signups g
      where g.event_id = e.id and g.phone = v_phone and g.status <> 'cancelled') then
    perform xinghuo.signup_fail('walk_in_already_signed_up', 'phone', 'this number already has a sign-up here: check that one in');
  end if;
  loop
    v_code := xinghuo.checkin_code_candidate();
    exit when not exists (select 1 from xinghuo.signups g where g.event_id = e.id and g.checkin_code = v_code);
  end loop;
  -- Consent: the coordinator tells them the current privacy notice at the door (the form says so).
  insert into xinghuo.signups (event_id, role, name, phone, status, consent_version, checkin_code,
      verified_at, checked_in_at, checked_in_by, walk_in)
    values (e.id, p_role, v_name, v_phone, 'confirmed',
      (select v.version from xinghuo.privacy_notice_versions v order by v.published_on desc, v.version desc limit 1),
      v_code, now(), now(), (select auth.uid()), true)
    returning id into v_id;
  return jsonb_build_object('signup_id', v_id, 'name', v_name, 'role', p_role,
    'phone_masked', xinghuo.mask_phone(v_phone), 'checked_in_at', now());
end;
$$;

revoke execute on function public.coord_add_walk_in(bigint, text, text, text) from public, anon, authenticated;
grant execute on function public.coord_add_walk_in(bigint, text, text, text) to authenticated;
