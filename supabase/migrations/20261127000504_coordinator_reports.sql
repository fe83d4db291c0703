-- Event reports: read, save with optimistic concurrency and a revision per save, material kinds.

-- One figure from a JSON argument. Figures arrive as jsonb (not int) on purpose: PostgREST casts
-- JSON to the declared argument type, so an int argument turns 12.5 or "abc" into an opaque 22P02;
-- taking jsonb lets us answer with a specific code per field (`people_reached_not_integer`, ...).
create or replace function xinghuo.coord_figure(p_value jsonb, p_field text, p_required boolean, p_hint text default null)
returns integer
language plpgsql
immutable
set search_path = ''
as $$
declare
  v numeric;
  v_hint text := coalesce(p_hint, p_field);
begin
  if p_value is null or jsonb_typeof(p_value) = 'null' then
    if p_required then
      raise exception '%', p_field || '_required' using errcode = 'P0001', detail = 'a number is required', hint = v_hint;
    end if;
    return null;
  end if;
  if jsonb_typeof(p_value) <> 'number' then
    raise exception '%', p_field || '_invalid' using errcode = 'P0001', detail = 'must be a number, not text', hint = v_hint;
  end if;
  v := (p_value #>> '{}')::numeric;
  if v < 0 then
    raise exception '%', p_field || '_negative' using errcode = 'P0001', detail = 'must not be negative', hint = v_hint;
  end if;
  if v <> trunc(v) then
    raise exception '%', p_field || '_not_integer' using errcode = 'P0001', detail = 'must be a whole number', hint = v_hint;
  end if;
  if v > 1000000 then
    raise exception '%', p_field || '_too_large' using errcode = 'P0001', detail = 'at most 1,000,000', hint = v_hint;
  end if;
  return v::integer;
end;
$$;
revoke execute on function xinghuo.coord_figure(jsonb, text, boolean, text) from public, anon, authenticated;

-- The report as it stands (null when none saved yet): what a conflict shows and a revision stores.
create or replace function xinghuo.report_snapshot(p_event_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'version', r.version,
    'people_reached', r.people_reached,
    'volunteers_present', r.volunteers_present,
    'volunteers_adjust_reason', r.volunteers_adjust_reason,
    'questions_answered', r.questions_answered,
    'notes', r.notes,
    'materials', coalesce((select jsonb_object_agg(m.kind, m.quantity) from xinghuo.report_materials m
                           where m.event_id = r.event_id), '{}'::jsonb),
    'updated_at', r.updated_at,
    'updated_by', (select c.display_name from xinghuo.coordinators c where c.user_id = r.updated_by))
  from xinghuo.event_reports r where r.event_id = p_event_id;
$$;
revoke execute on function xinghuo.report_snapshot(bigint) from public, anon, authenticated;

create or replace function xinghuo.material_kinds_json()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', k.id, 'label', k.label) order by k.sort, k.id), '[]'::jsonb)
  from xinghuo.material_kinds k;
$$;
revoke execute on function xinghuo.material_kinds_json() from public, anon, authenticated;

create or replace function public.coord_get_report(p_event_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
begin
  perform xinghuo.coord_assert();
  e := xinghuo.coord_event_or_raise(p_event_id);
  return jsonb_build_object(
    'event', jsonb_build_object('id', e.id, 'slug', e.slug, 'title', e.title, 'starts_at', e.starts_at,
      'ends_at', e.ends_at, 'district', e.district, 'status', e.status),
    'checked_in', (select count(*) from xinghuo.signups g where g.event_id = e.id and g.checked_in_at is not null),
    'report', xinghuo.report_snapshot(e.id),
    'kinds', xinghuo.material_kinds_json(),
    'revisions', coalesce((
      select jsonb_agg(jsonb_build_object(
          'version', v.version, 'changed_at', v.changed_at,
          'changed_by', (select c.display_name from xinghuo.coordinators c where c.user_id = v.changed_by),
          'before', v.before, 'after', v.after) order by v.version desc)
      from xinghuo.report_revisions v where v.event_id = e.id), '[]'::jsonb));
end;
$$;

create or replace function public.coord_save_report(
  p_event_id bigint,
  p_expected_version integer default null,
  p_people_reached jsonb default null,
  p_volunteers_present jsonb default null,
  p_adjust_reason text default null,
  p_questions_answered jsonb default null,
  p_notes text default null,
  p_materials jsonb default '{}'::jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
  v_before jsonb;
  v_current integer;
  v_people integer;
  v_present integer;
  v_questions integer;
  v_reason text := nullif(btrim(coalesce(p_adjust_reason, '')), '');
  v_notes text := nullif(btrim(coalesce(p_notes, '')), '');
  v_checked_in integer;
  v_kind text;
  v_qty jsonb;
  v_lines jsonb := '{}'::jsonb;
  v_n integer;
  v_after jsonb;
begin
  perform xinghuo.coord_assert();
  e := xinghuo.coord_event_or_raise(p_event_id);
  if e.status <> 'scheduled' then
    raise exception 'event_not_scheduled' using errcode = 'P0001', detail = 'event is cancelled or withdrawn';
  end if;

  -- Validate everything before touching anything.
  v_people := xinghuo.coord_figure(p_people_reached, 'people_reached', true);
  v_present := xinghuo.coord_figure(p_volunteers_present, 'volunteers_present', true);
  v_questions := coalesce(xinghuo.coord_figure(p_questions_answered, 'questions_answered', false), 0);
  if p_materials is not null and jsonb_typeof(p_materials) <> 'null' then
    if jsonb_typeof(p_materials) <> 'object' then
      raise exception 'materials_invalid' using errcode = 'P0001', detail = 'materials: {kind: quantity}', hint = 'materials';
    end if;
    for v_kind, v_qty in select key, value from jsonb_each(p_materials) loop
      if not exists (select 1 from xinghuo.material_kinds k where k.id = v_kind) then
        raise exception 'material_kind_unknown' using errcode = 'P0001', detail = 'unknown material kind', hint = v_kind;
      end if;
      v_n := xinghuo.coord_figure(v_qty, 'material_quantity', false, v_kind);
      if coalesce(v_n, 0) > 0 then
        v_lines := v_lines || jsonb_build_object(v_kind, v_n);
      end if;
    end loop;
  end if;
  if char_length(v_notes) > 2000 then
    raise exception 'notes_too_long' using errcode = 'P0001', detail = 'at most 2000 characters', hint = 'notes';
  end if;
  if char_length(v_reason) > 500 then
    raise exception 'adjust_reason_too_long' using errcode = 'P0001', detail = 'at most 500 characters', hint = 'volunteers_adjust_reason';
  end if;

  -- One save at a time per event: lock the event row, then compare versions.
  perform 1 from xinghuo.events where id = e.id for update;
  select count(*) into v_checked_in from xinghuo.signups g where g.event_id = e.id and g.checked_in_at is not null;
  if v_present <> v_checked_in and v_reason is null then
    raise exception 'adjust_reason_required' using errcode = 'P0001',
      detail = format('volunteers present (%s) differs from check-ins (%s): give a reason', v_present, v_checked_in),
      hint = 'volunteers_adjust_reason';
  end if;
  if p_expected_version is null or p_expected_version < 0 then
    raise exception 'expected_version_required' using errcode = 'P0001', detail = 'the version the edit started from', hint = 'expected_version';
  end if;
  v_before := xinghuo.report_snapshot(e.id);
  v_current := coalesce((v_before ->> 'version')::integer, 0);
  if p_expected_version <> v_current then
    -- The second editor is told what the first one saved (details = the current report as JSON).
    raise exception 'report_conflict' using errcode = 'P0001', detail = v_before::text, hint = 'expected_version';
  end if;

  insert into xinghuo.event_reports as r (event_id, people_reached, volunteers_present, volunteers_adjust_reason,
      questions_answered, notes, version, updated_at, updated_by)
    values (e.id, v_people, v_present, v_reason, v_questions, v_notes, v_current + 1, now(), (select auth.uid()))
    on conflict (event_id) do update set
      people_reached = excluded.people_reached, volunteers_present = excluded.volunteers_present,
      volunteers_adjust_reason = excluded.volunteers_adjust_reason, questions_answered = excluded.questions_answered,
      notes = excluded.notes, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
  delete from xinghuo.report_materials m where m.event_id = e.id;
  insert into xinghuo.report_materials (event_id, kind, quantity)
    select e.id, key, value::text::integer from jsonb_each(v_lines);

  v_after := xinghuo.report_snapshot(e.id);
  insert into xinghuo.report_revisions (event_id, version, changed_by, before, after)
    values (e.id, v_current + 1, (select auth.uid()), v_before, v_after);
  return v_after;
end;
$$;

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
  if exists (select 1 from xinghuo.material_kinds k where k.id = v_id or k.label = v_label) then
    raise exception 'material_kind_exists' using errcode = 'P0001', detail = 'this kind already exists', hint = 'label';
  end if;
  insert into xinghuo.material_kinds (id, label) values (v_id, v_label);
  return xinghuo.material_kinds_json();
end;
$$;

revoke execute on function public.coord_get_report(bigint),
  public.coord_save_report(bigint, integer, jsonb, jsonb, text, jsonb, text, jsonb),
  public.coord_add_material_kind(text, text)
  from public, anon, authenticated;
grant execute on function public.coord_get_report(bigint),
  public.coord_save_report(bigint, integer, jsonb, jsonb, text, jsonb, text, jsonb),
  public.coord_add_material_kind(text, text)
  to authenticated;
