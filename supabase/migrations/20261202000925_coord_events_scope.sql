-- The workspace's events list holds only the events in the caller's scope (a team lead: all; a
-- branch coordinator: their branch's), each with its branch id and label. Otherwise as
-- 20261202000570.
create or replace function public.coord_events()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return coalesce((
    select jsonb_agg(jsonb_build_object(
        'id', e.id, 'slug', e.slug, 'title', e.title, 'starts_at', e.starts_at, 'ends_at', e.ends_at,
        'district', e.district, 'status', e.status, 'audiences', e.audiences, 'topics', e.topics,
        'kind', e.kind, 'channel', e.channel, 'venue_name', e.venue_name, 'publication', e.publication,
        'revision', e.revision, 'series_id', e.series_id, 'cancel_reason', e.cancel_reason,
        'roles', coalesce(rl.roles, '[]'),
        'slots', coalesce(rl.total, 0),
        'confirmed', coalesce(g.confirmed, 0), 'waitlisted', coalesce(g.waitlisted, 0),
        'cancelled', coalesce(g.cancelled, 0), 'checked_in', coalesce(t.checked_in, 0),
        'report_version', r.version, 'people_reached', case when f.reported then f.people_reached end,
        'volunteers_present', f.volunteers_present, 'questions_answered', r.questions_answered,
        'materials', coalesce(t.materials, 0), 'branch_id', e.branch_id, 'branch_label', b.label)
      order by e.starts_at desc, e.id desc)
    from xinghuo.events e
    left join (select es.event_id, sum(es.slots) as total,
                 -- A role stays listed while someone holds or waits for a place in it.
                 jsonb_agg(jsonb_build_object('id', vr.id, 'label', vr.label, 'slots', es.slots,
                     'confirmed', coalesce(c.confirmed, 0), 'waitlisted', coalesce(c.waitlisted, 0))
                   order by vr.sort_order, vr.id) filter (where es.slots > 0 or coalesce(c.confirmed + c.waitlisted, 0) > 0) as roles
               from xinghuo.event_slots es
               join xinghuo.volunteer_roles vr on vr.id = es.role
               left join (select x.event_id, x.role,
                            count(*) filter (where x.status = 'confirmed') as confirmed,
                            count(*) filter (where x.status = 'waitlisted') as waitlisted
                          from xinghuo.signups x group by x.event_id, x.role) c
                 on c.event_id = es.event_id and c.role = es.role
               group by es.event_id) rl on rl.event_id = e.id
    left join (select x.event_id,
                 count(*) filter (where x.status = 'confirmed') as confirmed,
                 count(*) filter (where x.status = 'waitlisted') as waitlisted,
                 count(*) filter (where x.status = 'cancelled') as cancelled
               from xinghuo.signups x group by x.event_id) g on g.event_id = e.id
    join xinghuo.event_figures f on f.id = e.id
    left join xinghuo.event_reports r on r.event_id = e.id
    left join xinghuo.event_tallies t on t.event_id = e.id
    left join xinghuo.branches b on b.id = e.branch_id
    where xinghuo.in_caller_scope(e.branch_id)
  ), '[]'::jsonb);
end;
$$;
revoke execute on function public.coord_events() from public, anon, authenticated;
grant execute on function public.coord_events() to authenticated;
