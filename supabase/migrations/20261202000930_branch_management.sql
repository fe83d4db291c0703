-- Team leads manage the 支行 list (add, rename, retire, restore: xinghuo.branches of 20261202000900)
-- and who runs what: each coordinator's branch and lead role. Everyone else hears lead_only (42501).
-- Field problems come as branch_invalid / scope_invalid with every problem at once, as the event
-- form's do; texts in src/lib/programme-errors.ts.

-- The gate of the lead-only RPCs (and of anything about no branch at all, such as a message about
-- no event): a coordinator who leads the team.
create function xinghuo.coord_assert_lead()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  if not xinghuo.caller_is_team_lead() then
    raise exception 'lead_only' using errcode = '42501', detail = 'team leads only';
  end if;
end;
$$;
revoke execute on function xinghuo.coord_assert_lead() from public, anon, authenticated, service_role;

-- New branches get ids branch-1, branch-2 … (the demo's own ids, such as shinan, stay).
create sequence xinghuo.branch_number;
revoke all on sequence xinghuo.branch_number from public, anon, authenticated, service_role;

-- {id?, label, sort?} → {id}. No id: a new branch, placed last unless a sort is given. With id: a
-- rename and/or move; the id stays, so events, coordinators and figures keep pointing at it.
create function public.coord_save_branch(p_branch jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_problems jsonb := '[]';
  v_id text;
  v_label text;
  v_sort int;
begin
  perform xinghuo.coord_assert_lead();
  if pg_catalog.jsonb_typeof(p_branch) is distinct from 'object' then
    perform xinghuo.raise_problems('branch_invalid', xinghuo.problem('form', 'branch_input_not_object'));
  end if;
  if p_branch ? 'id' and p_branch -> 'id' <> 'null' then
    v_id := xinghuo.json_text(p_branch -> 'id');
    perform 1 from xinghuo.branches b where b.id = v_id for update;
    if not found then
      raise exception 'branch_not_found' using errcode = 'P0001', detail = 'no branch with this id';
    end if;
  end if;

  v_label := xinghuo.clean_text(p_branch ->> 'label');
  v_problems := v_problems || case
    when pg_catalog.jsonb_typeof(p_branch -> 'label') is distinct from 'string' or v_label = ''
      then xinghuo.problem('label', 'branch_label_required')
    when pg_catalog.char_length(v_label) > 30 then xinghuo.problem('label', 'branch_label_too_long')
    when xinghuo.organisation_has_bad_chars(v_label) then xinghuo.problem('label', 'branch_label_invalid')
    when exists (select 1 from xinghuo.branches b where b.label = v_label and b.id is distinct from v_id)
      then xinghuo.problem('label', 'branch_label_taken')
    else '[]' end;
  if p_branch ? 'sort' and p_branch -> 'sort' <> 'null' then
    if pg_catalog.jsonb_typeof(p_branch -> 'sort') <> 'number'
       or (p_branch ->> 'sort')::numeric not between 0 and 100000
       or (p_branch ->> 'sort')::numeric <> pg_catalog.trunc((p_branch ->> 'sort')::numeric) then
      v_problems := v_problems || xinghuo.problem('sort', 'branch_sort_invalid');
    else
      v_sort := (p_branch ->> 'sort')::int;
    end if;
  end if;
  perform xinghuo.raise_problems('branch_invalid', v_problems);

  begin
    if v_id is null then
      loop
        v_id := 'branch-' || pg_catalog.nextval('xinghuo.branch_number');
        exit when not exists (select 1 from xinghuo.branches b where b.id = v_id);
      end loop;
      insert into xinghuo.branches (id, label, sort)
      values (v_id, v_label, coalesce(v_sort, (select coalesce(pg_catalog.max(b.sort), 0) + 10 from xinghuo.branches b)));
    else
      update xinghuo.branches b set label = v_label, sort = coalesce(v_sort, b.sort) where b.id = v_id;
    end if;
  exception when unique_violation then
    -- Two leads saving the same new label at once: the second hears it is taken.
    perform xinghuo.raise_problems('branch_invalid', xinghuo.problem('label', 'branch_label_taken'));
  end;
  return pg_catalog.jsonb_build_object('id', v_id);
end;
$$;
revoke execute on function public.coord_save_branch(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.coord_save_branch(jsonb) to authenticated;

-- Retired: offered for no new event or coordinator (branch_retired where they are saved); the events,
-- coordinators and figures that have it keep it. Restoring offers it again.
create function xinghuo.set_branch_retired(p_id text, p_retire boolean)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v xinghuo.branches;
begin
  perform xinghuo.coord_assert_lead();
  select * into v from xinghuo.branches b where b.id = p_id for update;
  if not found then
    raise exception 'branch_not_found' using errcode = 'P0001', detail = 'no branch with this id';
  end if;
  if p_retire and v.retired_at is not null then
    raise exception 'branch_already_retired' using errcode = 'P0001', detail = 'the branch is retired already';
  end if;
  if not p_retire and v.retired_at is null then
    raise exception 'branch_not_retired' using errcode = 'P0001', detail = 'the branch is active';
  end if;
  update xinghuo.branches b set retired_at = case when p_retire then pg_catalog.now() end
  where b.id = p_id returning * into v;
  return pg_catalog.jsonb_build_object('id', v.id, 'retired', v.retired_at is not null);
end;
$$;
revoke execute on function xinghuo.set_branch_retired(text, boolean) from public, anon, authenticated, service_role;

create function public.coord_retire_branch(p_id text)
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select xinghuo.set_branch_retired(p_id, true)
$$;
revoke execute on function public.coord_retire_branch(text) from public, anon, authenticated, service_role;
grant execute on function public.coord_retire_branch(text) to authenticated;

create function public.coord_restore_branch(p_id text)
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select xinghuo.set_branch_retired(p_id, false)
$$;
revoke execute on function public.coord_restore_branch(text) from public, anon, authenticated, service_role;
grant execute on function public.coord_restore_branch(text) to authenticated;

-- Every coordinator and what they run, for the lead's 「支行与协调员」 screen: names and scope only
-- (no e-mail addresses: the screen needs none). user_id is the key coord_set_coordinator_scope takes.
create function public.coord_coordinators()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert_lead();
  return coalesce((
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'user_id', c.user_id, 'display_name', c.display_name, 'active', c.active,
        'branch_id', c.branch_id, 'branch_label', b.label, 'team_lead', c.team_lead,
        'is_me', c.user_id = (select auth.uid()))
      order by not c.active, c.display_name, c.user_id)
    from xinghuo.coordinators c left join xinghuo.branches b on b.id = c.branch_id), '[]'::jsonb);
end;
$$;
revoke execute on function public.coord_coordinators() from public, anon, authenticated, service_role;
grant execute on function public.coord_coordinators() to authenticated;

-- Sets one coordinator's branch and lead role. A coordinator who is not a lead needs a branch
-- (branch_required); a branch must exist and, when newly given, not be retired. The team never
-- loses its last active lead (last_team_lead): leads are locked, so two leads stepping down at
-- once cannot both succeed.
create function public.coord_set_coordinator_scope(p_user_id uuid, p_branch_id text, p_team_lead boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v xinghuo.coordinators;
  v_branch xinghuo.branches;
  v_branch_id text := nullif(pg_catalog.btrim(p_branch_id), '');
begin
  perform xinghuo.coord_assert_lead();
  perform 1 from xinghuo.coordinators c where c.team_lead and c.active for update;
  select * into v from xinghuo.coordinators c where c.user_id = p_user_id for update;
  if not found then
    raise exception 'coordinator_not_found' using errcode = 'P0001', detail = 'no coordinator with this id';
  end if;
  if v_branch_id is not null then
    select * into v_branch from xinghuo.branches b where b.id = v_branch_id;
  end if;
  perform xinghuo.raise_problems('scope_invalid', case
    when p_team_lead is null then xinghuo.problem('team_lead', 'team_lead_required')
    when v_branch_id is not null and v_branch.id is null then xinghuo.problem('branch_id', 'branch_unknown')
    when v_branch.retired_at is not null and v_branch.id is distinct from v.branch_id then xinghuo.problem('branch_id', 'branch_retired')
    when v_branch_id is null and not p_team_lead then xinghuo.problem('branch_id', 'branch_required')
    else '[]' end);
  update xinghuo.coordinators c set branch_id = v_branch_id, team_lead = p_team_lead
  where c.user_id = p_user_id returning * into v;
  if not exists (select 1 from xinghuo.coordinators c where c.team_lead and c.active) then
    raise exception 'last_team_lead' using errcode = 'P0001', detail = 'the team keeps at least one active lead';
  end if;
  return pg_catalog.jsonb_build_object('user_id', v.user_id, 'branch_id', v.branch_id, 'team_lead', v.team_lead);
end;
$$;
revoke execute on function public.coord_set_coordinator_scope(uuid, text, boolean) from public, anon, authenticated, service_role;
grant execute on function public.coord_set_coordinator_scope(uuid, text, boolean) to authenticated;
