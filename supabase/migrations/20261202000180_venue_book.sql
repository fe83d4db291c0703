-- The venue book's RPCs. Saving a venue re-applies its snapshot to the upcoming events that use it
-- (each change kept in their history as 'venue_updated'; volunteers of a published event whose
-- address or position moved are told by the event-change trigger). Past events keep the place they
-- happened at.

-- Every problem of p_venue as [{field, code}, …]. The city bounds are the ones the site's map uses.
create function xinghuo.venue_problems(p_venue jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_p jsonb := '[]';
  v_name text := xinghuo.json_text(p_venue -> 'name');
  v_address text := xinghuo.json_text(p_venue -> 'address');
  v_district text := xinghuo.json_text(p_venue -> 'district');
  v_lat_ok boolean := coalesce(pg_catalog.jsonb_typeof(p_venue -> 'lat') = 'number', false);
  v_lng_ok boolean := coalesce(pg_catalog.jsonb_typeof(p_venue -> 'lng') = 'number', false);
begin
  if pg_catalog.jsonb_typeof(p_venue) is distinct from 'object' then
    return xinghuo.problem('venue', 'venue_not_object');
  end if;
  v_p := v_p || case
    when v_name is null then xinghuo.problem('name', 'venue_name_required')
    when pg_catalog.char_length(v_name) < 2 then xinghuo.problem('name', 'venue_name_too_short')
    when pg_catalog.char_length(v_name) > 80 then xinghuo.problem('name', 'venue_name_too_long')
    when exists (select 1 from xinghuo.venues v where v.name = v_name and v.retired_at is null
                 and v.id is distinct from (p_venue ->> 'id')::numeric) then xinghuo.problem('name', 'venue_duplicate')
    else '[]' end;
  v_p := v_p || case
    when v_address is null then xinghuo.problem('address', 'address_required')
    when pg_catalog.char_length(v_address) < 4 then xinghuo.problem('address', 'address_too_short')
    when pg_catalog.char_length(v_address) > 200 then xinghuo.problem('address', 'address_too_long')
    else '[]' end;
  v_p := v_p || case
    when v_district is null then xinghuo.problem('district', 'district_required')
    when not xinghuo.in_vocabulary('district', v_district) then xinghuo.problem('district', 'district_unknown')
    else '[]' end;
  if v_lat_ok then
    v_lat_ok := (p_venue ->> 'lat')::float8 between -90 and 90;
  end if;
  if v_lng_ok then
    v_lng_ok := (p_venue ->> 'lng')::float8 between -180 and 180;
  end if;
  if not v_lat_ok then
    v_p := v_p || xinghuo.problem('lat', 'lat_invalid');
  end if;
  if not v_lng_ok then
    v_p := v_p || xinghuo.problem('lng', 'lng_invalid');
  end if;
  if v_lat_ok and v_lng_ok and not ((p_venue ->> 'lat')::float8 between 35 and 37.5
                                     and (p_venue ->> 'lng')::float8 between 119 and 121.5) then
    v_p := v_p || xinghuo.problem('lat', 'position_outside_city');
  end if;
  return v_p;
end;
$$;
revoke execute on function xinghuo.venue_problems(jsonb) from public, anon, authenticated, service_role;

create function public.coord_venues()
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
        'id', v.id, 'name', v.name, 'address', v.address, 'district', v.district, 'lat', v.lat, 'lng', v.lng,
        'retired_at', v.retired_at,
        'events_count', (select count(*) from xinghuo.events e where e.venue_id = v.id))
      order by v.retired_at nulls first, v.name)
    from xinghuo.venues v), '[]');
end;
$$;
revoke execute on function public.coord_venues() from public, anon, authenticated;
grant execute on function public.coord_venues() to authenticated;

create function public.coord_save_venue(p_venue jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id bigint;
  v_event_id bigint;
  v_before jsonb;
begin
  perform xinghuo.coord_assert();
  if pg_catalog.jsonb_typeof(p_venue) = 'object' and p_venue ? 'id' then
    if pg_catalog.jsonb_typeof(p_venue -> 'id') = 'number' then
      select v.id into v_id from xinghuo.venues v where v.id = (p_venue ->> 'id')::numeric for update;
    end if;
    if v_id is null then
      raise exception 'venue_not_found' using errcode = 'P0001', detail = 'no such venue';
    end if;
  end if;
  perform xinghuo.raise_problems('venue_invalid', xinghuo.venue_problems(p_venue));
  if v_id is null then
    insert into xinghuo.venues (name, address, district, lat, lng, updated_by)
    values (xinghuo.json_text(p_venue -> 'name'), xinghuo.json_text(p_venue -> 'address'),
      xinghuo.json_text(p_venue -> 'district'), (p_venue ->> 'lat')::float8, (p_venue ->> 'lng')::float8,
      (select auth.uid()))
    returning id into v_id;
    return pg_catalog.jsonb_build_object('id', v_id);
  end if;

  update xinghuo.venues set name = xinghuo.json_text(p_venue -> 'name'),
    address = xinghuo.json_text(p_venue -> 'address'), district = xinghuo.json_text(p_venue -> 'district'),
    lat = (p_venue ->> 'lat')::float8, lng = (p_venue ->> 'lng')::float8,
    updated_at = pg_catalog.now(), updated_by = (select auth.uid())
  where id = v_id;
  for v_event_id in
    select e.id from xinghuo.events e where e.venue_id = v_id and e.starts_at > pg_catalog.now()
    order by e.id for update
  loop
    v_before := xinghuo.event_state(v_event_id);
    update xinghuo.events e set venue_name = v.name, venue_address = v.address, district = v.district,
      lat = v.lat, lng = v.lng
    from xinghuo.venues v where v.id = v_id and e.id = v_event_id;
    if xinghuo.add_event_history(v_event_id, 'venue_updated', v_before, xinghuo.event_state(v_event_id)) then
      perform xinghuo.bump_revision(v_event_id);
    end if;
  end loop;
  return pg_catalog.jsonb_build_object('id', v_id);
end;
$$;
revoke execute on function public.coord_save_venue(jsonb) from public, anon, authenticated;
grant execute on function public.coord_save_venue(jsonb) to authenticated;

-- Retired venues cannot be picked for new events; events that use one keep it. Idempotent.
create function public.coord_retire_venue(p_venue_id bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_retired timestamptz;
begin
  perform xinghuo.coord_assert();
  update xinghuo.venues set retired_at = coalesce(retired_at, pg_catalog.now()),
    updated_at = pg_catalog.now(), updated_by = (select auth.uid())
  where id = p_venue_id
  returning retired_at into v_retired;
  if not found then
    raise exception 'venue_not_found' using errcode = 'P0001', detail = 'no such venue';
  end if;
  return pg_catalog.jsonb_build_object('id', p_venue_id, 'retired_at', v_retired);
end;
$$;
revoke execute on function public.coord_retire_venue(bigint) from public, anon, authenticated;
grant execute on function public.coord_retire_venue(bigint) to authenticated;
