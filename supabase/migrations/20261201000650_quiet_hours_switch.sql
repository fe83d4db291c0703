-- Quiet hours can be switched off per database: a local stack used for an end-to-end journey must
-- deliver a reminder whatever the hour the test runs at (tests/db holds the boundaries with quiet
-- hours on, as production keeps them).
create table xinghuo.quiet_hours_settings (
  only_row boolean primary key default true check (only_row),
  enabled boolean not null default true
);
insert into xinghuo.quiet_hours_settings default values;
alter table xinghuo.quiet_hours_settings enable row level security;
revoke all on xinghuo.quiet_hours_settings from public, anon, authenticated, service_role;

create or replace function xinghuo.outside_quiet_hours(p_at timestamptz)
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select case
    when not (select q.enabled from xinghuo.quiet_hours_settings q) then p_at
    when (p_at at time zone 'Asia/Shanghai')::time < time '08:00'
      then (date_trunc('day', p_at at time zone 'Asia/Shanghai') + interval '8 hours') at time zone 'Asia/Shanghai'
    when (p_at at time zone 'Asia/Shanghai')::time >= time '21:00'
      then (date_trunc('day', p_at at time zone 'Asia/Shanghai') + interval '1 day 8 hours') at time zone 'Asia/Shanghai'
    else p_at
  end
$$;
revoke execute on function xinghuo.outside_quiet_hours(timestamptz) from public, anon, authenticated, service_role;
