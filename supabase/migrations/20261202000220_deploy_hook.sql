-- The deploy hook (issue #10): every change to what published_events() returns queues ONE
-- debounced graphile-worker job `deploy_hook` in the same transaction; the worker's task asks the
-- static host to rebuild (worker/deploy-hook.ts). Triggers, not calls in each RPC, so every writer
-- (coordinator RPCs, import, series, venue re-apply, a superuser's SQL) is covered.

-- One row: how long the queue waits after the last change, so ten quick edits are one rebuild.
create table xinghuo.deploy_hook_settings (
  id boolean primary key default true check (id),
  debounce_seconds integer not null default 60 check (debounce_seconds between 0 and 3600)
);
insert into xinghuo.deploy_hook_settings default values;
alter table xinghuo.deploy_hook_settings enable row level security;
revoke all on xinghuo.deploy_hook_settings from public, anon, authenticated, service_role;

-- job_key + 'replace': a waiting job is pushed back to now + debounce instead of a second one
-- being queued (a job already running is left alone and a new one waits behind it).
create or replace function xinghuo.queue_deploy_hook()
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- graphile-worker installs its schema when the worker first starts (locally: right after the
  -- migrations and seed). Before that there is no worker to call a hook, and no site built yet.
  if pg_catalog.to_regnamespace('graphile_worker') is null then
    return;
  end if;
  perform graphile_worker.add_job(
    'deploy_hook',
    '{}'::json,
    run_at => pg_catalog.now() + pg_catalog.make_interval(secs => (select s.debounce_seconds from xinghuo.deploy_hook_settings s)),
    max_attempts => 12,
    job_key => 'deploy_hook',
    job_key_mode => 'replace');
end;
$$;
revoke execute on function xinghuo.queue_deploy_hook() from public, anon, authenticated, service_role;

-- What of an event row the public site does not show: changing only these rebuilds nothing
-- (updated_at is in published_events() for caching, but moves with internal edits too). Every
-- other column counts, so a column added later is public until it is listed here.
create or replace function xinghuo.event_public_row(p_row jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case when p_row ->> 'publication' = 'published'
    then p_row - array['internal_notes', 'revision', 'updated_at', 'updated_by', 'created_by', 'created_at']
  end
$$;
revoke execute on function xinghuo.event_public_row(jsonb) from public, anon, authenticated, service_role;

-- Statement-level, with transition tables: one check per statement however many rows it touched.
-- One branch per operation: a statement only plans the transition tables its operation has.
create or replace function xinghuo.events_queue_deploy_hook()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_public_change boolean;
begin
  if tg_op = 'INSERT' then
    v_public_change := exists (select 1 from new_rows n where xinghuo.event_public_row(pg_catalog.to_jsonb(n)) is not null);
  elsif tg_op = 'UPDATE' then
    v_public_change := exists (
      select 1 from old_rows o join new_rows n on n.id = o.id
      where xinghuo.event_public_row(pg_catalog.to_jsonb(o)) is distinct from xinghuo.event_public_row(pg_catalog.to_jsonb(n)));
  else
    v_public_change := exists (select 1 from old_rows o where xinghuo.event_public_row(pg_catalog.to_jsonb(o)) is not null);
  end if;
  if v_public_change then
    perform xinghuo.queue_deploy_hook();
  end if;
  return null;
end;
$$;
revoke execute on function xinghuo.events_queue_deploy_hook() from public, anon, authenticated, service_role;

create trigger events_inserted_queue_deploy_hook after insert on xinghuo.events
  referencing new table as new_rows for each statement execute function xinghuo.events_queue_deploy_hook();
create trigger events_updated_queue_deploy_hook after update on xinghuo.events
  referencing old table as old_rows new table as new_rows for each statement execute function xinghuo.events_queue_deploy_hook();
create trigger events_deleted_queue_deploy_hook after delete on xinghuo.events
  referencing old table as old_rows for each statement execute function xinghuo.events_queue_deploy_hook();

-- Places are public: a published event lists its roles with places > 0.
create or replace function xinghuo.event_slots_queue_deploy_hook()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_public_change boolean;
begin
  if tg_op = 'INSERT' then
    v_public_change := exists (
      select 1 from new_rows n join xinghuo.events e on e.id = n.event_id
      where n.slots > 0 and e.publication = 'published');
  elsif tg_op = 'UPDATE' then
    v_public_change := exists (
      select 1 from old_rows o join new_rows n on n.event_id = o.event_id and n.role = o.role
      join xinghuo.events e on e.id = n.event_id
      where n.slots is distinct from o.slots and e.publication = 'published');
  else
    v_public_change := exists (
      select 1 from old_rows o join xinghuo.events e on e.id = o.event_id
      where o.slots > 0 and e.publication = 'published');
  end if;
  if v_public_change then
    perform xinghuo.queue_deploy_hook();
  end if;
  return null;
end;
$$;
revoke execute on function xinghuo.event_slots_queue_deploy_hook() from public, anon, authenticated, service_role;

create trigger event_slots_inserted_queue_deploy_hook after insert on xinghuo.event_slots
  referencing new table as new_rows for each statement execute function xinghuo.event_slots_queue_deploy_hook();
create trigger event_slots_updated_queue_deploy_hook after update on xinghuo.event_slots
  referencing old table as old_rows new table as new_rows for each statement execute function xinghuo.event_slots_queue_deploy_hook();
create trigger event_slots_deleted_queue_deploy_hook after delete on xinghuo.event_slots
  referencing old table as old_rows for each statement execute function xinghuo.event_slots_queue_deploy_hook();

-- A renamed or re-ordered role, or a renamed series, shows on every published event that uses it.
create or replace function xinghuo.roles_queue_deploy_hook()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if exists (
    select 1 from old_rows o join new_rows n on n.id = o.id
    join xinghuo.event_slots es on es.role = n.id and es.slots > 0
    join xinghuo.events e on e.id = es.event_id and e.publication = 'published'
    where (n.label, n.sort_order) is distinct from (o.label, o.sort_order)) then
    perform xinghuo.queue_deploy_hook();
  end if;
  return null;
end;
$$;
revoke execute on function xinghuo.roles_queue_deploy_hook() from public, anon, authenticated, service_role;

create trigger volunteer_roles_updated_queue_deploy_hook after update on xinghuo.volunteer_roles
  referencing old table as old_rows new table as new_rows for each statement execute function xinghuo.roles_queue_deploy_hook();

create or replace function xinghuo.series_queue_deploy_hook()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if exists (
    select 1 from old_rows o join new_rows n on n.id = o.id
    join xinghuo.events e on e.series_id = n.id and e.publication = 'published'
    where n.title is distinct from o.title) then
    perform xinghuo.queue_deploy_hook();
  end if;
  return null;
end;
$$;
revoke execute on function xinghuo.series_queue_deploy_hook() from public, anon, authenticated, service_role;

create trigger event_series_updated_queue_deploy_hook after update on xinghuo.event_series
  referencing old table as old_rows new table as new_rows for each statement execute function xinghuo.series_queue_deploy_hook();
