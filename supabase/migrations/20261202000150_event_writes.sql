-- Writing events: one function turns a validated p_event into the row and its places, and one
-- records history. Every RPC that creates or changes an event goes through these two.

-- The stored event in p_event's shape (what coord_get_event returns, what history compares), plus
-- the venue snapshot, status and publication.
create function xinghuo.event_state(p_event_id bigint)
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
    'series_id', e.series_id)
  from xinghuo.events e where e.id = p_event_id
$$;
revoke execute on function xinghuo.event_state(bigint) from public, anon, authenticated, service_role;

-- Appends one history row. With both states given, only the fields that differ are kept (the
-- revision is bookkeeping, not a change); returns false, and writes nothing, when none differ.
create function xinghuo.add_event_history(p_event_id bigint, p_action text, p_before jsonb, p_after jsonb)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  v_before jsonb := p_before - 'revision';
  v_after jsonb := p_after - 'revision';
  v_keys text[];
begin
  if p_before is not null then
    select coalesce(pg_catalog.array_agg(k), '{}') into v_keys
    from (select pg_catalog.jsonb_object_keys(v_before || v_after) k) keys
    where (v_before -> k) is distinct from (v_after -> k);
    if pg_catalog.cardinality(v_keys) = 0 then
      return false;
    end if;
    v_before := (select pg_catalog.jsonb_object_agg(k, v_before -> k) from pg_catalog.unnest(v_keys) k);
    v_after := (select pg_catalog.jsonb_object_agg(k, v_after -> k) from pg_catalog.unnest(v_keys) k);
  end if;
  insert into xinghuo.event_history (event_id, action, changed_by, changed_by_name, before, after)
  values (p_event_id, p_action, (select auth.uid()),
    (select c.display_name from xinghuo.coordinators c where c.user_id = (select auth.uid())),
    v_before, v_after);
  return true;
end;
$$;
revoke execute on function xinghuo.add_event_history(bigint, text, jsonb, jsonb) from public, anon, authenticated, service_role;

-- A new revision after a change: who and when.
create function xinghuo.bump_revision(p_event_id bigint)
returns int
language sql
set search_path = ''
as $$
  update xinghuo.events set revision = revision + 1, updated_at = pg_catalog.now(), updated_by = (select auth.uid())
  where id = p_event_id
  returning revision
$$;
revoke execute on function xinghuo.bump_revision(bigint) from public, anon, authenticated, service_role;

-- Stores a p_event that xinghuo.event_problems found valid: inserts (p_event_id null, as a draft) or
-- updates the row, copies the venue's snapshot, and sets the places (roles left out get 0, so the
-- row of a role with sign-ups stays). Raising a role's places promotes its waitlist by the trigger
-- of 20261127000407, under the event lock.
create function xinghuo.write_event(p_event_id bigint, p_event jsonb, p_series_id bigint default null)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  v_id bigint := p_event_id;
  v_online boolean := p_event ->> 'kind' = 'online';
  v_venue xinghuo.venues;
  v_audiences text[] := array(select xinghuo.json_text(x) from pg_catalog.jsonb_array_elements(p_event -> 'audiences') x);
  v_topics text[] := array(select xinghuo.json_text(x) from pg_catalog.jsonb_array_elements(p_event -> 'topics') x);
  v_partners text[] := array(select xinghuo.json_text(x) from pg_catalog.jsonb_array_elements(
    case when pg_catalog.jsonb_typeof(p_event -> 'partners') = 'array' then p_event -> 'partners' else '[]' end) x);
  v_description text := coalesce(pg_catalog.btrim(pg_catalog.replace(p_event ->> 'description', e'\r\n', e'\n')), '');
begin
  if not v_online then
    select * into v_venue from xinghuo.venues v where v.id = (p_event ->> 'venue_id')::numeric;
  end if;
  if v_id is null then
    insert into xinghuo.events (slug, title, summary, description, kind, channel, online_url, venue_id,
      venue_name, venue_address, district, lat, lng, starts_at, ends_at, audiences, topics, partners,
      internal_notes, series_id, created_by, updated_by)
    values (xinghuo.json_text(p_event -> 'slug'), xinghuo.json_text(p_event -> 'title'),
      xinghuo.json_text(p_event -> 'summary'), v_description, p_event ->> 'kind',
      case when v_online then xinghuo.json_text(p_event -> 'channel') end,
      case when v_online then xinghuo.json_text(p_event -> 'online_url') end,
      v_venue.id, v_venue.name, v_venue.address, v_venue.district, v_venue.lat, v_venue.lng,
      xinghuo.iso_timestamp(p_event ->> 'starts_at'), xinghuo.iso_timestamp(p_event ->> 'ends_at'),
      v_audiences, v_topics, v_partners, coalesce(pg_catalog.btrim(p_event ->> 'internal_notes'), ''),
      p_series_id, (select auth.uid()), (select auth.uid()))
    returning id into v_id;
  else
    update xinghuo.events set
      title = xinghuo.json_text(p_event -> 'title'), summary = xinghuo.json_text(p_event -> 'summary'),
      description = v_description, kind = p_event ->> 'kind',
      channel = case when v_online then xinghuo.json_text(p_event -> 'channel') end,
      online_url = case when v_online then xinghuo.json_text(p_event -> 'online_url') end,
      venue_id = v_venue.id, venue_name = v_venue.name, venue_address = v_venue.address,
      district = v_venue.district, lat = v_venue.lat, lng = v_venue.lng,
      starts_at = xinghuo.iso_timestamp(p_event ->> 'starts_at'), ends_at = xinghuo.iso_timestamp(p_event ->> 'ends_at'),
      audiences = v_audiences, topics = v_topics, partners = v_partners,
      internal_notes = coalesce(pg_catalog.btrim(p_event ->> 'internal_notes'), '')
    where id = v_id;
  end if;
  insert into xinghuo.event_slots as s (event_id, role, slots)
  select v_id, r.key, (r.value #>> '{}')::int from pg_catalog.jsonb_each(p_event -> 'roles') r
  on conflict (event_id, role) do update set slots = excluded.slots where s.slots is distinct from excluded.slots;
  update xinghuo.event_slots s set slots = 0
  where s.event_id = v_id and s.slots <> 0 and not ((p_event -> 'roles') ? s.role);
  return v_id;
end;
$$;
revoke execute on function xinghuo.write_event(bigint, jsonb, bigint) from public, anon, authenticated, service_role;

-- The stored event of p_event_id, locked (every change and every sign-up of an event queue on this
-- lock), checked against the revision the caller last saw.
create function xinghuo.lock_event(p_event_id bigint, p_revision int)
returns xinghuo.events
language plpgsql
set search_path = ''
as $$
declare
  v_event xinghuo.events;
begin
  perform xinghuo.coord_event_or_raise(p_event_id);
  select * into v_event from xinghuo.events e where e.id = p_event_id for update;
  if p_revision is distinct from v_event.revision then
    raise exception 'event_conflict' using errcode = 'P0001',
      detail = pg_catalog.format('stored revision is %s', v_event.revision);
  end if;
  return v_event;
end;
$$;
revoke execute on function xinghuo.lock_event(bigint, int) from public, anon, authenticated, service_role;

-- What a save answers: the event's key and current revision.
create function xinghuo.event_key(p_event_id bigint)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('id', e.id, 'slug', e.slug, 'revision', e.revision)
  from xinghuo.events e where e.id = p_event_id
$$;
revoke execute on function xinghuo.event_key(bigint) from public, anon, authenticated, service_role;

-- Creates (no id: a new draft) or edits an event. Every problem comes back at once
-- (event_invalid); a stale revision is event_conflict and overwrites nothing.
create function public.coord_save_event(p_event jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id bigint;
  v_before jsonb;
begin
  perform xinghuo.coord_assert();
  if pg_catalog.jsonb_typeof(p_event) = 'object' and p_event ? 'id' then
    v_id := case when pg_catalog.jsonb_typeof(p_event -> 'id') = 'number' then (p_event ->> 'id')::numeric::bigint end;
    if pg_catalog.jsonb_typeof(p_event -> 'revision') = 'number' then
      perform xinghuo.lock_event(v_id, (p_event ->> 'revision')::numeric::int);
    else
      perform xinghuo.coord_event_or_raise(v_id);
    end if;
  end if;
  perform xinghuo.raise_problems('event_invalid', xinghuo.event_problems(p_event));
  if v_id is null then
    v_id := xinghuo.write_event(null, p_event);
    perform xinghuo.add_event_history(v_id, 'created', null, xinghuo.event_state(v_id));
  else
    v_before := xinghuo.event_state(v_id);
    perform xinghuo.write_event(v_id, p_event);
    if xinghuo.add_event_history(v_id, 'updated', v_before, xinghuo.event_state(v_id)) then
      perform xinghuo.bump_revision(v_id);
    end if;
  end if;
  return xinghuo.event_key(v_id);
end;
$$;
revoke execute on function public.coord_save_event(jsonb) from public, anon, authenticated;
grant execute on function public.coord_save_event(jsonb) to authenticated;
