-- Saving a report with reach by audience (in person) or reads/views (online), a correction of
-- volunteers present only when it differs from the check-ins, and retired material kinds kept off
-- new lines. Figures are checked before anything is written; each problem has its own code.

-- The in-person split: every key one of xinghuo.reach_audiences(), whole numbers, summing to the
-- count. Returns the full object (absent audiences as 0).
create or replace function xinghuo.reach_split(p_split jsonb, p_people integer)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_key text;
  v_value jsonb;
  v_out jsonb := '{}'::jsonb;
  v_sum bigint := 0;
  v_n integer;
begin
  if p_split is null or jsonb_typeof(p_split) = 'null' then
    if p_people > 0 then
      raise exception 'reach_audience_required' using errcode = 'P0001',
        detail = 'split the people reached by audience', hint = 'reach_by_audience';
    end if;
    p_split := '{}'::jsonb;
  end if;
  if jsonb_typeof(p_split) <> 'object' then
    raise exception 'reach_by_audience_invalid' using errcode = 'P0001', detail = '{audience: people}', hint = 'reach_by_audience';
  end if;
  for v_key in select k from jsonb_object_keys(p_split) k loop
    if not v_key = any (xinghuo.reach_audiences()) then
      raise exception 'reach_audience_unknown' using errcode = 'P0001', detail = 'unknown audience', hint = v_key;
    end if;
  end loop;
  foreach v_key in array xinghuo.reach_audiences() loop
    v_value := p_split -> v_key;
    v_n := coalesce(xinghuo.coord_figure(v_value, 'reach_audience', false, v_key), 0);
    v_sum := v_sum + v_n;
    v_out := v_out || jsonb_build_object(v_key, v_n);
  end loop;
  if v_sum <> p_people then
    raise exception 'reach_audience_sum_mismatch' using errcode = 'P0001',
      detail = format('the audiences add up to %s, the people reached are %s', v_sum, p_people), hint = 'reach_by_audience';
  end if;
  return v_out;
end;
$$;
revoke execute on function xinghuo.reach_split(jsonb, integer) from public, anon, authenticated;

drop function if exists public.coord_save_report(bigint, integer, jsonb, jsonb, text, jsonb, text, jsonb);

create or replace function public.coord_save_report(
  p_event_id bigint,
  p_expected_version integer default null,
  p_people_reached jsonb default null,
  p_volunteers_present jsonb default null,
  p_adjust_reason text default null,
  p_questions_answered jsonb default null,
  p_notes text default null,
  p_materials jsonb default '{}'::jsonb,
  p_reach_by_audience jsonb default null,
  p_online_views jsonb default null,
  p_online_source text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  e xinghuo.events;
  v_online boolean;
  v_before jsonb;
  v_current integer;
  v_people integer;
  v_split jsonb;
  v_views integer;
  v_source text := nullif(xinghuo.clean_text(p_online_source), '');
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
  v_online := xinghuo.reach_channel(e.kind) = 'online';

  -- Validate everything before touching anything.
  if v_online then
    -- Online reach is reads/views where the platform counted them; no in-person count, no split.
    if coalesce(xinghuo.coord_figure(p_people_reached, 'people_reached', false), 0) <> 0 then
      raise exception 'people_reached_online' using errcode = 'P0001', detail = 'an online event records reads/views', hint = 'people_reached';
    end if;
    if p_reach_by_audience is not null and jsonb_typeof(p_reach_by_audience) <> 'null' then
      raise exception 'reach_by_audience_online' using errcode = 'P0001', detail = 'online reach is not split by audience', hint = 'reach_by_audience';
    end if;
    v_people := 0;
    v_views := xinghuo.coord_figure(p_online_views, 'online_views', true);
    if v_source is null then
      raise exception 'online_source_required' using errcode = 'P0001', detail = 'where the reads/views were counted', hint = 'online_source';
    elsif char_length(v_source) > 60 then
      raise exception 'online_source_too_long' using errcode = 'P0001', detail = 'at most 60 characters', hint = 'online_source';
    end if;
  else
    if (p_online_views is not null and jsonb_typeof(p_online_views) <> 'null') or v_source is not null then
      raise exception 'online_views_offline' using errcode = 'P0001', detail = 'only online events record reads/views', hint = 'online_views';
    end if;
    v_people := xinghuo.coord_figure(p_people_reached, 'people_reached', true);
    v_split := xinghuo.reach_split(p_reach_by_audience, v_people);
  end if;
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
        -- A retired kind stays on the reports that used it, and is not started on any other.
        if exists (select 1 from xinghuo.material_kinds k where k.id = v_kind and k.retired_at is not null)
           and not exists (select 1 from xinghuo.report_materials m where m.event_id = e.id and m.kind = v_kind) then
          raise exception 'material_kind_retired' using errcode = 'P0001', detail = 'this kind is retired', hint = v_kind;
        end if;
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
  if v_present = v_checked_in then
    v_reason := null; -- no correction: the check-ins count, now and after any later check-in
  elsif v_reason is null then
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

  insert into xinghuo.event_reports as r (event_id, people_reached, reach_by_audience, online_views, online_source,
      volunteers_present, volunteers_adjust_reason, questions_answered, notes, version, updated_at, updated_by)
    values (e.id, v_people, v_split, v_views, case when v_online then v_source end,
      case when v_reason is not null then v_present end, v_reason, v_questions, v_notes, v_current + 1, now(), (select auth.uid()))
    on conflict (event_id) do update set
      people_reached = excluded.people_reached, reach_by_audience = excluded.reach_by_audience,
      online_views = excluded.online_views, online_source = excluded.online_source,
      volunteers_present = excluded.volunteers_present, volunteers_adjust_reason = excluded.volunteers_adjust_reason,
      questions_answered = excluded.questions_answered, notes = excluded.notes, version = excluded.version,
      updated_at = excluded.updated_at, updated_by = excluded.updated_by;
  delete from xinghuo.report_materials m where m.event_id = e.id;
  insert into xinghuo.report_materials (event_id, kind, quantity)
    select e.id, key, value::text::integer from jsonb_each(v_lines);

  v_after := xinghuo.report_snapshot(e.id);
  insert into xinghuo.report_revisions (event_id, version, changed_by, before, after)
    values (e.id, v_current + 1, (select auth.uid()), v_before, v_after);
  return v_after;
end;
$$;

revoke execute on function public.coord_save_report(bigint, integer, jsonb, jsonb, text, jsonb, text, jsonb, jsonb, jsonb, text)
  from public, anon, authenticated;
grant execute on function public.coord_save_report(bigint, integer, jsonb, jsonb, text, jsonb, text, jsonb, jsonb, jsonb, text)
  to authenticated;
