-- 服务时长, one definition everywhere (issue 14, branch contract). An event's service minutes =
--   Σ xinghuo.service_minutes(signup, event) over its sign-ups (0710: check-in → check-out, or the
--   scheduled length once the coordinator confirmed it)
--   + greatest(volunteers present − check-ins, 0) × the scheduled minutes (volunteers a report
--   correction adds were not checked in, so they are credited the scheduled length).
-- Before this the dashboard counted volunteers present × scheduled length while the roster and the
-- volunteer record counted check-in/out, so the three disagreed.
-- The dashboard's 100 ms budget at 100,000 sign-ups rules out summing sign-ups per request, so the
-- sum is kept as two running tallies beside the check-ins (0505), exact in the same transaction:
--   open_checkins       confirmed sign-ups checked in without a check-out (credited the scheduled
--                       length once it is confirmed: that depends on the event row, so it is
--                       multiplied in the view, not in the tally);
--   checked_out_minutes Σ whole minutes check-in → check-out of confirmed sign-ups.
-- Together they equal Σ service_minutes exactly (a db test holds them equal to the live sum).

alter table xinghuo.event_tallies
  add column if not exists open_checkins integer not null default 0 check (open_checkins >= 0),
  add column if not exists checked_out_minutes bigint not null default 0 check (checked_out_minutes >= 0);

-- What one sign-up adds to the two tallies (the cases of xinghuo.service_minutes that do not need
-- the event row).
create or replace function xinghuo.signup_service_share(p_status text, p_in timestamptz, p_out timestamptz,
  out open_checkins integer, out checked_out_minutes bigint)
language sql
immutable
set search_path = ''
as $$
  select
    case when p_status = 'confirmed' and p_in is not null and p_out is null then 1 else 0 end,
    case when p_status = 'confirmed' and p_in is not null and p_out is not null
      then pg_catalog.floor(extract(epoch from p_out - p_in) / 60)::bigint else 0 end
$$;
revoke execute on function xinghuo.signup_service_share(text, timestamptz, timestamptz) from public, anon, authenticated;

create or replace function xinghuo.tally_signup_service()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  o record;
  n record;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    o := xinghuo.signup_service_share(old.status, old.checked_in_at, old.checked_out_at);
    if o.open_checkins <> 0 or o.checked_out_minutes <> 0 then
      update xinghuo.event_tallies t set open_checkins = t.open_checkins - o.open_checkins,
          checked_out_minutes = t.checked_out_minutes - o.checked_out_minutes
        where t.event_id = old.event_id;
    end if;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    n := xinghuo.signup_service_share(new.status, new.checked_in_at, new.checked_out_at);
    if n.open_checkins <> 0 or n.checked_out_minutes <> 0 then
      insert into xinghuo.event_tallies as t (event_id, open_checkins, checked_out_minutes)
        values (new.event_id, n.open_checkins, n.checked_out_minutes)
        on conflict (event_id) do update set open_checkins = t.open_checkins + excluded.open_checkins,
          checked_out_minutes = t.checked_out_minutes + excluded.checked_out_minutes;
    end if;
  end if;
  return null;
end;
$$;
revoke execute on function xinghuo.tally_signup_service() from public, anon, authenticated;

-- As in 0505, the WHEN clauses keep sign-ups that never checked in free of any extra work. A share
-- is only ever taken from a row an earlier insert upserted, so trigger order does not matter.
drop trigger if exists signups_tally_service_insert on xinghuo.signups;
create trigger signups_tally_service_insert after insert on xinghuo.signups
  for each row when (new.checked_in_at is not null) execute function xinghuo.tally_signup_service();
drop trigger if exists signups_tally_service_update on xinghuo.signups;
create trigger signups_tally_service_update after update of checked_in_at, checked_out_at, status, event_id on xinghuo.signups
  for each row when (old.checked_in_at is distinct from new.checked_in_at or old.checked_out_at is distinct from new.checked_out_at
                     or old.status is distinct from new.status or old.event_id is distinct from new.event_id)
  execute function xinghuo.tally_signup_service();
drop trigger if exists signups_tally_service_delete on xinghuo.signups;
create trigger signups_tally_service_delete after delete on xinghuo.signups
  for each row when (old.checked_in_at is not null) execute function xinghuo.tally_signup_service();

-- Start from the truth for rows that already exist.
insert into xinghuo.event_tallies as t (event_id, open_checkins, checked_out_minutes)
select g.event_id, sum(s.open_checkins), sum(s.checked_out_minutes)
from xinghuo.signups g
cross join lateral xinghuo.signup_service_share(g.status, g.checked_in_at, g.checked_out_at) s
where g.checked_in_at is not null
group by g.event_id
on conflict (event_id) do update set open_checkins = excluded.open_checkins, checked_out_minutes = excluded.checked_out_minutes;
