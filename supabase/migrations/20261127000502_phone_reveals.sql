-- Who saw a volunteer's full phone number, and when: each reveal on screen and each roster export.
create table if not exists xinghuo.phone_reveals (
  id bigint generated always as identity primary key,
  signup_id bigint not null references xinghuo.signups (id) on delete cascade,
  coordinator uuid not null,
  at timestamptz not null default now(),
  via text not null default 'reveal' check (via in ('reveal', 'export'))
);
create index if not exists phone_reveals_signup_idx on xinghuo.phone_reveals (signup_id);

alter table xinghuo.phone_reveals enable row level security;
revoke all on table xinghuo.phone_reveals from public, anon, authenticated;
