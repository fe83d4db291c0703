-- Public impact counters for the home page: three all-time totals, nothing per event or per person.
-- "Held" as in the view xinghuo.held_events (scheduled, and started or reported); served from the
-- dashboard snapshots (0507), so every home page visit does not recount.
create or replace function public.impact_totals()
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select xinghuo.dashboard_snapshot('impact', null, true);
$$;

revoke execute on function public.impact_totals() from public, anon, authenticated;
grant execute on function public.impact_totals() to anon, authenticated;
