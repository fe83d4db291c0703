-- Sign-up limits that hold under concurrency (issue 12). They used to be counted under the event
-- row's lock only, so simultaneous sign-ups for different events missed each other's rows and got
-- past a limit (6-8 through 5 per phone, 33 through 30 per client). Now each key of each purpose
-- has its own transaction lock, taken before counting and held until commit.
-- The per-phone limit counts the places a number holds, not the sign-ups ever made: without SMS
-- verification anyone can type anyone's number, and a sign-up made and cancelled at once must not
-- use up the owner's allowance. The per-client limit still counts every sign-up (cancelled too):
-- it is the caller's own budget.

-- The salted hash a limit keys on (the same formula as before, so logged rows keep counting).
create or replace function xinghuo.signup_key_hash(p_scope text, p_key text)
returns bytea
language sql
stable
set search_path = ''
as $$
  select extensions.digest(
    (select s.salt from xinghuo.signup_secret s) || pg_catalog.convert_to(p_scope || ':' || p_key, 'UTF8'),
    'sha256')
$$;

-- Until the transaction ends, every other transaction locking the same key of the same purpose
-- waits. The purpose picks the lock space, so a phone and a client never share a lock by accident.
create or replace function xinghuo.lock_signup_key(p_scope text, p_key_hash bytea)
returns void
language sql
volatile
set search_path = ''
as $$
  select pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtext('xinghuo.signup_key.' || p_scope),
    ('x' || pg_catalog.encode(pg_catalog.substr(p_key_hash, 1, 4), 'hex'))::bit(32)::integer)
$$;

-- rate_limited_client when this client made max_signups sign-ups within the window, else logs this one.
create or replace function xinghuo.enforce_client_rate_limit()
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_hash bytea := xinghuo.signup_key_hash('client', xinghuo.request_client_address());
  v_limit xinghuo.signup_limits%rowtype;
begin
  perform xinghuo.lock_signup_key('client', v_hash);
  select * into v_limit from xinghuo.signup_limits l where l.scope = 'client';
  if found and (select count(*) from xinghuo.signup_rate_log r
                where r.scope = 'client' and r.key_hash = v_hash
                  and r.created_at > pg_catalog.now() - pg_catalog.make_interval(secs => v_limit.window_seconds))
               >= v_limit.max_signups then
    perform xinghuo.signup_fail('rate_limited_client', '', 'too many sign-ups from this client recently');
  end if;
  insert into xinghuo.signup_rate_log (scope, key_hash) values ('client', v_hash);
end;
$$;

-- rate_limited_phone when the number holds max_signups places made within the window. The caller
-- holds the number's lock (lock_signup_key('phone', …)) from before this count until it commits.
create or replace function xinghuo.enforce_phone_rate_limit(p_phone text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_limit xinghuo.signup_limits%rowtype;
begin
  select * into v_limit from xinghuo.signup_limits l where l.scope = 'phone';
  if found and (select count(*) from xinghuo.signups s
                where s.phone = p_phone and s.status <> 'cancelled'
                  and s.created_at > pg_catalog.now() - pg_catalog.make_interval(secs => v_limit.window_seconds))
               >= v_limit.max_signups then
    perform xinghuo.signup_fail('rate_limited_phone', 'phone', 'this number holds many places already');
  end if;
end;
$$;

-- The per-phone count walks one number's recent active places.
create index if not exists signups_active_by_phone on xinghuo.signups (phone, created_at)
  where status <> 'cancelled' and phone is not null;

revoke all on function xinghuo.signup_key_hash(text, text), xinghuo.lock_signup_key(text, bytea),
  xinghuo.enforce_client_rate_limit(), xinghuo.enforce_phone_rate_limit(text)
  from public, anon, authenticated;

-- Phone rows of the log are no longer read; hashes nobody needs are not kept.
delete from xinghuo.signup_rate_log where scope = 'phone';
