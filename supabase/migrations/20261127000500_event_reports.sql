-- Coordinators' figures per event: one report row (people reached, volunteers present, questions
-- answered, notes) plus one line per kind of printed material. Private schema, RLS on, no policies:
-- only the security-definer coordinator RPCs read or write these tables.

create table if not exists xinghuo.event_reports (
  event_id bigint primary key references xinghuo.events (id) on delete restrict,
  people_reached integer not null check (people_reached between 0 and 1000000),
  volunteers_present integer not null check (volunteers_present between 0 and 1000000),
  volunteers_adjust_reason text check (char_length(volunteers_adjust_reason) <= 500),
  questions_answered integer not null default 0 check (questions_answered between 0 and 1000000),
  notes text check (char_length(notes) <= 2000),
  -- Optimistic concurrency: a save names the version it started from; a mismatch is a conflict.
  version integer not null default 1 check (version >= 1),
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null
);

create table if not exists xinghuo.material_kinds (
  id text primary key check (id ~ '^[a-z][a-z0-9-]{1,30}$'),
  label text not null check (char_length(label) between 1 and 20),
  sort integer not null default 100,
  created_at timestamptz not null default now()
);

insert into xinghuo.material_kinds (id, label, sort) values
  ('leaflet', '折页', 10),
  ('booklet', '手册', 20),
  ('poster', '海报', 30),
  ('giveaway', '宣传品', 40)
on conflict (id) do nothing;

create table if not exists xinghuo.report_materials (
  event_id bigint not null references xinghuo.event_reports (event_id) on delete restrict,
  kind text not null references xinghuo.material_kinds (id) on delete restrict,
  quantity integer not null check (quantity between 1 and 1000000),
  primary key (event_id, kind)
);
-- Dashboard totals group materials by kind across all events.
create index if not exists report_materials_kind_idx on xinghuo.report_materials (kind) include (quantity);

alter table xinghuo.event_reports enable row level security;
alter table xinghuo.material_kinds enable row level security;
alter table xinghuo.report_materials enable row level security;

revoke all on table xinghuo.event_reports, xinghuo.material_kinds, xinghuo.report_materials
  from public, anon, authenticated;
