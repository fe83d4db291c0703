-- Branches (支行), issue 14: the team reports per branch, and a branch's coordinators run only their
-- own branch's events and figures, while a team lead (团队负责人) sees and runs every branch.
-- xinghuo.branches is the one list of branches; an event belongs to at most one (null: the team's
-- own event, 不属任何支行, which only a team lead runs). Retired branches stay on the events and
-- figures that used them.

create table xinghuo.branches (
  id text primary key check (id ~ '^[a-z][a-z0-9-]{1,31}$'),
  label text not null unique check (length(btrim(label)) between 1 and 30),
  sort int not null default 0,
  retired_at timestamptz,
  created_at timestamptz not null default now()
);
alter table xinghuo.branches enable row level security;
revoke all on xinghuo.branches from public, anon, authenticated, service_role;

-- A coordinator is a team lead or belongs to a branch (or both: a lead may be based at a branch).
-- Every coordinator before this round ran everything, so each becomes a team lead.
alter table xinghuo.coordinators
  add column branch_id text references xinghuo.branches (id),
  add column team_lead boolean not null default false;
update xinghuo.coordinators set team_lead = true;
alter table xinghuo.coordinators
  add constraint coordinators_have_scope check (team_lead or branch_id is not null);
create index coordinators_branch_idx on xinghuo.coordinators (branch_id) where branch_id is not null;

alter table xinghuo.events add column branch_id text references xinghuo.branches (id);
create index events_branch_idx on xinghuo.events (branch_id) where branch_id is not null;

-- The caller's scope (call after coord_assert): whether they lead the team, and their branch.
create function xinghuo.caller_is_team_lead() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce((select c.team_lead from xinghuo.coordinators c
                   where c.user_id = (select auth.uid()) and c.active), false)
$$;
revoke execute on function xinghuo.caller_is_team_lead() from public, anon, authenticated, service_role;

-- The branch a branch coordinator is limited to; null for a team lead (no limit).
create function xinghuo.caller_branch() returns text
language sql stable security definer
set search_path = ''
as $$
  select case when c.team_lead then null else c.branch_id end
  from xinghuo.coordinators c
  where c.user_id = (select auth.uid()) and c.active
$$;
revoke execute on function xinghuo.caller_branch() from public, anon, authenticated, service_role;

-- Whether the caller may run things of this branch (null: the team's own, a lead's only).
create function xinghuo.in_caller_scope(p_branch_id text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select xinghuo.caller_is_team_lead() or (p_branch_id is not null and p_branch_id = xinghuo.caller_branch())
$$;
revoke execute on function xinghuo.in_caller_scope(text) from public, anon, authenticated, service_role;

-- The gate of every coordinator RPC about one event: a coordinator, and the event in their scope.
-- A missing event passes here, so each RPC still answers its own `event_not_found`.
create function xinghuo.coord_assert_event(p_event_id bigint) returns void
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_branch text;
begin
  perform xinghuo.coord_assert();
  select e.branch_id into v_branch from xinghuo.events e where e.id = p_event_id;
  if found and not xinghuo.in_caller_scope(v_branch) then
    raise exception 'branch_forbidden' using errcode = '42501', detail = 'another branch''s event';
  end if;
end;
$$;
revoke execute on function xinghuo.coord_assert_event(bigint) from public, anon, authenticated, service_role;

-- Every coordinator: the branches (for pickers and filters) and the caller's own scope.
create function public.coord_branches() returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return pg_catalog.jsonb_build_object(
    'branches', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
          'id', b.id, 'label', b.label, 'sort', b.sort, 'retired', b.retired_at is not null)
        order by b.retired_at is not null, b.sort, b.id)
      from xinghuo.branches b), '[]'::jsonb),
    'scope', pg_catalog.jsonb_build_object(
      'team_lead', xinghuo.caller_is_team_lead(), 'branch_id',
      (select c.branch_id from xinghuo.coordinators c where c.user_id = (select auth.uid()))));
end;
$$;
revoke execute on function public.coord_branches() from public, anon, authenticated, service_role;
grant execute on function public.coord_branches() to authenticated;
