-- Private helpers shared by the sign-up RPCs. Not callable through the API (execute revoked);
-- the security-definer RPCs call them as their owner.

-- Business errors follow the team convention: message = stable code, hint = form field.
create or replace function xinghuo.signup_fail(p_code text, p_field text, p_detail text default null)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception '%', p_code using errcode = 'P0001', hint = coalesce(p_field, ''),
    detail = coalesce(p_detail, p_code);
end;
$$;

-- Trim ASCII and ideographic spaces, the way people paste names and organisations.
create or replace function xinghuo.clean_text(p text)
returns text
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.btrim(coalesce(p, ''), E' \t\r\n\u3000')
$$;

-- Phones are typed as "138 1234 5678", "138-1234-5678" or "+86 13812345678": strip those
-- separators and the country code, then the result must be a mainland mobile number.
create or replace function xinghuo.normalise_phone(p text)
returns text
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.regexp_replace(
    pg_catalog.regexp_replace(xinghuo.clean_text(p), '[ \u3000-]', '', 'g'),
    '^(\+86|0086)', '')
$$;

-- A name is letters (any script) with spaces, "·", "." or "-": no digits, markup, quotes or
-- SQL-ish punctuation. The same rule lives in src/lib/validate-signup.ts for instant feedback.
create or replace function xinghuo.name_has_bad_chars(p text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p ~ '[0-9０-９!"#$%&''()*+,/:;<=>?@\[\\\]^_`{|}~\x01-\x1f\x7f]'
$$;

-- Organisations may contain digits and brackets, but never markup, quotes or statement separators.
create or replace function xinghuo.organisation_has_bad_chars(p text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p ~ '[<>"''`;=\\{}\x01-\x1f\x7f]'
$$;

-- 138****1234: enough for a volunteer to recognise their own number, useless to anyone else.
create or replace function xinghuo.mask_phone(p text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case when p is null then null
    else pg_catalog.left(p, 3) || '****' || pg_catalog.right(p, 4) end
$$;

-- The client address as the API saw it: first x-forwarded-for entry (set by Supabase's edge /
-- our gateway), else x-real-ip, else one shared 'unknown' bucket.
create or replace function xinghuo.request_client_address()
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_headers json;
  v_addr text;
begin
  begin
    v_headers := nullif(pg_catalog.current_setting('request.headers', true), '')::json;
  exception when others then
    v_headers := null;
  end;
  v_addr := pg_catalog.btrim(pg_catalog.split_part(coalesce(v_headers ->> 'x-forwarded-for', ''), ',', 1));
  if v_addr = '' then
    v_addr := pg_catalog.btrim(coalesce(v_headers ->> 'x-real-ip', ''));
  end if;
  return coalesce(nullif(v_addr, ''), 'unknown');
end;
$$;

-- Raises rate_limited_phone / rate_limited_client when a key is over its limit, else logs this
-- sign-up against both keys. Called with the event row locked, so one event's sign-ups count exactly.
create or replace function xinghuo.enforce_signup_rate_limits(p_phone text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_salt bytea := (select s.salt from xinghuo.signup_secret s);
  v_keys jsonb;
  v_scope text;
  v_hash bytea;
  v_limit xinghuo.signup_limits%rowtype;
  v_recent integer;
begin
  v_keys := pg_catalog.jsonb_build_object('phone', p_phone, 'client', xinghuo.request_client_address());
  foreach v_scope in array array['phone', 'client'] loop
    v_hash := extensions.digest(v_salt || pg_catalog.convert_to(v_scope || ':' || (v_keys ->> v_scope), 'UTF8'), 'sha256');
    select * into v_limit from xinghuo.signup_limits l where l.scope = v_scope;
    if found then
      select count(*) into v_recent from xinghuo.signup_rate_log r
      where r.scope = v_scope and r.key_hash = v_hash
        and r.created_at > pg_catalog.now() - pg_catalog.make_interval(secs => v_limit.window_seconds);
      if v_recent >= v_limit.max_signups then
        perform xinghuo.signup_fail('rate_limited_' || v_scope, case v_scope when 'phone' then 'phone' else '' end,
          'too many sign-ups from this ' || v_scope || ' recently');
      end if;
    end if;
    insert into xinghuo.signup_rate_log (scope, key_hash) values (v_scope, v_hash);
  end loop;
end;
$$;

-- Fill free places of one role from its waitlist, earliest arrival first. Returns how many moved.
create or replace function xinghuo.promote_waitlisted(p_event_id bigint, p_role text)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_free integer;
  v_moved integer;
begin
  select greatest(es.slots - (
      select count(*) from xinghuo.signups s
      where s.event_id = p_event_id and s.role = p_role and s.status = 'confirmed'), 0)
    into v_free
  from xinghuo.event_slots es where es.event_id = p_event_id and es.role = p_role;
  if coalesce(v_free, 0) = 0 then
    return 0;
  end if;
  update xinghuo.signups s set status = 'confirmed', promoted_at = pg_catalog.now()
  where s.id in (
    select w.id from xinghuo.signups w
    where w.event_id = p_event_id and w.role = p_role and w.status = 'waitlisted'
    order by w.arrival
    limit v_free);
  get diagnostics v_moved = row_count;
  return v_moved;
end;
$$;

-- 1-based place on the waitlist of its role, or null when not waitlisted.
create or replace function xinghuo.waitlist_position(p_signup_id bigint)
returns integer
language sql
stable
set search_path = ''
as $$
  select case when me.status <> 'waitlisted' then null else (
    select count(*)::integer from xinghuo.signups w
    where w.event_id = me.event_id and w.role = me.role and w.status = 'waitlisted'
      and w.arrival <= me.arrival) end
  from xinghuo.signups me where me.id = p_signup_id
$$;

-- Finds the sign-up a private link points to. Malformed → token_invalid, unknown → token_not_found.
create or replace function xinghuo.signup_id_by_token(p_token text)
returns bigint
language plpgsql
stable
set search_path = ''
as $$
declare
  v_id bigint;
begin
  if p_token is null or p_token !~ '^[A-Za-z0-9_-]{43}$' then
    perform xinghuo.signup_fail('token_invalid', 'token', 'the link is incomplete or malformed');
  end if;
  select s.id into v_id from xinghuo.signups s
  where s.cancel_token_hash = extensions.digest(p_token, 'sha256');
  if v_id is null then
    perform xinghuo.signup_fail('token_not_found', 'token', 'no sign-up belongs to this link');
  end if;
  return v_id;
end;
$$;

revoke all on function
  xinghuo.signup_fail(text, text, text), xinghuo.clean_text(text), xinghuo.normalise_phone(text),
  xinghuo.name_has_bad_chars(text), xinghuo.organisation_has_bad_chars(text), xinghuo.mask_phone(text),
  xinghuo.request_client_address(), xinghuo.enforce_signup_rate_limits(text),
  xinghuo.promote_waitlisted(bigint, text), xinghuo.waitlist_position(bigint),
  xinghuo.signup_id_by_token(text)
from public, anon, authenticated;
