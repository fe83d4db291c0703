-- The venue book: named places an event picks instead of typing coordinates. Positions are WGS-84
-- (the map converts for GCJ-02 tiles). Rows are retired, never deleted: past events name them.
-- The field rules live in xinghuo.venue_problems (one place), not in CHECKs here; the CHECKs only
-- keep the table sane if a future writer forgets the validator.
create table xinghuo.venues (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 80),
  address text not null check (length(address) between 1 and 200),
  district text not null,
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  retired_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null
);
-- One current venue per name: two "社区党群服务中心" rows would make the import's venue_name ambiguous.
create unique index venues_current_name_key on xinghuo.venues (name) where retired_at is null;
create index venues_updated_by_idx on xinghuo.venues (updated_by);
alter table xinghuo.venues enable row level security;
revoke all on xinghuo.venues from public, anon, authenticated, service_role;
