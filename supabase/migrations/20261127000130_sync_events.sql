-- The only way events reach the database: an idempotent upsert of the whole published programme,
-- called by scripts/sync-events.mjs with the service key. Events missing from the input are marked
-- 'withdrawn' (never deleted: sign-ups may point at them). Invalid input stores nothing.
create function xinghuo.sync_events_fail(p_index int, p_field text, p_problem text) returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  raise exception 'events_invalid' using errcode = 'P0001',
    detail = pg_catalog.format('event #%s: %s %s', p_index + 1, p_field, p_problem),
    hint = p_field;
end
$$;
revoke execute on function xinghuo.sync_events_fail(int, text, text) from public, anon, authenticated, service_role;

create function public.sync_events(p_events jsonb) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_roles constant text[] := array['bank_staff', 'police', 'street_office', 'lawyer', 'volunteer'];
  v_event jsonb;
  v_index int := 0;
  v_slug text;
  v_starts timestamptz;
  v_ends timestamptz;
  v_id bigint;
  v_inserted boolean;
  v_changed boolean;
  v_role text;
  v_slots jsonb;
  v_count int;
  v_seen text[] := '{}';
  v_result jsonb := '{"inserted": 0, "updated": 0, "unchanged": 0, "withdrawn": 0}';
begin
  if p_events is null or pg_catalog.jsonb_typeof(p_events) <> 'array' then
    raise exception 'events_invalid' using errcode = 'P0001',
      detail = 'p_events must be a JSON array of events', hint = 'p_events';
  end if;
  -- One sync at a time; readers (sign-ups) are not blocked.
  lock table xinghuo.events in share row exclusive mode;

  for v_event in select value from pg_catalog.jsonb_array_elements(p_events) loop
    if pg_catalog.jsonb_typeof(v_event) <> 'object' then
      perform xinghuo.sync_events_fail(v_index, 'event', 'is not an object');
    end if;
    v_slug := v_event ->> 'slug';
    if v_slug is null or v_slug !~ '^[a-z0-9][a-z0-9-]{0,99}$' then
      perform xinghuo.sync_events_fail(v_index, 'slug', 'must be lower-case letters, digits and dashes');
    end if;
    if v_slug = any (v_seen) then
      perform xinghuo.sync_events_fail(v_index, 'slug', 'appears twice');
    end if;
    v_seen := v_seen || v_slug;
    if coalesce(pg_catalog.length(pg_catalog.btrim(v_event ->> 'title')), 0) = 0 then
      perform xinghuo.sync_events_fail(v_index, 'title', 'is missing');
    end if;
    begin
      v_starts := (v_event ->> 'starts_at')::timestamptz;
      v_ends := (v_event ->> 'ends_at')::timestamptz;
    exception when others then
      perform xinghuo.sync_events_fail(v_index, 'starts_at/ends_at', 'must be ISO timestamps with an offset');
    end;
    if v_starts is null or v_ends is null or v_ends <= v_starts then
      perform xinghuo.sync_events_fail(v_index, 'ends_at', 'must be after starts_at');
    end if;
    if coalesce(v_event ->> 'district', '') !~ '^[a-z]{2,30}$' then
      perform xinghuo.sync_events_fail(v_index, 'district', 'must be a district id');
    end if;
    if coalesce(v_event ->> 'status', 'scheduled') not in ('scheduled', 'cancelled') then
      perform xinghuo.sync_events_fail(v_index, 'status', 'must be scheduled or cancelled');
    end if;
    if pg_catalog.jsonb_typeof(coalesce(v_event -> 'audiences', '[]')) <> 'array'
       or pg_catalog.jsonb_typeof(coalesce(v_event -> 'topics', '[]')) <> 'array' then
      perform xinghuo.sync_events_fail(v_index, 'audiences/topics', 'must be arrays of ids');
    end if;
    if pg_catalog.jsonb_typeof(coalesce(v_event -> 'lat', 'null')) not in ('number', 'null')
       or pg_catalog.jsonb_typeof(coalesce(v_event -> 'lng', 'null')) not in ('number', 'null') then
      perform xinghuo.sync_events_fail(v_index, 'lat/lng', 'must be numbers');
    end if;
    if abs((v_event ->> 'lat')::float8) > 90 or abs((v_event ->> 'lng')::float8) > 180 then
      perform xinghuo.sync_events_fail(v_index, 'lat/lng', 'must be coordinates');
    end if;
    v_slots := coalesce(v_event -> 'slots', '{}');
    if pg_catalog.jsonb_typeof(v_slots) <> 'object' then
      perform xinghuo.sync_events_fail(v_index, 'slots', 'must be an object of role: places');
    end if;
    for v_role in select pg_catalog.jsonb_object_keys(v_slots) loop
      if not (v_role = any (v_roles)) then
        perform xinghuo.sync_events_fail(v_index, 'slots.' || v_role, 'is not a volunteer role');
      end if;
      if pg_catalog.jsonb_typeof(v_slots -> v_role) <> 'number' then
        perform xinghuo.sync_events_fail(v_index, 'slots.' || v_role, 'must be a whole number from 0 to 500');
      end if;
      if (v_slots ->> v_role)::numeric <> pg_catalog.trunc((v_slots ->> v_role)::numeric)
         or (v_slots ->> v_role)::numeric not between 0 and 500 then
        perform xinghuo.sync_events_fail(v_index, 'slots.' || v_role, 'must be a whole number from 0 to 500');
      end if;
    end loop;

    insert into xinghuo.events as e (slug, title, starts_at, ends_at, district, audiences, topics, status, lat, lng)
    values (
      v_slug, pg_catalog.btrim(v_event ->> 'title'), v_starts, v_ends, v_event ->> 'district',
      array(select pg_catalog.jsonb_array_elements_text(coalesce(v_event -> 'audiences', '[]'))),
      array(select pg_catalog.jsonb_array_elements_text(coalesce(v_event -> 'topics', '[]'))),
      coalesce(v_event ->> 'status', 'scheduled'), (v_event ->> 'lat')::float8, (v_event ->> 'lng')::float8
    )
    on conflict (slug) do update set
      title = excluded.title, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
      district = excluded.district, audiences = excluded.audiences, topics = excluded.topics,
      status = excluded.status, lat = excluded.lat, lng = excluded.lng, updated_at = pg_catalog.now()
    where (e.title, e.starts_at, e.ends_at, e.district, e.audiences, e.topics, e.status, e.lat, e.lng)
      is distinct from (excluded.title, excluded.starts_at, excluded.ends_at, excluded.district,
        excluded.audiences, excluded.topics, excluded.status, excluded.lat, excluded.lng)
    returning e.id, (e.xmax::text = '0') into v_id, v_inserted;
    v_changed := v_id is not null;
    if v_id is null then
      select e.id into v_id from xinghuo.events e where e.slug = v_slug;
    end if;

    -- Places per role: exactly the roles given, replacing what was there.
    delete from xinghuo.event_slots s
    where s.event_id = v_id and not (v_slots ? s.role);
    get diagnostics v_count = row_count;
    v_changed := v_changed or v_count > 0;
    insert into xinghuo.event_slots as s (event_id, role, slots)
    select v_id, k, (v_slots ->> k)::int from pg_catalog.jsonb_object_keys(v_slots) as k
    on conflict (event_id, role) do update set slots = excluded.slots
    where s.slots is distinct from excluded.slots;
    get diagnostics v_count = row_count;
    if v_count > 0 and not v_changed then
      v_changed := true;
      update xinghuo.events set updated_at = pg_catalog.now() where id = v_id;
    end if;

    v_result := pg_catalog.jsonb_set(v_result, case
      when v_inserted then '{inserted}'::text[]
      when v_changed then '{updated}'::text[]
      else '{unchanged}'::text[] end,
      pg_catalog.to_jsonb((v_result ->> case when v_inserted then 'inserted' when v_changed then 'updated' else 'unchanged' end)::int + 1));
    v_index := v_index + 1;
  end loop;

  update xinghuo.events e set status = 'withdrawn', updated_at = pg_catalog.now()
  where e.status <> 'withdrawn' and not (e.slug = any (v_seen));
  get diagnostics v_count = row_count;
  return pg_catalog.jsonb_set(v_result, '{withdrawn}', pg_catalog.to_jsonb(v_count));
end
$$;
revoke execute on function public.sync_events(jsonb) from public, anon, authenticated;
grant execute on function public.sync_events(jsonb) to service_role;
