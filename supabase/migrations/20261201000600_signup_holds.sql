-- Phone verification (issue 11), the schema half: a new sign-up is `pending` until the 6-digit code
-- sent to its number is entered. A pending sign-up that arrived while the role had a free place
-- holds that place (`holds_place`) until it is verified or its hold ends; pending sign-ups that
-- found the role full wait, in arrival order, to be waitlisted. Confirmed + holding pending never
-- exceed the places, under the same event-row lock as before. An ended hold (expired, or too many
-- wrong codes) is `cancelled` with `hold_ended_at` set and passes its place on in arrival order.

alter table xinghuo.signups drop constraint signups_status_check;
alter table xinghuo.signups add constraint signups_status_check
  check (status in ('pending', 'confirmed', 'waitlisted', 'cancelled'));
alter table xinghuo.signups
  add column holds_place boolean not null default false,
  add column hold_expires_at timestamptz,
  -- HMAC of the code (xinghuo.signup_hmac's key): the code itself only travels in the outbox.
  add column code_hash bytea check (octet_length(code_hash) = 32),
  add column code_attempts integer not null default 0,
  add column verified_at timestamptz,
  add column hold_ended_at timestamptz,
  add constraint signups_pending_has_hold check (status <> 'pending' or (hold_expires_at is not null and code_hash is not null));
-- Sign-ups from before verification existed were accepted as they were.
update xinghuo.signups set verified_at = created_at where verified_at is null;

-- Expiry walks only the pending rows of one event (or all due ones, for the crontab).
create index signups_pending_hold_idx on xinghuo.signups (event_id, hold_expires_at) where status = 'pending';
create index signups_pending_due_idx on xinghuo.signups (hold_expires_at) where status = 'pending';

-- One row: tune without a migration (`update xinghuo.verification_settings set hold_minutes = 15;`).
-- site_url is where the manage links in messages point (the public site, PUBLIC_SITE_URL).
create table xinghuo.verification_settings (
  only_row boolean primary key default true check (only_row),
  hold_minutes integer not null default 10 check (hold_minutes between 1 and 60),
  max_attempts integer not null default 5 check (max_attempts between 1 and 10),
  site_url text not null default 'http://127.0.0.1:4321' check (site_url ~ '^https?://[^/\s]+$')
);
insert into xinghuo.verification_settings default values;
alter table xinghuo.verification_settings enable row level security;
revoke all on xinghuo.verification_settings from public, anon, authenticated, service_role;

-- A sign-up for a number that already holds a place at the event gets the same "code sent" answer
-- as a new one, so a caller cannot learn who signed up where; its request id is remembered here (no
-- sign-up row: the number keeps one place per event) so a retry and wrong codes behave the same.
create table xinghuo.signup_decoys (
  request_id_hash bytea primary key check (octet_length(request_id_hash) = 32),
  event_id bigint not null references xinghuo.events (id) on delete cascade,
  phone_hash bytea not null,
  code_attempts integer not null default 0,
  expires_at timestamptz not null
);
create index signup_decoys_event_idx on xinghuo.signup_decoys (event_id);
create index signup_decoys_expires_idx on xinghuo.signup_decoys (expires_at);
alter table xinghuo.signup_decoys enable row level security;
revoke all on xinghuo.signup_decoys from public, anon, authenticated, service_role;

insert into xinghuo.message_kinds (id, quiet_hours) values ('already_signed_up', false);

-- "12月2日9:30" in Asia/Shanghai, as the message templates write times.
create or replace function xinghuo.event_time_label(p_at timestamptz)
returns text
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.to_char(p_at at time zone 'Asia/Shanghai', 'FMMM"月"FMDD"日"FMHH24:MI')
$$;
revoke execute on function xinghuo.event_time_label(timestamptz) from public, anon, authenticated, service_role;

-- The private manage link a message carries (the token in the fragment, as on the site).
create or replace function xinghuo.manage_link(p_token text)
returns text
language sql
stable
set search_path = ''
as $$
  select v.site_url || '/signup/manage/#t=' || p_token from xinghuo.verification_settings v
$$;
revoke execute on function xinghuo.manage_link(text) from public, anon, authenticated, service_role;

-- Places a role still has: slots minus confirmed and holding-pending sign-ups.
create or replace function xinghuo.free_places(p_event_id bigint, p_role text)
returns integer
language sql
stable
set search_path = ''
as $$
  select greatest(coalesce((select es.slots from xinghuo.event_slots es
                            where es.event_id = p_event_id and es.role = p_role), 0) - (
    select count(*)::integer from xinghuo.signups s
    where s.event_id = p_event_id and s.role = p_role
      and (s.status = 'confirmed' or (s.status = 'pending' and s.holds_place))), 0)
$$;
revoke execute on function xinghuo.free_places(bigint, text) from public, anon, authenticated, service_role;

-- Hands free places on in arrival order (the caller holds the event lock): a waitlisted (verified)
-- person is confirmed and told; a pending one that found the role full now holds the place while
-- it verifies. Same signature as before, so cancel, withdraw and the events sync use it unchanged.
create or replace function xinghuo.promote_waitlisted(p_event_id bigint, p_role text)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_free integer := xinghuo.free_places(p_event_id, p_role);
  v_moved integer := 0;
  v_next record;
begin
  for v_next in
    select w.id, w.status, w.phone, e.title, e.starts_at
    from xinghuo.signups w join xinghuo.events e on e.id = w.event_id
    where w.event_id = p_event_id and w.role = p_role
      and (w.status = 'waitlisted' or (w.status = 'pending' and not w.holds_place))
    order by w.arrival
    limit v_free
  loop
    if v_next.status = 'waitlisted' then
      update xinghuo.signups s set status = 'confirmed', promoted_at = pg_catalog.now() where s.id = v_next.id;
      perform xinghuo.enqueue_message('sms', v_next.phone, 'promoted',
        pg_catalog.jsonb_build_object('event', v_next.title, 'time', xinghuo.event_time_label(v_next.starts_at)),
        'promoted:' || v_next.id);
      v_moved := v_moved + 1;
    else
      update xinghuo.signups s set holds_place = true where s.id = v_next.id;
    end if;
  end loop;
  return v_moved;
end;
$$;
revoke execute on function xinghuo.promote_waitlisted(bigint, text) from public, anon, authenticated, service_role;

-- Ends holds that are due (the caller holds the event lock) and passes their places on.
create or replace function xinghuo.expire_event_holds(p_event_id bigint)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_role text;
begin
  for v_role in
    with ended as (
      update xinghuo.signups s
      set status = 'cancelled', cancelled_at = pg_catalog.now(), hold_ended_at = pg_catalog.now()
      where s.event_id = p_event_id and s.status = 'pending' and s.hold_expires_at <= pg_catalog.clock_timestamp()
      returning s.role)
    select distinct ended.role from ended
  loop
    perform xinghuo.promote_waitlisted(p_event_id, v_role);
  end loop;
  delete from xinghuo.signup_decoys d where d.event_id = p_event_id and d.expires_at <= pg_catalog.clock_timestamp();
end;
$$;
revoke execute on function xinghuo.expire_event_holds(bigint) from public, anon, authenticated, service_role;

-- For the worker's crontab (every minute): ends every due hold, event by event, each under its
-- event lock (in id order, so two runs never deadlock). The next sign-up for an event does the same
-- for that event, so a place is free to a real volunteer the moment its hold is due.
create or replace function public.expire_signup_holds()
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_event bigint;
  v_events integer := 0;
begin
  for v_event in
    select distinct s.event_id from xinghuo.signups s
    where s.status = 'pending' and s.hold_expires_at <= pg_catalog.clock_timestamp()
    union
    select d.event_id from xinghuo.signup_decoys d where d.expires_at <= pg_catalog.clock_timestamp()
    order by 1
  loop
    perform 1 from xinghuo.events e where e.id = v_event for update;
    perform xinghuo.expire_event_holds(v_event);
    v_events := v_events + 1;
  end loop;
  return v_events;
end;
$$;
revoke execute on function public.expire_signup_holds() from public, anon, authenticated, service_role;
grant execute on function public.expire_signup_holds() to service_role;
