-- The database's mirror of the published programme (src/content/events), written only by
-- public.sync_events. It holds just what the database must enforce: dates, status, places per role.
create table xinghuo.events (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
  title text not null check (length(title) between 1 and 200),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  district text not null,
  audiences text[] not null default '{}',
  topics text[] not null default '{}',
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'withdrawn')),
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  updated_at timestamptz not null default now(),
  constraint events_end_after_start check (ends_at > starts_at)
);
comment on column xinghuo.events.status is
  'scheduled/cancelled come from content; withdrawn = no longer in content (kept for its sign-ups).';
create index events_starts_at_idx on xinghuo.events (starts_at);

create table xinghuo.event_slots (
  event_id bigint not null references xinghuo.events (id) on delete cascade,
  role text not null check (role in ('bank_staff', 'police', 'street_office', 'lawyer', 'volunteer')),
  slots int not null check (slots >= 0),
  primary key (event_id, role)
);

alter table xinghuo.events enable row level security;
alter table xinghuo.event_slots enable row level security;
revoke all on xinghuo.events, xinghuo.event_slots from public, anon, authenticated, service_role;
