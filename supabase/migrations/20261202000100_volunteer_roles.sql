-- The volunteer roles become a table: the one definition of roles (issue #10). Rows are never
-- deleted (sign-ups and places point at them); a role that is no longer offered gets retired_at.
-- The role catalogue's RPCs and the TypeScript side build on this table (wt-roles).
create table xinghuo.volunteer_roles (
  id text primary key check (id ~ '^[a-z][a-z0-9_]{1,39}$'),
  label text not null unique check (length(btrim(label)) between 1 and 40),
  sort_order int not null default 0,
  retired_at timestamptz,
  created_at timestamptz not null default now()
);
alter table xinghuo.volunteer_roles enable row level security;
revoke all on xinghuo.volunteer_roles from public, anon, authenticated, service_role;

-- The five roles of the earlier stage, with the names messages already used for them.
insert into xinghuo.volunteer_roles (id, label, sort_order) values
  ('bank_staff', '银行工作人员', 10),
  ('police', '民警', 20),
  ('street_office', '街道社区工作人员', 30),
  ('lawyer', '律师', 40),
  ('volunteer', '其他志愿者（学生、退休人员等）', 50);

-- Places and sign-ups name a role of the table instead of a fixed CHECK list.
alter table xinghuo.event_slots drop constraint event_slots_role_check;
alter table xinghuo.event_slots add constraint event_slots_role_fkey
  foreign key (role) references xinghuo.volunteer_roles (id);
alter table xinghuo.signups drop constraint signups_role_check;
alter table xinghuo.signups add constraint signups_role_fkey
  foreign key (role) references xinghuo.volunteer_roles (id);
create index signups_role_idx on xinghuo.signups (role);
create index event_slots_role_idx on xinghuo.event_slots (role);

-- A role's label, read from the table (null for an unknown role: sign_up refuses those). Stable, not
-- immutable any more: a coordinator can rename a role.
create or replace function xinghuo.role_label(p_role text)
returns text
language sql
stable
set search_path = ''
as $$
  select r.label from xinghuo.volunteer_roles r where r.id = p_role
$$;
revoke execute on function xinghuo.role_label(text) from public, anon, authenticated, service_role;
