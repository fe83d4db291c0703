-- An event's 支行 (branch_id, 20261202000900) in every write: coord_save_event, coord_create_series,
-- coord_import_events and coord_clone_event all store through xinghuo.write_event and read back
-- through xinghuo.event_state, so the field is added to those two and nowhere else. Its history
-- (a move to another branch) comes with event_state, like every other field's.

-- The branch p_event asks for, as JSON (a string id, or null for 不属任何支行). The one rule for
-- an omitted branch_id: an edit keeps the stored branch (an older client never moves an event by
-- leaving the field out); a new event belongs to the caller's branch (a team lead's to none).
create function xinghuo.event_branch(p_event jsonb)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select case
    when p_event ? 'branch_id' then p_event -> 'branch_id'
    when pg_catalog.jsonb_typeof(p_event -> 'id') = 'number' then coalesce(
      (select pg_catalog.to_jsonb(e.branch_id) from xinghuo.events e where e.id = (p_event ->> 'id')::numeric), 'null')
    else coalesce(pg_catalog.to_jsonb(xinghuo.caller_branch()), 'null')
  end
$$;
revoke execute on function xinghuo.event_branch(jsonb) from public, anon, authenticated, service_role;

-- As 20261202000150, plus branch_id.
create or replace function xinghuo.event_state(p_event_id bigint)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'id', e.id, 'slug', e.slug, 'revision', e.revision, 'title', e.title, 'summary', e.summary,
    'description', e.description, 'kind', e.kind, 'channel', e.channel, 'online_url', e.online_url,
    'venue_id', e.venue_id, 'venue_name', e.venue_name, 'venue_address', e.venue_address,
    'district', e.district, 'lat', e.lat, 'lng', e.lng, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
    'audiences', pg_catalog.to_jsonb(e.audiences), 'topics', pg_catalog.to_jsonb(e.topics),
    'partners', pg_catalog.to_jsonb(e.partners), 'internal_notes', e.internal_notes,
    'roles', coalesce((select pg_catalog.jsonb_object_agg(s.role, s.slots) from xinghuo.event_slots s
                       where s.event_id = e.id and s.slots > 0), '{}'),
    'status', e.status, 'cancel_reason', e.cancel_reason, 'publication', e.publication,
    'series_id', e.series_id, 'branch_id', e.branch_id)
  from xinghuo.events e where e.id = p_event_id
$$;

-- The fields of 20261202000150 keep their one writer (renamed, body unchanged); xinghuo.write_event
-- is that writer plus the branch, so every caller stores the branch without repeating the rest.
alter function xinghuo.write_event(bigint, jsonb, bigint) rename to write_event_fields;

create function xinghuo.write_event(p_event_id bigint, p_event jsonb, p_series_id bigint default null)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  v_branch text := xinghuo.event_branch(p_event) #>> '{}';
  v_id bigint := xinghuo.write_event_fields(p_event_id, p_event, p_series_id);
begin
  update xinghuo.events e set branch_id = v_branch where e.id = v_id and e.branch_id is distinct from v_branch;
  return v_id;
end;
$$;
revoke execute on function xinghuo.write_event(bigint, jsonb, bigint) from public, anon, authenticated, service_role;

-- A spreadsheet row's 「支行」 (the row's "branch": a label or an id) becomes branch_id; a name no
-- branch has stays as written, so the validator calls it branch_unknown. An empty cell leaves the
-- branch out (the default above). Otherwise as 20261202000195.
alter function xinghuo.import_row(jsonb) rename to import_row_fields;

create function xinghuo.import_row(p_row jsonb)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select xinghuo.import_row_fields(p_row - 'branch')
    || case when xinghuo.json_text(p_row -> 'branch') is not null then pg_catalog.jsonb_build_object('branch_id', coalesce(
         (select b.id from xinghuo.branches b
          where b.id = xinghuo.json_text(p_row -> 'branch') or b.label = xinghuo.json_text(p_row -> 'branch')
          order by b.retired_at nulls first limit 1), xinghuo.json_text(p_row -> 'branch'))) else '{}' end
$$;
revoke execute on function xinghuo.import_row(jsonb) from public, anon, authenticated, service_role;
