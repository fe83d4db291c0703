-- Material kinds are retired, not deleted (issue 14): a kind added once (e.g. a one-off calendar)
-- no longer appears on new reports, while reports that used it keep their lines and totals.

alter table xinghuo.material_kinds add column if not exists retired_at timestamptz;

-- The kinds a report form offers: every kind in use, plus retired kinds this event's report already
-- has a line for (so editing an old report never drops or hides its figures).
create or replace function xinghuo.material_kinds_json(p_event_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', k.id, 'label', k.label, 'retired', k.retired_at is not null)
      order by k.sort, k.id), '[]'::jsonb)
  from xinghuo.material_kinds k
  where k.retired_at is null
     or exists (select 1 from xinghuo.report_materials m where m.event_id = p_event_id and m.kind = k.id);
$$;
revoke execute on function xinghuo.material_kinds_json(bigint) from public, anon, authenticated;

-- The catalogue for the coordinators' list (retired ones included, with how many reports use each).
create or replace function public.coord_material_kinds()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', k.id, 'label', k.label, 'retired_at', k.retired_at,
        'reports_count', (select count(*) from xinghuo.report_materials m where m.kind = k.id))
      order by k.retired_at is not null, k.sort, k.id)
    from xinghuo.material_kinds k), '[]'::jsonb);
end;
$$;

create or replace function xinghuo.material_kind_set_retired(p_id text, p_retired boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id text;
begin
  perform xinghuo.coord_assert();
  update xinghuo.material_kinds k
    set retired_at = case when p_retired then coalesce(k.retired_at, now()) end
    where k.id = p_id
    returning k.id into v_id;
  if v_id is null then
    raise exception 'material_kind_unknown' using errcode = 'P0001', detail = 'unknown material kind', hint = 'id';
  end if;
  return public.coord_material_kinds();
end;
$$;
revoke execute on function xinghuo.material_kind_set_retired(text, boolean) from public, anon, authenticated;

create or replace function public.coord_retire_material_kind(p_id text)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select xinghuo.material_kind_set_retired(p_id, true);
$$;

create or replace function public.coord_restore_material_kind(p_id text)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select xinghuo.material_kind_set_retired(p_id, false);
$$;

-- As in 0504; answers the catalogue so the form and the list refresh from one reply.
create or replace function public.coord_add_material_kind(p_id text, p_label text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id text := lower(btrim(coalesce(p_id, '')));
  v_label text := btrim(coalesce(p_label, ''));
begin
  perform xinghuo.coord_assert();
  if v_id !~ '^[a-z][a-z0-9-]{1,30}$' then
    raise exception 'material_kind_id_invalid' using errcode = 'P0001', detail = '2-31 lowercase letters, digits or hyphens', hint = 'id';
  end if;
  if char_length(v_label) not between 1 and 20 then
    raise exception 'material_kind_label_invalid' using errcode = 'P0001', detail = '1-20 characters', hint = 'label';
  end if;
  -- A retired kind of the same name is restored rather than duplicated.
  if exists (select 1 from xinghuo.material_kinds k where (k.id = v_id or k.label = v_label) and k.retired_at is not null) then
    raise exception 'material_kind_retired' using errcode = 'P0001', detail = 'this kind exists but is retired: restore it', hint = 'label';
  end if;
  if exists (select 1 from xinghuo.material_kinds k where k.id = v_id or k.label = v_label) then
    raise exception 'material_kind_exists' using errcode = 'P0001', detail = 'this kind already exists', hint = 'label';
  end if;
  insert into xinghuo.material_kinds (id, label) values (v_id, v_label);
  return public.coord_material_kinds();
end;
$$;

revoke execute on function public.coord_material_kinds(), public.coord_retire_material_kind(text),
  public.coord_restore_material_kind(text), public.coord_add_material_kind(text, text)
  from public, anon, authenticated;
grant execute on function public.coord_material_kinds(), public.coord_retire_material_kind(text),
  public.coord_restore_material_kind(text), public.coord_add_material_kind(text, text)
  to authenticated;
