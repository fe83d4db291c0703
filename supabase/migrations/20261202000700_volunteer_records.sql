-- A volunteer record (志愿者档案, issue 14), kept only by choice. At sign-up a separate, optional
-- consent (its own box, unticked, its own sentence in the privacy notice, versioned like the sign-up
-- consent) keeps the volunteer's name and the hours of their sign-ups past the 90-day anonymisation.
-- Without it nothing changes. Data kept: the name and a hash of the phone (the record's key, so the
-- same person's later sign-ups join it; the phone itself is never stored here). Withdrawing — from
-- the record's page, or by withdrawing the sign-up consent — deletes the record: the sign-ups lose
-- their link to it (on delete set null), so only anonymous counts remain, as without consent.

-- The privacy notice that adds the record's sentence (site.config privacyNoticeVersion).
insert into xinghuo.privacy_notice_versions (version, published_on)
values ('2026-12', date '2026-12-02')
on conflict (version) do nothing;

create table if not exists xinghuo.volunteer_records (
  id bigint generated always as identity primary key,
  phone_hash bytea not null unique check (octet_length(phone_hash) = 32),
  name text not null check (char_length(name) between 1 and 40),
  consent_version text not null references xinghuo.privacy_notice_versions (version),
  consented_at timestamptz not null default now(),
  -- SHA-256 of the private "我的志愿记录" link's token; the token is only in the SMS.
  token_hash bytea unique check (octet_length(token_hash) = 32),
  token_sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists volunteer_records_consent_version_idx on xinghuo.volunteer_records (consent_version);
alter table xinghuo.volunteer_records enable row level security;
revoke all on table xinghuo.volunteer_records from public, anon, authenticated;

alter table xinghuo.signups
  add column if not exists record_id bigint references xinghuo.volunteer_records (id) on delete set null;
create index if not exists signups_record_id on xinghuo.signups (record_id) where record_id is not null;

-- The record's key for a phone number (the same salted hash the rate limits use, its own scope).
create or replace function xinghuo.record_phone_hash(p_phone text)
returns bytea
language sql
stable
security definer
set search_path = ''
as $$
  select xinghuo.signup_key_hash('volunteer-record', p_phone)
$$;
revoke execute on function xinghuo.record_phone_hash(text) from public, anon, authenticated, service_role;

-- A later sign-up from a number that keeps a record joins it (the consent covers the person).
create or replace function xinghuo.signup_joins_record()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.phone is not null and new.record_id is null then
    new.record_id := (select r.id from xinghuo.volunteer_records r
                      where r.phone_hash = xinghuo.record_phone_hash(new.phone));
  end if;
  return new;
end;
$$;
revoke execute on function xinghuo.signup_joins_record() from public, anon, authenticated, service_role;
drop trigger if exists signups_join_record on xinghuo.signups;
create trigger signups_join_record before insert on xinghuo.signups
  for each row execute function xinghuo.signup_joins_record();

-- 43 url-safe characters of 32 random bytes, as the manage token.
create or replace function xinghuo.new_link_token()
returns text
language sql
volatile
set search_path = ''
as $$
  select pg_catalog.rtrim(pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=')
$$;
revoke execute on function xinghuo.new_link_token() from public, anon, authenticated, service_role;

create or replace function xinghuo.record_link(p_token text)
returns text
language sql
stable
set search_path = ''
as $$
  select v.site_url || '/record/#t=' || p_token from xinghuo.verification_settings v
$$;
revoke execute on function xinghuo.record_link(text) from public, anon, authenticated, service_role;

-- Finds the record a private record link points to. Malformed → record_token_invalid.
create or replace function xinghuo.record_by_token(p_token text)
returns xinghuo.volunteer_records
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  r xinghuo.volunteer_records;
begin
  if p_token is null or p_token !~ '^[A-Za-z0-9_-]{43}$' then
    raise exception 'record_token_invalid' using errcode = 'P0001', detail = 'the link is incomplete or malformed', hint = 'token';
  end if;
  select * into r from xinghuo.volunteer_records v where v.token_hash = extensions.digest(p_token, 'sha256');
  if not found then
    raise exception 'record_not_found' using errcode = 'P0001', detail = 'no record belongs to this link (withdrawn?)', hint = 'token';
  end if;
  return r;
end;
$$;
revoke execute on function xinghuo.record_by_token(text) from public, anon, authenticated, service_role;

-- Deletes the record of a phone number (nothing to delete is fine).
create or replace function xinghuo.erase_volunteer_record(p_phone text)
returns void
language sql
volatile
security definer
set search_path = ''
as $$
  delete from xinghuo.volunteer_records r where r.phone_hash = xinghuo.record_phone_hash(p_phone)
$$;
revoke execute on function xinghuo.erase_volunteer_record(text) from public, anon, authenticated, service_role;

-- The record consent, given with the sign-up's private token right after the number is verified
-- (the form's own box). Keeps (or renews) the record, joins the number's sign-ups still holding
-- personal data, and sends the private record link by SMS — a new link at most once an hour, so a
-- repeated call cannot flood the phone.
create or replace function public.keep_volunteer_record(p_token text, p_consent_version text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_signup xinghuo.signups%rowtype;
  r xinghuo.volunteer_records%rowtype;
  v_token text;
begin
  select * into v_signup from xinghuo.signups s where s.id = xinghuo.signup_id_by_token(p_token);
  if v_signup.anonymised_at is not null or v_signup.verified_at is null then
    perform xinghuo.signup_fail('signup_withdrawn', 'token', 'this sign-up holds no personal data any more');
  end if;
  if p_consent_version is null
     or not exists (select 1 from xinghuo.privacy_notice_versions v where v.version = p_consent_version) then
    perform xinghuo.signup_fail('consent_version_unknown', 'record_consent', 'the privacy notice changed; reload the page');
  end if;

  insert into xinghuo.volunteer_records as x (phone_hash, name, consent_version)
  values (xinghuo.record_phone_hash(v_signup.phone), v_signup.name, p_consent_version)
  on conflict (phone_hash) do update
    set name = excluded.name, consent_version = excluded.consent_version, consented_at = pg_catalog.now()
  returning * into r;
  update xinghuo.signups s set record_id = r.id
  where s.phone = v_signup.phone and s.anonymised_at is null and s.record_id is distinct from r.id;

  if r.token_sent_at is not null and r.token_sent_at > pg_catalog.now() - interval '1 hour' then
    return pg_catalog.json_build_object('kept', true, 'link_sent', false);
  end if;
  v_token := xinghuo.new_link_token();
  update xinghuo.volunteer_records x
  set token_hash = extensions.digest(v_token, 'sha256'), token_sent_at = pg_catalog.now()
  where x.id = r.id;
  perform xinghuo.enqueue_message('sms', v_signup.phone, 'volunteer_record_link',
    pg_catalog.jsonb_build_object('link', xinghuo.record_link(v_token)),
    'record:' || r.id || ':' || pg_catalog.to_char(pg_catalog.now(), 'YYYYMMDDHH24MI'));
  return pg_catalog.json_build_object('kept', true, 'link_sent', true);
end;
$$;
revoke all on function public.keep_volunteer_record(text, text) from public, anon, authenticated, service_role;
grant execute on function public.keep_volunteer_record(text, text) to anon, authenticated;

-- Withdrawal from the record's own page: the record (and its certificates) are deleted.
create or replace function public.withdraw_volunteer_record(p_token text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  r xinghuo.volunteer_records := xinghuo.record_by_token(p_token);
begin
  delete from xinghuo.volunteer_records x where x.id = r.id;
  return pg_catalog.json_build_object('erased', true);
end;
$$;
revoke all on function public.withdraw_volunteer_record(text) from public, anon, authenticated, service_role;
grant execute on function public.withdraw_volunteer_record(text) to anon, authenticated;

-- Asked for by the volunteer, so not held to quiet hours.
insert into xinghuo.message_kinds (id, quiet_hours) values ('volunteer_record_link', false)
on conflict (id) do nothing;
