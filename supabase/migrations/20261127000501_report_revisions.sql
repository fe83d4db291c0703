-- Every save of a report leaves one revision row: who, when, the figures before and after.
-- Append-only: no role gets update/delete, and a trigger refuses them even for the owner (the role
-- the security-definer RPCs run as) and for superusers, so history cannot be rewritten by accident.

create table if not exists xinghuo.report_revisions (
  id bigint generated always as identity primary key,
  event_id bigint not null references xinghuo.events (id) on delete restrict,
  version integer not null,
  changed_by uuid,
  changed_at timestamptz not null default now(),
  before jsonb,
  after jsonb not null,
  unique (event_id, version)
);

alter table xinghuo.report_revisions enable row level security;
revoke all on table xinghuo.report_revisions from public, anon, authenticated;

create or replace function xinghuo.report_revisions_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'revisions_append_only'
    using errcode = 'P0001', detail = 'report revisions are history: they cannot be changed or removed';
end;
$$;

drop trigger if exists report_revisions_no_update_delete on xinghuo.report_revisions;
create trigger report_revisions_no_update_delete
  before update or delete on xinghuo.report_revisions
  for each row execute function xinghuo.report_revisions_append_only();

drop trigger if exists report_revisions_no_truncate on xinghuo.report_revisions;
create trigger report_revisions_no_truncate
  before truncate on xinghuo.report_revisions
  for each statement execute function xinghuo.report_revisions_append_only();
