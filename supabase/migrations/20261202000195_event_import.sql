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

-- Set-based (one pass over the rows with window functions for the repeats), so 1000 rows stay well
-- inside the signed-in role's statement timeout.
create function public.coord_import_events(p_rows jsonb, p_commit boolean)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_problems jsonb;
  v_events jsonb;
  v_event jsonb;
  v_id bigint;
  v_ids bigint[] := '{}';
begin
  perform xinghuo.coord_assert();
  perform xinghuo.raise_problems('import_invalid', case
    when pg_catalog.jsonb_typeof(p_rows) is distinct from 'array' then xinghuo.problem('rows', 'import_not_array')
    when pg_catalog.jsonb_array_length(p_rows) = 0 then xinghuo.problem('rows', 'import_empty')
    when pg_catalog.jsonb_array_length(p_rows) > 1000 then xinghuo.problem('rows', 'import_too_many_rows')
    else '[]' end);

  with given as (
    select x.n::int as n, x.r as raw,
      case when pg_catalog.jsonb_typeof(x.r) = 'object' then xinghuo.import_row(x.r) end as event
    from pg_catalog.jsonb_array_elements(p_rows) with ordinality x(r, n)
  ), ranked as (
    select g.*, xinghuo.json_text(g.event -> 'title') as title, xinghuo.iso_timestamp(g.event ->> 'starts_at') as starts,
      xinghuo.json_text(g.event -> 'slug') as slug
    from given g
  ), repeats as (
    select r.*,
      pg_catalog.row_number() over (partition by r.title, r.starts order by r.n) as nth_same_event,
      pg_catalog.row_number() over (partition by r.slug order by r.n) as nth_same_slug
    from ranked r
  ), found as (
    select r.n, r.raw, f.p, f.k
    from repeats r
    cross join lateral pg_catalog.jsonb_array_elements(case when r.event is null
      then xinghuo.problem('row', 'import_row_not_object')
      -- An import only creates: rows carry no id of their own.
      else xinghuo.event_problems(r.event - 'id' - 'revision')
        || case when r.raw ? 'id' then xinghuo.problem('row', 'import_id_not_allowed') else '[]' end
        || case when pg_catalog.jsonb_typeof(r.raw -> 'roles') = 'object'
                 and (select count(*) from pg_catalog.jsonb_object_keys(r.raw -> 'roles')) > (select count(*) from pg_catalog.jsonb_object_keys(r.event -> 'roles'))
             then xinghuo.problem('roles', 'role_duplicate') else '[]' end
        || case when r.title is not null and r.starts is not null and r.nth_same_event > 1
             then xinghuo.problem('row', 'import_duplicate_row') else '[]' end
        || case when r.slug is not null and r.nth_same_slug > 1 then xinghuo.problem('slug', 'slug_taken') else '[]' end
      end) with ordinality f(p, k)
  )
  select
    (select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('row', f.n) || f.p
        -- The spreadsheet's column for the venue is venue_name.
        || case when f.p ->> 'field' = 'venue_id' and not f.raw ? 'venue_id' then '{"field": "venue_name"}'::jsonb else '{}'::jsonb end
        order by f.n, f.k), '[]') from found f),
    (select pg_catalog.jsonb_agg(g.event order by g.n) from given g)
  into v_problems, v_events;

  if not coalesce(p_commit, false) then
    return pg_catalog.jsonb_build_object('rows', pg_catalog.jsonb_array_length(p_rows), 'problems', v_problems);
  end if;
  perform xinghuo.raise_problems('import_invalid', v_problems);
  for v_event in select r from pg_catalog.jsonb_array_elements(v_events) r loop
    v_id := xinghuo.write_event(null, v_event);
    perform xinghuo.add_event_history(v_id, 'imported', null, xinghuo.event_state(v_id));
    v_ids := v_ids || v_id;
  end loop;
  return pg_catalog.jsonb_build_object('created', pg_catalog.cardinality(v_ids), 'ids', pg_catalog.to_jsonb(v_ids));
end;
$$;
revoke execute on function public.coord_import_events(jsonb, boolean) from public, anon, authenticated;
grant execute on function public.coord_import_events(jsonb, boolean) to authenticated;
