-- Abuse limits for sign-ups: per phone number and per client address, each a number of successful
-- sign-ups within a sliding window. Limits live in a table so operators (and tests) can tune them
-- without a migration. Keys are salted SHA-256 hashes: the log holds no phone number or IP address.

create table if not exists xinghuo.signup_limits (
  scope text primary key check (scope in ('phone', 'client')),
  max_signups integer not null check (max_signups > 0),
  window_seconds integer not null check (window_seconds > 0)
);
-- Phone: a volunteer rarely joins more than a few events a day. Client: one address may be a
-- shared office or a family phone, so it is looser; behind carrier NAT many people share one IP.
insert into xinghuo.signup_limits (scope, max_signups, window_seconds) values
  ('phone', 5, 86400),
  ('client', 30, 3600)
on conflict (scope) do nothing;

create table if not exists xinghuo.signup_rate_log (
  id bigint generated always as identity primary key,
  scope text not null check (scope in ('phone', 'client')),
  key_hash bytea not null,
  created_at timestamptz not null default now()
);
create index if not exists signup_rate_log_lookup on xinghuo.signup_rate_log (scope, key_hash, created_at);

-- One random salt per database, so the hashes cannot be reversed by hashing all phones or IPs.
create table if not exists xinghuo.signup_secret (
  only_row boolean primary key default true check (only_row),
  salt bytea not null default extensions.gen_random_bytes(32)
);
insert into xinghuo.signup_secret (only_row) values (true) on conflict (only_row) do nothing;

alter table xinghuo.signup_limits enable row level security;
alter table xinghuo.signup_rate_log enable row level security;
alter table xinghuo.signup_secret enable row level security;
revoke all on table xinghuo.signup_limits, xinghuo.signup_rate_log, xinghuo.signup_secret
  from public, anon, authenticated;
