-- Volunteer sign-ups: one row per person per event and role. Private schema, RLS on, no policies:
-- only the security-definer sign-up RPCs (and the coordinator RPCs) read or write it.
-- Personal data is name, phone and organisation only; each becomes null when the volunteer
-- withdraws or the retention period ends (anonymised_at is set), while status stays for counts.

-- Arrival order across the whole site: the waitlist is served in this order.
create sequence if not exists xinghuo.signup_arrival_seq as bigint;

-- The privacy notice versions a volunteer may consent to. Bump site.config privacyNoticeVersion
-- AND add a row here (in a new migration) whenever the notice text changes.
create table if not exists xinghuo.privacy_notice_versions (
  version text primary key check (version ~ '^[0-9]{4}-[0-9]{2}[a-z0-9-]*$'),
  published_on date not null default current_date
);
insert into xinghuo.privacy_notice_versions (version, published_on)
values ('2026-11', date '2026-11-27')
on conflict (version) do nothing;

create table if not exists xinghuo.signups (
  id bigint generated always as identity primary key,
  event_id bigint not null references xinghuo.events (id) on delete restrict,
  role text not null check (role in ('bank_staff', 'police', 'street_office', 'lawyer', 'volunteer')),
  name text check (char_length(name) between 1 and 40),
  -- Normalised mainland mobile number (11 digits), null once anonymised.
  phone text check (phone ~ '^1[3-9][0-9]{9}$'),
  organisation text check (char_length(organisation) between 1 and 60),
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled')),
  arrival bigint not null default nextval('xinghuo.signup_arrival_seq'),
  consent_version text not null references xinghuo.privacy_notice_versions (version),
  consented_at timestamptz not null default now(),
  -- SHA-256 of the private cancel token; the token itself is shown to the volunteer once and never stored.
  cancel_token_hash bytea unique check (octet_length(cancel_token_hash) = 32),
  checkin_code text not null check (checkin_code ~ '^[0-9]{6}$'),
  checked_in_at timestamptz,
  checked_in_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  anonymised_at timestamptz,
  -- Set when a cancellation moved this person from the waitlist to confirmed (coordinators tell them).
  promoted_at timestamptz,
  constraint signups_personal_data_until_anonymised
    check (anonymised_at is not null or (name is not null and phone is not null)),
  constraint signups_cancelled_at_matches_status
    check ((status = 'cancelled') = (cancelled_at is not null))
);

alter sequence xinghuo.signup_arrival_seq owned by xinghuo.signups.arrival;

-- The same phone may hold one active place per event; after cancelling it may sign up again.
create unique index if not exists signups_one_active_per_phone
  on xinghuo.signups (event_id, phone)
  where status <> 'cancelled' and phone is not null;
create unique index if not exists signups_checkin_code_per_event on xinghuo.signups (event_id, checkin_code);
-- Counting, promotion and waitlist positions all walk one event+role in arrival order.
create index if not exists signups_event_role_status_arrival
  on xinghuo.signups (event_id, role, status, arrival);

alter table xinghuo.signups enable row level security;
alter table xinghuo.privacy_notice_versions enable row level security;
revoke all on table xinghuo.signups, xinghuo.privacy_notice_versions from public, anon, authenticated;
revoke all on sequence xinghuo.signup_arrival_seq from public, anon, authenticated;
