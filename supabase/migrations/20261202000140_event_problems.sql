-- The one validator of an event (coord_save_event, coord_create_series, coord_import_events and
-- coord_publish_event all use it): every problem of p_event as [{field, code}, …], [] when valid.
-- p_event is the shape coord_save_event takes; with "id" it is an edit of that stored event (a
-- retired role or venue the event already uses may stay; the slug cannot change).
-- The Chinese text of each code is in src/lib/programme-errors.ts.

-- A timestamp with an explicit offset (ISO 8601), or null: a time without an offset would be read
-- in the session's zone, which is not the coordinator's.
create function xinghuo.iso_timestamp(p text)
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
begin
  if p !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$' then
    return null;
  end if;
  return p::timestamptz;
exception when others then
  return null;
end;
$$;
revoke execute on function xinghuo.iso_timestamp(text) from public, anon, authenticated, service_role;

-- A JSON value's trimmed text, or null when it is absent, null, blank or not a string.
create function xinghuo.json_text(p jsonb)
returns text
language sql
immutable
set search_path = ''
as $$
  select nullif(pg_catalog.btrim(p #>> '{}', e' \t\r\n\u3000'), '') where pg_catalog.jsonb_typeof(p) = 'string'
$$;
revoke execute on function xinghuo.json_text(jsonb) from public, anon, authenticated, service_role;

create function xinghuo.problem(p_field text, p_code text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('field', p_field, 'code', p_code))
$$;
revoke execute on function xinghuo.problem(text, text) from public, anon, authenticated, service_role;

-- Problems of a list of vocabulary ids (audiences, topics): required, unknown, duplicate.
create function xinghuo.term_list_problems(p_list jsonb, p_vocabulary text, p_field text, p_singular text)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select case
    when pg_catalog.jsonb_typeof(p_list) is distinct from 'array' or pg_catalog.jsonb_array_length(p_list) = 0
      then xinghuo.problem(p_field, p_field || '_required')
    else
      case when exists (select 1 from pg_catalog.jsonb_array_elements(p_list) t
                        where not coalesce(xinghuo.in_vocabulary(p_vocabulary, xinghuo.json_text(t)), false))
        then xinghuo.problem(p_field, p_singular || '_unknown') else '[]' end
      || case when (select count(*) <> count(distinct t) from pg_catalog.jsonb_array_elements(p_list) t)
        then xinghuo.problem(p_field, p_singular || '_duplicate') else '[]' end
  end
$$;
revoke execute on function xinghuo.term_list_problems(jsonb, text, text, text) from public, anon, authenticated, service_role;

-- Problems of the places per role {"<role id>": slots}: each carries the role it is about.
create function xinghuo.roles_problems(p_roles jsonb, p_event_id bigint)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select case when pg_catalog.jsonb_typeof(p_roles) is distinct from 'object'
    then xinghuo.problem('roles', 'roles_required')
  else
    coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('field', 'roles', 'code', c.code, 'role', r.key) order by r.key)
      from pg_catalog.jsonb_each(p_roles) r
      left join xinghuo.volunteer_roles vr on vr.id = r.key
      left join xinghuo.event_slots held on held.event_id = p_event_id and held.role = r.key
      cross join lateral (select case
        when vr.id is null then 'role_unknown'
        when pg_catalog.jsonb_typeof(r.value) <> 'number' then 'slots_invalid'
        when r.value::numeric <> pg_catalog.trunc(r.value::numeric) then 'slots_invalid'
        when r.value::numeric < 0 then 'slots_negative'
        when r.value::numeric > 1000 then 'slots_too_many'
        -- A retired role keeps the places it already has on this event, and gets no new ones.
        when vr.retired_at is not null and r.value::numeric > coalesce(held.slots, 0) then 'role_retired'
      end as code) c
      where c.code is not null), '[]')
    || case when not exists (
         select 1 from pg_catalog.jsonb_each(p_roles) r
         where case when pg_catalog.jsonb_typeof(r.value) = 'number' then r.value::numeric between 1 and 1000 end)
       then xinghuo.problem('roles', 'roles_required') else '[]' end
  end
$$;
revoke execute on function xinghuo.roles_problems(jsonb, bigint) from public, anon, authenticated, service_role;

create function xinghuo.event_problems(p_event jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_p jsonb := '[]';
  v_id bigint;
  v_stored xinghuo.events;
  v_title text := xinghuo.json_text(p_event -> 'title');
  v_summary text := xinghuo.json_text(p_event -> 'summary');
  v_kind text := xinghuo.json_text(p_event -> 'kind');
  v_online boolean;
  v_channel text := xinghuo.json_text(p_event -> 'channel');
  v_url text := xinghuo.json_text(p_event -> 'online_url');
  v_venue_raw jsonb := p_event -> 'venue_id';
  v_venue xinghuo.venues;
  v_starts timestamptz := xinghuo.iso_timestamp(p_event ->> 'starts_at');
  v_ends timestamptz := xinghuo.iso_timestamp(p_event ->> 'ends_at');
  v_partners jsonb := coalesce(p_event -> 'partners', '[]');
  v_slug text := xinghuo.json_text(p_event -> 'slug');
begin
  if pg_catalog.jsonb_typeof(p_event) is distinct from 'object' then
    return xinghuo.problem('event', 'event_not_object');
  end if;
  if p_event ? 'id' then
    v_id := case when pg_catalog.jsonb_typeof(p_event -> 'id') = 'number' then (p_event ->> 'id')::numeric::bigint end;
    select * into v_stored from xinghuo.events e where e.id = v_id;
    if pg_catalog.jsonb_typeof(p_event -> 'revision') is distinct from 'number' then
      v_p := v_p || xinghuo.problem('revision', 'revision_required');
    end if;
  end if;

  v_p := v_p || case
    when v_title is null then xinghuo.problem('title', 'title_required')
    when pg_catalog.char_length(v_title) < 4 then xinghuo.problem('title', 'title_too_short')
    when pg_catalog.char_length(v_title) > 60 then xinghuo.problem('title', 'title_too_long')
    else '[]' end;
  v_p := v_p || case
    when v_summary is null then xinghuo.problem('summary', 'summary_required')
    when pg_catalog.char_length(v_summary) < 10 then xinghuo.problem('summary', 'summary_too_short')
    when pg_catalog.char_length(v_summary) > 140 then xinghuo.problem('summary', 'summary_too_long')
    else '[]' end;
  if pg_catalog.char_length(coalesce(p_event ->> 'description', '')) > 5000 then
    v_p := v_p || xinghuo.problem('description', 'description_too_long');
  end if;
  if pg_catalog.char_length(coalesce(p_event ->> 'internal_notes', '')) > 2000 then
    v_p := v_p || xinghuo.problem('internal_notes', 'internal_notes_too_long');
  end if;

  -- Kind decides where the event happens: online → a channel (and maybe a link), else a venue.
  if v_kind is null then
    v_p := v_p || xinghuo.problem('kind', 'kind_required');
  elsif not xinghuo.in_vocabulary('event_kind', v_kind) then
    v_p := v_p || xinghuo.problem('kind', 'kind_unknown');
  end if;
  v_online := v_kind = 'online';
  if v_online then
    v_p := v_p || case
      when v_channel is null then xinghuo.problem('channel', 'channel_required')
      when not xinghuo.in_vocabulary('online_channel', v_channel) then xinghuo.problem('channel', 'channel_unknown')
      else '[]' end;
    v_p := v_p || case
      when v_url is null then '[]'::jsonb
      when pg_catalog.char_length(v_url) > 500 or v_url !~* '^[a-z][a-z0-9+.-]*://[^\s/?#]+\.[^\s/?#]+(:\d+)?([/?#]\S*)?$'
        then xinghuo.problem('online_url', 'online_url_invalid')
      when v_url !~* '^https://' then xinghuo.problem('online_url', 'online_url_not_https')
      else '[]' end;
    if v_venue_raw is not null and v_venue_raw <> 'null' then
      v_p := v_p || xinghuo.problem('venue_id', 'venue_not_allowed_online');
    end if;
  elsif v_kind is not null then
    if v_channel is not null then
      v_p := v_p || xinghuo.problem('channel', 'channel_not_allowed_offline');
    end if;
    if v_url is not null then
      v_p := v_p || xinghuo.problem('online_url', 'online_url_not_allowed_offline');
    end if;
    if v_venue_raw is null or v_venue_raw = 'null' then
      v_p := v_p || xinghuo.problem('venue_id', 'venue_required');
    else
      if pg_catalog.jsonb_typeof(v_venue_raw) = 'number' then
        select * into v_venue from xinghuo.venues v where v.id = v_venue_raw::numeric;
      end if;
      if v_venue.id is null then
        v_p := v_p || xinghuo.problem('venue_id', 'venue_unknown');
      elsif v_venue.retired_at is not null and v_venue.id is distinct from v_stored.venue_id then
        v_p := v_p || xinghuo.problem('venue_id', 'venue_retired');
      end if;
    end if;
  end if;

  v_p := v_p || case
    when p_event ->> 'starts_at' is null then xinghuo.problem('starts_at', 'starts_at_required')
    when v_starts is null then xinghuo.problem('starts_at', 'starts_at_invalid')
    when v_starts > pg_catalog.now() + interval '2 years' then xinghuo.problem('starts_at', 'starts_too_far')
    else '[]' end;
  v_p := v_p || case
    when p_event ->> 'ends_at' is null then xinghuo.problem('ends_at', 'ends_at_required')
    when v_ends is null then xinghuo.problem('ends_at', 'ends_at_invalid')
    when v_ends <= v_starts then xinghuo.problem('ends_at', 'ends_before_start')
    when v_ends - v_starts > interval '12 hours' then xinghuo.problem('ends_at', 'event_too_long')
    else '[]' end;

  v_p := v_p || xinghuo.term_list_problems(p_event -> 'audiences', 'audience', 'audiences', 'audience');
  v_p := v_p || xinghuo.term_list_problems(p_event -> 'topics', 'topic', 'topics', 'topic');

  if pg_catalog.jsonb_typeof(v_partners) = 'null' then
    v_partners := '[]';
  end if;
  if pg_catalog.jsonb_typeof(v_partners) <> 'array'
     or exists (select 1 from pg_catalog.jsonb_array_elements(v_partners) x where pg_catalog.jsonb_typeof(x) <> 'string') then
    v_p := v_p || xinghuo.problem('partners', 'partners_invalid');
  else
    if pg_catalog.jsonb_array_length(v_partners) > 10 then
      v_p := v_p || xinghuo.problem('partners', 'partners_too_many');
    end if;
    if exists (select 1 from pg_catalog.jsonb_array_elements(v_partners) x where xinghuo.json_text(x) is null) then
      v_p := v_p || xinghuo.problem('partners', 'partner_empty');
    end if;
    if exists (select 1 from pg_catalog.jsonb_array_elements(v_partners) x where pg_catalog.char_length(xinghuo.json_text(x)) > 60) then
      v_p := v_p || xinghuo.problem('partners', 'partner_too_long');
    end if;
  end if;

  v_p := v_p || xinghuo.roles_problems(p_event -> 'roles', v_id);

  if v_id is null then
    if v_slug is not null and v_slug !~ '^[a-z0-9][a-z0-9-]{2,99}$' then
      v_p := v_p || xinghuo.problem('slug', 'slug_invalid');
    elsif v_slug is not null and exists (select 1 from xinghuo.events e where e.slug = v_slug) then
      v_p := v_p || xinghuo.problem('slug', 'slug_taken');
    end if;
  elsif v_slug is not null and v_slug is distinct from v_stored.slug then
    v_p := v_p || xinghuo.problem('slug', 'slug_not_changeable');
  end if;
  return v_p;
end;
$$;
revoke execute on function xinghuo.event_problems(jsonb) from public, anon, authenticated, service_role;

-- Refuses p_event with every problem it has (message event_invalid, details the JSON array).
create function xinghuo.raise_problems(p_message text, p_problems jsonb)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if pg_catalog.jsonb_array_length(p_problems) > 0 then
    raise exception '%', p_message using errcode = 'P0001', detail = p_problems::text;
  end if;
end;
$$;
revoke execute on function xinghuo.raise_problems(text, jsonb) from public, anon, authenticated, service_role;
