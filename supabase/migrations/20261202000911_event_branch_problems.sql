-- The one validator of an event (20261202000140) also judges its 支行: the checks of every other
-- field keep their body (renamed event_field_problems); xinghuo.event_problems is those problems
-- plus the branch's, so every caller (save, series, import, publish) gets both from one name.
-- Texts in src/lib/programme-errors.ts.

-- The branch an event asks for (xinghuo.event_branch: omitted → kept or the caller's): a branch that
-- exists (branch_unknown), not retired unless the event is already in it (branch_retired, as a
-- retired venue), and inside the caller's scope: a branch coordinator may use only their own branch
-- and may not leave an event without one (branch_forbidden). The limit is xinghuo.caller_branch():
-- null for a team lead, and for no coordinator at all (the RPCs refuse those before validating;
-- the seed and the tests judge stored events with it as well).
create function xinghuo.branch_problems(p_event jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_given jsonb;
  v_branch xinghuo.branches;
  v_stored text;
  v_limit text := xinghuo.caller_branch();
begin
  if pg_catalog.jsonb_typeof(p_event) is distinct from 'object' then
    return '[]';
  end if;
  v_given := xinghuo.event_branch(p_event);
  if v_given = 'null' then
    return case when v_limit is null then '[]'::jsonb else xinghuo.problem('branch_id', 'branch_forbidden') end;
  end if;
  if pg_catalog.jsonb_typeof(v_given) = 'string' then
    select * into v_branch from xinghuo.branches b where b.id = v_given #>> '{}';
  end if;
  if pg_catalog.jsonb_typeof(p_event -> 'id') = 'number' then
    select e.branch_id into v_stored from xinghuo.events e where e.id = (p_event ->> 'id')::numeric;
  end if;
  return case
    when v_branch.id is null then xinghuo.problem('branch_id', 'branch_unknown')
    when v_branch.id <> v_limit then xinghuo.problem('branch_id', 'branch_forbidden')
    when v_branch.retired_at is not null and v_branch.id is distinct from v_stored then xinghuo.problem('branch_id', 'branch_retired')
    else '[]'::jsonb end;
end;
$$;
revoke execute on function xinghuo.branch_problems(jsonb) from public, anon, authenticated, service_role;

alter function xinghuo.event_problems(jsonb) rename to event_field_problems;

create function xinghuo.event_problems(p_event jsonb)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select xinghuo.event_field_problems(p_event) || xinghuo.branch_problems(p_event)
$$;
revoke execute on function xinghuo.event_problems(jsonb) from public, anon, authenticated, service_role;
