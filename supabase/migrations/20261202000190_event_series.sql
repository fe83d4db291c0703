-- Series ("每两周一次", "每月第二个周三，共 12 次"): the rule makes the occurrences once, as ordinary
-- draft events with series_id set, in one transaction; afterwards each is edited, moved, published
-- or cancelled on its own. Dates are counted in Asia/Shanghai, so every occurrence keeps the local
-- time of the first one.

-- Every problem of p_rule for a series whose first occurrence starts at p_first ([{field, code}]).
create function xinghuo.series_rule_problems(p_rule jsonb, p_first timestamptz)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_p jsonb := '[]';
  v_every text := case when pg_catalog.jsonb_typeof(p_rule) = 'object' then p_rule ->> 'every' end;
  v_local timestamp := p_first at time zone 'Asia/Shanghai';
begin
  if v_every is null or v_every not in ('week', 'month') then
    return xinghuo.problem('rule', 'series_rule_unknown');
  end if;
  if not xinghuo.json_int_between(p_rule -> 'count', 2, 52) then
    v_p := v_p || xinghuo.problem('rule', 'series_count_invalid');
  end if;
  if v_every = 'week' then
    if p_rule ? 'interval' and not xinghuo.json_int_between(p_rule -> 'interval', 1, 4) then
      v_p := v_p || xinghuo.problem('rule', 'series_interval_invalid');
    end if;
  else
    -- Only the 1st to 4th: not every month has a fifth Wednesday.
    if not xinghuo.json_int_between(p_rule -> 'nth', 1, 4) then
      v_p := v_p || xinghuo.problem('rule', 'series_nth_invalid');
    end if;
    if not xinghuo.json_int_between(p_rule -> 'weekday', 1, 7) then
      v_p := v_p || xinghuo.problem('rule', 'series_weekday_invalid');
    end if;
    if pg_catalog.jsonb_array_length(v_p) = 0 and v_local is not null
       and v_local::date <> xinghuo.nth_weekday(v_local::date, (p_rule ->> 'nth')::int, (p_rule ->> 'weekday')::int) then
      v_p := v_p || xinghuo.problem('starts_at', 'series_start_not_on_rule');
    end if;
  end if;
  return v_p;
end;
$$;
revoke execute on function xinghuo.series_rule_problems(jsonb, timestamptz) from public, anon, authenticated, service_role;

-- Whether a JSON value is a whole number from p_min to p_max.
create function xinghuo.json_int_between(p jsonb, p_min int, p_max int)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select case when pg_catalog.jsonb_typeof(p) = 'number'
    then p::numeric = pg_catalog.trunc(p::numeric) and p::numeric between p_min and p_max else false end
$$;
revoke execute on function xinghuo.json_int_between(jsonb, int, int) from public, anon, authenticated, service_role;

-- The p_nth p_weekday (1 = Monday … 7 = Sunday) of p_day's month.
create function xinghuo.nth_weekday(p_day date, p_nth int, p_weekday int)
returns date
language sql
immutable
set search_path = ''
as $$
  select (pg_catalog.date_trunc('month', p_day)::date
    + ((p_weekday - extract(isodow from pg_catalog.date_trunc('month', p_day))::int + 7) % 7)
    + (p_nth - 1) * 7)::date
$$;
revoke execute on function xinghuo.nth_weekday(date, int, int) from public, anon, authenticated, service_role;

-- The start of each occurrence of a valid rule, the first one first.
create function xinghuo.series_starts(p_rule jsonb, p_first timestamptz)
returns setof timestamptz
language sql
stable
set search_path = ''
as $$
  select case p_rule ->> 'every'
    when 'week' then ((p_first at time zone 'Asia/Shanghai')
      + pg_catalog.make_interval(weeks => k * coalesce((p_rule ->> 'interval')::int, 1))) at time zone 'Asia/Shanghai'
    else (xinghuo.nth_weekday(((p_first at time zone 'Asia/Shanghai')::date + pg_catalog.make_interval(months => k))::date,
            (p_rule ->> 'nth')::int, (p_rule ->> 'weekday')::int)
          + (p_first at time zone 'Asia/Shanghai')::time) at time zone 'Asia/Shanghai'
    end
  from pg_catalog.generate_series(0, (p_rule ->> 'count')::int - 1) k
  order by k
$$;
revoke execute on function xinghuo.series_starts(jsonb, timestamptz) from public, anon, authenticated, service_role;

create function public.coord_create_series(p_event jsonb, p_rule jsonb)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_first timestamptz;
  v_length interval;
  v_problems jsonb;
  v_series_id bigint;
  v_start timestamptz;
  v_id bigint;
  v_events jsonb := '[]';
begin
  perform xinghuo.coord_assert();
  v_problems := xinghuo.event_problems(p_event);
  if pg_catalog.jsonb_typeof(p_event) = 'object' then
    v_first := xinghuo.iso_timestamp(p_event ->> 'starts_at');
    v_length := xinghuo.iso_timestamp(p_event ->> 'ends_at') - v_first;
    if p_event ? 'id' or p_event ? 'slug' then
      -- Occurrences are new events with keys of their own.
      v_problems := v_problems || xinghuo.problem('event', 'series_event_not_new');
    end if;
  end if;
  v_problems := v_problems || xinghuo.series_rule_problems(p_rule, v_first);
  if pg_catalog.jsonb_array_length(v_problems) = 0 then
    if exists (select 1 from xinghuo.series_starts(p_rule, v_first) s
               join xinghuo.events e on e.starts_at = s and e.title = xinghuo.json_text(p_event -> 'title')
               where e.status = 'scheduled') then
      v_problems := xinghuo.problem('rule', 'series_duplicate_date');
    elsif (select max(s) from xinghuo.series_starts(p_rule, v_first) s) > pg_catalog.now() + interval '2 years' then
      v_problems := xinghuo.problem('rule', 'series_too_far');
    end if;
  end if;
  perform xinghuo.raise_problems('series_invalid', v_problems);

  insert into xinghuo.event_series (title, rule, created_by)
  values (xinghuo.json_text(p_event -> 'title'), p_rule, (select auth.uid()))
  returning id into v_series_id;
  for v_start in select s from xinghuo.series_starts(p_rule, v_first) s loop
    v_id := xinghuo.write_event(null, p_event || pg_catalog.jsonb_build_object(
      'starts_at', v_start, 'ends_at', v_start + v_length), v_series_id);
    perform xinghuo.add_event_history(v_id, 'series_created', null, xinghuo.event_state(v_id));
    v_events := v_events || pg_catalog.jsonb_build_array(
      (select pg_catalog.jsonb_build_object('id', e.id, 'slug', e.slug, 'starts_at', e.starts_at) from xinghuo.events e where e.id = v_id));
  end loop;
  return pg_catalog.jsonb_build_object('series_id', v_series_id, 'events', v_events);
end;
$$;
revoke execute on function public.coord_create_series(jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.coord_create_series(jsonb, jsonb) to authenticated;
