-- Coordinators: which signed-in users may see rosters and record reach. A row per auth user.
create table xinghuo.coordinators (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (length(display_name) between 1 and 60),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
alter table xinghuo.coordinators enable row level security;
revoke all on xinghuo.coordinators from public, anon, authenticated, service_role;

-- For coordinator RPCs (security definer) to check their caller. Not callable through the API.
create function xinghuo.is_coordinator() returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from xinghuo.coordinators c
    where c.user_id = (select auth.uid()) and c.active
  )
$$;
revoke execute on function xinghuo.is_coordinator() from public, anon, authenticated, service_role;

-- Lets the coordinator app tell "signed in but not a coordinator" apart: the caller's own profile
-- as {display_name, active}, or null when the user is not a coordinator at all.
create function public.my_coordinator_profile() returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('display_name', c.display_name, 'active', c.active)
  from xinghuo.coordinators c
  where c.user_id = (select auth.uid())
$$;
revoke execute on function public.my_coordinator_profile() from public, anon, authenticated, service_role;
grant execute on function public.my_coordinator_profile() to authenticated;
