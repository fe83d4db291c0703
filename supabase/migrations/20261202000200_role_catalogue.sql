-- The editable volunteer-role catalogue (issue #10): coordinators add, rename, retire and restore
-- roles in xinghuo.volunteer_roles (created with the five first roles by the programme schema). The
-- id never changes, so sign-ups, places and history keep pointing at the role through a rename; a
-- retired role keeps them and only stops being offered for new places (role_retired, checked where
-- events are saved).

-- New roles are numbered after the five first ones: role_6, role_7 …
create sequence xinghuo.volunteer_role_number start with 6 owned by xinghuo.volunteer_roles.id;
revoke all on sequence xinghuo.volunteer_role_number from public, anon, authenticated, service_role;

-- A label is compared as people read it: cleaned of invisible characters and edge spaces, case folded.
create unique index volunteer_roles_label_key_idx on xinghuo.volunteer_roles (pg_catalog.lower(label));

create or replace function xinghuo.role_invalid(p_problems jsonb)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'role_invalid_input' using errcode = 'P0001', detail = p_problems::text;
end;
$$;
revoke execute on function xinghuo.role_invalid(jsonb) from public, anon, authenticated, service_role;

-- Every role, active first in sort order, with how much hangs off it (so nobody retires a role
-- without seeing what uses it).
create or replace function public.coord_roles()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return coalesce((
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'id', r.id, 'label', r.label, 'sort_order', r.sort_order, 'retired_at', r.retired_at,
        'events_count', (select pg_catalog.count(*) from xinghuo.event_slots es where es.role = r.id and es.slots > 0),
        'signups_count', (select pg_catalog.count(*) from xinghuo.signups s where s.role = r.id))
      order by r.retired_at is not null, r.sort_order, r.id)
    from xinghuo.volunteer_roles r), '[]'::jsonb);
end;
$$;
revoke all on function public.coord_roles() from public, anon, authenticated, service_role;
grant execute on function public.coord_roles() to authenticated;

-- {id?, label, sort_order?} → {id}. No id: a new role (id generated, placed last unless a sort order
-- is given). With id: rename and/or move; the id stays. Every field problem is reported at once.
create or replace function public.coord_save_role(p_role jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_problems jsonb := '[]'::jsonb;
  v_id text;
  v_label text;
  v_sort_order integer;
begin
  perform xinghuo.coord_assert();
  if p_role is null or pg_catalog.jsonb_typeof(p_role) <> 'object' then
    perform xinghuo.role_invalid('[{"field":"role","code":"role_input_not_object"}]');
  end if;

  if p_role ? 'id' and p_role -> 'id' <> 'null'::jsonb then
    if pg_catalog.jsonb_typeof(p_role -> 'id') <> 'string' then
      raise exception 'role_not_found' using errcode = 'P0001', detail = 'id must name a role';
    end if;
    v_id := p_role ->> 'id';
    perform 1 from xinghuo.volunteer_roles r where r.id = v_id for update;
    if not found then
      raise exception 'role_not_found' using errcode = 'P0001', detail = 'no role with this id';
    end if;
  end if;

  if pg_catalog.jsonb_typeof(p_role -> 'label') is distinct from 'string' then
    v_problems := v_problems || '[{"field":"label","code":"role_label_required"}]';
  else
    v_label := xinghuo.clean_text(p_role ->> 'label');
    if v_label = '' then
      v_problems := v_problems || '[{"field":"label","code":"role_label_required"}]';
    elsif pg_catalog.char_length(v_label) > 40 then
      v_problems := v_problems || '[{"field":"label","code":"role_label_too_long"}]';
    elsif xinghuo.organisation_has_bad_chars(v_label) then
      v_problems := v_problems || '[{"field":"label","code":"role_label_invalid"}]';
    elsif exists (select 1 from xinghuo.volunteer_roles r
                  where pg_catalog.lower(r.label) = pg_catalog.lower(v_label) and r.id is distinct from v_id) then
      v_problems := v_problems || '[{"field":"label","code":"role_label_taken"}]';
    end if;
  end if;

  if p_role ? 'sort_order' and p_role -> 'sort_order' <> 'null'::jsonb then
    if pg_catalog.jsonb_typeof(p_role -> 'sort_order') <> 'number'
       or (p_role ->> 'sort_order')::numeric not between 0 and 100000
       or (p_role ->> 'sort_order')::numeric <> pg_catalog.trunc((p_role ->> 'sort_order')::numeric) then
      v_problems := v_problems || '[{"field":"sort_order","code":"role_sort_order_invalid"}]';
    else
      v_sort_order := (p_role ->> 'sort_order')::integer;
    end if;
  end if;

  if pg_catalog.jsonb_array_length(v_problems) > 0 then
    perform xinghuo.role_invalid(v_problems);
  end if;

  begin
    if v_id is null then
      loop
        v_id := 'role_' || pg_catalog.nextval('xinghuo.volunteer_role_number');
        exit when not exists (select 1 from xinghuo.volunteer_roles r where r.id = v_id);
      end loop;
      insert into xinghuo.volunteer_roles (id, label, sort_order)
      values (v_id, v_label,
              coalesce(v_sort_order, (select coalesce(pg_catalog.max(r.sort_order), 0) + 10 from xinghuo.volunteer_roles r)));
    else
      update xinghuo.volunteer_roles r
      set label = v_label, sort_order = coalesce(v_sort_order, r.sort_order)
      where r.id = v_id;
    end if;
  exception when unique_violation then
    -- Two coordinators saving the same new label at once: the second one hears it is taken.
    perform xinghuo.role_invalid('[{"field":"label","code":"role_label_taken"}]');
  end;
  return pg_catalog.jsonb_build_object('id', v_id);
end;
$$;
revoke all on function public.coord_save_role(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.coord_save_role(jsonb) to authenticated;

-- Retired: no new places in it (events keep the places, sign-ups and history they have). The last
-- active role cannot go, or no event could be given places. Restoring offers it again.
create or replace function xinghuo.set_role_retired(p_role_id text, p_retire boolean)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_role xinghuo.volunteer_roles%rowtype;
begin
  -- All active roles locked: two coordinators retiring the last two at once cannot both succeed.
  perform 1 from xinghuo.volunteer_roles r where r.retired_at is null for update;
  select * into v_role from xinghuo.volunteer_roles r where r.id = p_role_id for update;
  if not found then
    raise exception 'role_not_found' using errcode = 'P0001', detail = 'no role with this id';
  end if;
  if p_retire and v_role.retired_at is not null then
    raise exception 'role_already_retired' using errcode = 'P0001', detail = 'the role is retired already';
  end if;
  if not p_retire and v_role.retired_at is null then
    raise exception 'role_not_retired' using errcode = 'P0001', detail = 'the role is active';
  end if;
  if p_retire and not exists (select 1 from xinghuo.volunteer_roles r where r.retired_at is null and r.id <> p_role_id) then
    raise exception 'role_last_active' using errcode = 'P0001', detail = 'at least one role must stay active';
  end if;
  update xinghuo.volunteer_roles r set retired_at = case when p_retire then pg_catalog.now() end
  where r.id = p_role_id
  returning * into v_role;
  return pg_catalog.jsonb_build_object('id', v_role.id, 'retired_at', v_role.retired_at);
end;
$$;
revoke execute on function xinghuo.set_role_retired(text, boolean) from public, anon, authenticated, service_role;

create or replace function public.coord_retire_role(p_role_id text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return xinghuo.set_role_retired(p_role_id, true);
end;
$$;
revoke all on function public.coord_retire_role(text) from public, anon, authenticated, service_role;
grant execute on function public.coord_retire_role(text) to authenticated;

create or replace function public.coord_restore_role(p_role_id text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return xinghuo.set_role_retired(p_role_id, false);
end;
$$;
revoke all on function public.coord_restore_role(text) from public, anon, authenticated, service_role;
grant execute on function public.coord_restore_role(text) to authenticated;
