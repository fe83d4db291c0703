-- Importing a programme from a spreadsheet (the workspace reads .xlsx/.csv into rows of p_event
-- shape). A row names its venue by venue_name (a venue of the book) and may give kind, channel,
-- audiences, topics and role keys as ids or as their zh labels. A dry run lists every problem with
-- its 1-based row; a commit stores all rows as drafts in this one transaction, or nothing.

-- One spreadsheet row in coord_save_event's shape: labels turned into ids, venue_name into venue_id
-- (a name not in the book becomes an id no venue has, so the validator calls it venue_unknown).
create function xinghuo.import_row(p_row jsonb)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select p_row - 'venue_name'
    || pg_catalog.jsonb_build_object('kind', xinghuo.vocabulary_id('event_kind', p_row ->> 'kind'))
    || case when p_row ? 'channel' then pg_catalog.jsonb_build_object('channel', xinghuo.vocabulary_id('online_channel', p_row ->> 'channel')) else '{}' end
    || case when xinghuo.json_text(p_row -> 'venue_name') is not null then pg_catalog.jsonb_build_object('venue_id', coalesce(
         (select v.id from xinghuo.venues v where v.name = xinghuo.json_text(p_row -> 'venue_name')
          order by v.retired_at nulls first, v.id desc limit 1), -1)) else '{}' end
    || case when pg_catalog.jsonb_typeof(p_row -> 'audiences') = 'array' then pg_catalog.jsonb_build_object('audiences',
         (select coalesce(pg_catalog.jsonb_agg(case when pg_catalog.jsonb_typeof(a) = 'string'
            then pg_catalog.to_jsonb(xinghuo.vocabulary_id('audience', a #>> '{}')) else a end), '[]')
          from pg_catalog.jsonb_array_elements(p_row -> 'audiences') a)) else '{}' end
    || case when pg_catalog.jsonb_typeof(p_row -> 'topics') = 'array' then pg_catalog.jsonb_build_object('topics',
         (select coalesce(pg_catalog.jsonb_agg(case when pg_catalog.jsonb_typeof(a) = 'string'
            then pg_catalog.to_jsonb(xinghuo.vocabulary_id('topic', a #>> '{}')) else a end), '[]')
          from pg_catalog.jsonb_array_elements(p_row -> 'topics') a)) else '{}' end
    || case when pg_catalog.jsonb_typeof(p_row -> 'roles') = 'object' then pg_catalog.jsonb_build_object('roles',
         (select coalesce(pg_catalog.jsonb_object_agg(coalesce(
            (select r.id from xinghuo.volunteer_roles r where r.id = pg_catalog.btrim(k.key) or r.label = pg_catalog.btrim(k.key)), k.key), k.value), '{}')
          from pg_catalog.jsonb_each(p_row -> 'roles') k)) else '{}' end
$$;
revoke execute on function xinghuo.import_row(jsonb) from public, anon, authenticated, service_role;

create function public.coord_import_events(p_rows jsonb, p_commit boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_rows jsonb := '[]';
  v_problems jsonb := '[]';
  v_row jsonb;
  v_event jsonb;
  v_n int;
  v_id bigint;
  v_ids bigint[] := '{}';
begin
  perform xinghuo.coord_assert();
  perform xinghuo.raise_problems('import_invalid', case
    when pg_catalog.jsonb_typeof(p_rows) is distinct from 'array' then xinghuo.problem('rows', 'import_not_array')
    when pg_catalog.jsonb_array_length(p_rows) = 0 then xinghuo.problem('rows', 'import_empty')
    when pg_catalog.jsonb_array_length(p_rows) > 1000 then xinghuo.problem('rows', 'import_too_many_rows')
    else '[]' end);

  for v_row, v_n in select r, n::int from pg_catalog.jsonb_array_elements(p_rows) with ordinality x(r, n) loop
    if pg_catalog.jsonb_typeof(v_row) <> 'object' then
      v_problems := v_problems || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('row', v_n, 'field', 'row', 'code', 'import_row_not_object'));
      v_rows := v_rows || pg_catalog.jsonb_build_array(null::jsonb);
      continue;
    end if;
    v_event := xinghuo.import_row(v_row);
    v_problems := v_problems || coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('row', v_n) || p
        || case when p ->> 'field' = 'venue_id' and not v_row ? 'venue_id' then '{"field": "venue_name"}' else '{}' end)
      from pg_catalog.jsonb_array_elements(
        -- An import only creates: rows carry no id of their own.
        xinghuo.event_problems(v_event - 'id' - 'revision')
        || case when v_row ? 'id' then xinghuo.problem('row', 'import_id_not_allowed') else '[]' end
        || case when pg_catalog.jsonb_typeof(v_row -> 'roles') = 'object'
                 and (select count(*) from pg_catalog.jsonb_object_keys(v_row -> 'roles')) > (select count(*) from pg_catalog.jsonb_object_keys(v_event -> 'roles'))
             then xinghuo.problem('roles', 'role_duplicate') else '[]' end
        || case when exists (select 1 from pg_catalog.jsonb_array_elements(v_rows) earlier
                             where earlier ->> 'title' = v_event ->> 'title'
                               and xinghuo.iso_timestamp(earlier ->> 'starts_at') = xinghuo.iso_timestamp(v_event ->> 'starts_at'))
             then xinghuo.problem('row', 'import_duplicate_row') else '[]' end
        || case when xinghuo.json_text(v_event -> 'slug') is not null
                 and exists (select 1 from pg_catalog.jsonb_array_elements(v_rows) earlier where earlier ->> 'slug' = v_event ->> 'slug')
             then xinghuo.problem('slug', 'slug_taken') else '[]' end) p), '[]');
    v_rows := v_rows || pg_catalog.jsonb_build_array(v_event);
  end loop;

  if not coalesce(p_commit, false) then
    return pg_catalog.jsonb_build_object('rows', pg_catalog.jsonb_array_length(p_rows), 'problems', v_problems);
  end if;
  perform xinghuo.raise_problems('import_invalid', v_problems);
  for v_event in select r from pg_catalog.jsonb_array_elements(v_rows) r loop
    v_id := xinghuo.write_event(null, v_event);
    perform xinghuo.add_event_history(v_id, 'imported', null, xinghuo.event_state(v_id));
    v_ids := v_ids || v_id;
  end loop;
  return pg_catalog.jsonb_build_object('created', pg_catalog.cardinality(v_ids), 'ids', pg_catalog.to_jsonb(v_ids));
end;
$$;
revoke execute on function public.coord_import_events(jsonb, boolean) from public, anon, authenticated;
grant execute on function public.coord_import_events(jsonb, boolean) to authenticated;
