-- Reading, publishing, unpublishing, cancelling and cloning one event, and its history. Each change
-- takes the event lock, checks the caller's revision (event_conflict when stale), bumps it and
-- appends history. The messages to volunteers come from the event-change trigger (20261202000175).

create function public.coord_get_event(p_event_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  perform xinghuo.coord_event_or_raise(p_event_id);
  return xinghuo.event_state(p_event_id);
end;
$$;
revoke execute on function public.coord_get_event(bigint) from public, anon, authenticated;
grant execute on function public.coord_get_event(bigint) to authenticated;

-- Sets publication; publishing checks the stored event with the same validator as a save (an event
-- kept from the Markdown era has no venue until a coordinator picks one).
create function xinghuo.set_publication(p_event_id bigint, p_revision int, p_publication text)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  v_event xinghuo.events := xinghuo.lock_event(p_event_id, p_revision);
  v_before jsonb := xinghuo.event_state(p_event_id);
begin
  if v_event.publication = 'published' and p_publication = 'published' then
    raise exception 'already_published' using errcode = 'P0001', detail = 'nothing to change';
  elsif v_event.publication = 'draft' and p_publication = 'draft' then
    raise exception 'already_draft' using errcode = 'P0001', detail = 'nothing to change';
  end if;
  if p_publication = 'published' then
    perform xinghuo.raise_problems('event_invalid', xinghuo.event_problems(v_before));
  end if;
  update xinghuo.events set publication = p_publication,
    published_at = case when p_publication = 'published' then coalesce(published_at, pg_catalog.now()) else published_at end
  where id = p_event_id;
  perform xinghuo.add_event_history(p_event_id, case p_publication when 'published' then 'published' else 'unpublished' end,
    v_before, xinghuo.event_state(p_event_id));
  return pg_catalog.jsonb_build_object('id', p_event_id, 'revision', xinghuo.bump_revision(p_event_id));
end;
$$;
revoke execute on function xinghuo.set_publication(bigint, int, text) from public, anon, authenticated, service_role;

create function public.coord_publish_event(p_event_id bigint, p_revision int)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return xinghuo.set_publication(p_event_id, p_revision, 'published');
end;
$$;
revoke execute on function public.coord_publish_event(bigint, int) from public, anon, authenticated;
grant execute on function public.coord_publish_event(bigint, int) to authenticated;

create function public.coord_unpublish_event(p_event_id bigint, p_revision int)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return xinghuo.set_publication(p_event_id, p_revision, 'draft');
end;
$$;
revoke execute on function public.coord_unpublish_event(bigint, int) from public, anon, authenticated;
grant execute on function public.coord_unpublish_event(bigint, int) to authenticated;

-- Cancelling keeps the event (and its sign-ups) with the reason the public page shows; a published
-- event's volunteers are told by the event-change trigger.
create function public.coord_cancel_event(p_event_id bigint, p_revision int, p_reason text)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_reason text := nullif(pg_catalog.btrim(p_reason, e' \t\r\n\u3000'), '');
  v_event xinghuo.events;
  v_before jsonb;
begin
  perform xinghuo.coord_assert();
  v_event := xinghuo.lock_event(p_event_id, p_revision);
  if v_event.status = 'cancelled' then
    raise exception 'already_cancelled' using errcode = 'P0001', detail = 'the event is cancelled already';
  end if;
  perform xinghuo.raise_problems('event_invalid', case
    when v_reason is null then xinghuo.problem('cancel_reason', 'cancel_reason_required')
    when pg_catalog.char_length(v_reason) > 200 then xinghuo.problem('cancel_reason', 'cancel_reason_too_long')
    else '[]' end);
  v_before := xinghuo.event_state(p_event_id);
  update xinghuo.events set status = 'cancelled', cancel_reason = v_reason where id = p_event_id;
  perform xinghuo.add_event_history(p_event_id, 'cancelled', v_before, xinghuo.event_state(p_event_id));
  return pg_catalog.jsonb_build_object('id', p_event_id, 'revision', xinghuo.bump_revision(p_event_id));
end;
$$;
revoke execute on function public.coord_cancel_event(bigint, int, text) from public, anon, authenticated;
grant execute on function public.coord_cancel_event(bigint, int, text) to authenticated;

-- A new draft with the same fields and places: no sign-ups, not cancelled, not in a series, a key
-- of its own. History notes where it came from.
create function public.coord_clone_event(p_event_id bigint)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_source jsonb;
  v_id bigint;
begin
  perform xinghuo.coord_assert();
  perform xinghuo.coord_event_or_raise(p_event_id);
  v_source := xinghuo.event_state(p_event_id);
  v_id := xinghuo.write_event(null, v_source - 'slug');
  perform xinghuo.add_event_history(v_id, 'cloned', null,
    xinghuo.event_state(v_id) || pg_catalog.jsonb_build_object('cloned_from', p_event_id));
  return xinghuo.event_key(v_id);
end;
$$;
revoke execute on function public.coord_clone_event(bigint) from public, anon, authenticated;
grant execute on function public.coord_clone_event(bigint) to authenticated;

create function public.coord_event_history(p_event_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  perform xinghuo.coord_event_or_raise(p_event_id);
  return coalesce((
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'id', h.id, 'action', h.action, 'changed_by', h.changed_by, 'changed_by_name', h.changed_by_name,
        'changed_at', h.changed_at, 'before', h.before, 'after', h.after)
      order by h.id desc)
    from xinghuo.event_history h where h.event_id = p_event_id), '[]');
end;
$$;
revoke execute on function public.coord_event_history(bigint) from public, anon, authenticated;
grant execute on function public.coord_event_history(bigint) to authenticated;
