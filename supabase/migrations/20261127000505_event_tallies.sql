-- Per-event running totals the dashboard and public counters read instead of re-counting 100,000
-- sign-ups on every request: check-ins (from xinghuo.signups) and material handed out (from
-- xinghuo.report_materials), kept exact by triggers in the same transaction as each change.
-- (The signups table is the signup helper's; these triggers and indexes only add to it.)

create table if not exists xinghuo.event_tallies (
  event_id bigint primary key references xinghuo.events (id) on delete cascade,
  checked_in integer not null default 0 check (checked_in >= 0),
  materials integer not null default 0 check (materials >= 0)
);
alter table xinghuo.event_tallies enable row level security;
revoke all on table xinghuo.event_tallies from public, anon, authenticated;

create or replace function xinghuo.tally_add(p_event_id bigint, p_checked_in integer, p_materials integer)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into xinghuo.event_tallies as t (event_id, checked_in, materials)
  values (p_event_id, greatest(p_checked_in, 0), greatest(p_materials, 0))
  on conflict (event_id) do update
    set checked_in = t.checked_in + p_checked_in, materials = t.materials + p_materials;
$$;
revoke execute on function xinghuo.tally_add(bigint, integer, integer) from public, anon, authenticated;

create or replace function xinghuo.tally_signup_checkin()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform xinghuo.tally_add(new.event_id, 1, 0);
  elsif tg_op = 'DELETE' then
    perform xinghuo.tally_add(old.event_id, -1, 0);
  else
    perform xinghuo.tally_add(old.event_id, -(old.checked_in_at is not null)::integer, 0);
    perform xinghuo.tally_add(new.event_id, (new.checked_in_at is not null)::integer, 0);
  end if;
  return null;
end;
$$;
revoke execute on function xinghuo.tally_signup_checkin() from public, anon, authenticated;

-- The WHEN clauses keep ordinary sign-ups (no check-in yet) free of any extra work.
drop trigger if exists signups_tally_insert on xinghuo.signups;
create trigger signups_tally_insert after insert on xinghuo.signups
  for each row when (new.checked_in_at is not null) execute function xinghuo.tally_signup_checkin();
drop trigger if exists signups_tally_update on xinghuo.signups;
create trigger signups_tally_update after update of checked_in_at, event_id on xinghuo.signups
  for each row when (old.checked_in_at is distinct from new.checked_in_at or old.event_id is distinct from new.event_id)
  execute function xinghuo.tally_signup_checkin();
drop trigger if exists signups_tally_delete on xinghuo.signups;
create trigger signups_tally_delete after delete on xinghuo.signups
  for each row when (old.checked_in_at is not null) execute function xinghuo.tally_signup_checkin();

create or replace function xinghuo.tally_report_materials()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform xinghuo.tally_add(old.event_id, 0, -old.quantity);
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform xinghuo.tally_add(new.event_id, 0, new.quantity);
  end if;
  return null;
end;
$$;
revoke execute on function xinghuo.tally_report_materials() from public, anon, authenticated;

drop trigger if exists report_materials_tally on xinghuo.report_materials;
create trigger report_materials_tally after insert or update or delete on xinghuo.report_materials
  for each row execute function xinghuo.tally_report_materials();

-- Counting by status per event (events list) walks this index.
create index if not exists signups_event_status_idx on xinghuo.signups (event_id, status);

-- Start from the truth for rows that already exist.
insert into xinghuo.event_tallies (event_id, checked_in, materials)
select e.id,
  (select count(*) from xinghuo.signups g where g.event_id = e.id and g.checked_in_at is not null),
  coalesce((select sum(m.quantity) from xinghuo.report_materials m where m.event_id = e.id), 0)
from xinghuo.events e
on conflict (event_id) do update set checked_in = excluded.checked_in, materials = excluded.materials;
