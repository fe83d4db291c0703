-- Who runs a branch, said once: an active coordinator who leads the team, or whose branch it is
-- (an event of no branch is the leads' alone). The caller's scope (xinghuo.in_caller_scope of
-- 20261202000900, same meaning) and the staffing alerts, which run with no caller, both ask it.

create function xinghuo.runs_branch(p_coordinator xinghuo.coordinators, p_branch_id text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select p_coordinator.active and (p_coordinator.team_lead or (p_branch_id is not null and p_branch_id = p_coordinator.branch_id))
$$;
revoke execute on function xinghuo.runs_branch(xinghuo.coordinators, text) from public, anon, authenticated, service_role;

create or replace function xinghuo.in_caller_scope(p_branch_id text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((select xinghuo.runs_branch(c, p_branch_id) from xinghuo.coordinators c where c.user_id = (select auth.uid())), false)
$$;
revoke execute on function xinghuo.in_caller_scope(text) from public, anon, authenticated, service_role;

-- A short-staffed event is e-mailed to the coordinators who run its branch, not to every branch's.
-- Otherwise as 20261202000176.
create or replace function public.send_staffing_alerts()
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_short record;
  v_count integer := 0;
begin
  for v_short in
    select e.id, e.title, e.starts_at, es.role, es.slots - count(s.id) filter (where s.status = 'confirmed') as missing,
           u.id as user_id, u.email
    from xinghuo.events e
    join xinghuo.event_slots es on es.event_id = e.id and es.slots > 0
    left join xinghuo.signups s on s.event_id = e.id and s.role = es.role
    cross join xinghuo.coordinators c
    join auth.users u on u.id = c.user_id and u.email is not null
    where e.status = 'scheduled' and e.publication = 'published' and xinghuo.runs_branch(c, e.branch_id)
      and e.starts_at > pg_catalog.now() and e.starts_at <= pg_catalog.now() + interval '48 hours'
    group by e.id, e.title, e.starts_at, es.role, es.slots, u.id, u.email
    having es.slots > count(s.id) filter (where s.status = 'confirmed')
  loop
    perform xinghuo.enqueue_message('email', v_short.email, 'staffing_alert',
      pg_catalog.jsonb_build_object('event', v_short.title, 'time', xinghuo.event_time_label(v_short.starts_at),
        'role', xinghuo.role_label(v_short.role),
        'missing', v_short.missing::text),
      'staffing:' || v_short.id || ':' || v_short.role || ':' || v_short.user_id || ':'
        || pg_catalog.to_char(pg_catalog.now() at time zone 'Asia/Shanghai', 'YYYYMMDD'));
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;
revoke all on function public.send_staffing_alerts() from public, anon, authenticated, service_role;
grant execute on function public.send_staffing_alerts() to service_role;
