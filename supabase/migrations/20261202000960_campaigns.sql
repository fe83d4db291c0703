-- Campaigns (宣传活动月、专项行动…): a named span of dates the team reports on. A campaign's figures
-- and export are the events held between its dates (coord_figures, 20261202000970). Any coordinator
-- may add or edit one; a campaign is retired, never deleted, so an old export can be made again.

create sequence if not exists xinghuo.campaign_numbers;
revoke all on sequence xinghuo.campaign_numbers from public, anon, authenticated;

create table if not exists xinghuo.campaigns (
  id text primary key default ('campaign-' || nextval('xinghuo.campaign_numbers')),
  label text not null unique check (char_length(label) between 1 and 40),
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  retired_at timestamptz,
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null
);
create index if not exists campaigns_updated_by_idx on xinghuo.campaigns (updated_by) where updated_by is not null;
alter table xinghuo.campaigns enable row level security;
revoke all on table xinghuo.campaigns from public, anon, authenticated;

-- A calendar date written YYYY-MM-DD (as <input type="date"> sends it), or null.
create or replace function xinghuo.iso_date(p text)
returns date
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p !~ '^\d{4}-\d{2}-\d{2}$' then
    return null;
  end if;
  return p::date; -- 2026-02-30 raises, and reads as null below
exception when others then
  return null;
end;
$$;
revoke execute on function xinghuo.iso_date(text) from public, anon, authenticated, service_role;

create or replace function xinghuo.campaign_json(c xinghuo.campaigns)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('id', c.id, 'label', c.label, 'starts_on', c.starts_on, 'ends_on', c.ends_on,
    'retired', c.retired_at is not null)
$$;
revoke execute on function xinghuo.campaign_json(xinghuo.campaigns) from public, anon, authenticated;

-- Newest first; retired ones too (marked), so a past campaign's export stays one click away.
create or replace function public.coord_campaigns()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform xinghuo.coord_assert();
  return coalesce((select jsonb_agg(xinghuo.campaign_json(c) order by c.starts_on desc, c.id)
                   from xinghuo.campaigns c), '[]'::jsonb);
end;
$$;
revoke execute on function public.coord_campaigns() from public, anon, authenticated;
grant execute on function public.coord_campaigns() to authenticated;

-- p_campaign: {id?, label, starts_on "YYYY-MM-DD", ends_on, retired?}; without id a new campaign.
-- Each bad input raises its own code, hint = the field it belongs beside; nothing is stored.
create or replace function public.coord_save_campaign(p_campaign jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id text := xinghuo.json_text(p_campaign -> 'id');
  v_label text := xinghuo.json_text(p_campaign -> 'label');
  v_from date;
  v_to date;
  c xinghuo.campaigns;
begin
  perform xinghuo.coord_assert();
  if pg_catalog.jsonb_typeof(p_campaign) is distinct from 'object' then
    raise exception 'campaign_invalid' using errcode = 'P0001', hint = 'form';
  end if;
  if v_label is null then
    raise exception 'campaign_label_required' using errcode = 'P0001', hint = 'label';
  end if;
  if char_length(v_label) > 40 then
    raise exception 'campaign_label_too_long' using errcode = 'P0001', hint = 'label';
  end if;
  v_from := xinghuo.iso_date(xinghuo.json_text(p_campaign -> 'starts_on'));
  if v_from is null then
    raise exception 'campaign_start_invalid' using errcode = 'P0001', hint = 'starts_on';
  end if;
  v_to := xinghuo.iso_date(xinghuo.json_text(p_campaign -> 'ends_on'));
  if v_to is null then
    raise exception 'campaign_end_invalid' using errcode = 'P0001', hint = 'ends_on';
  end if;
  if v_to < v_from then
    raise exception 'campaign_end_before_start' using errcode = 'P0001', hint = 'ends_on';
  end if;
  if exists (select 1 from xinghuo.campaigns k where k.label = v_label and k.id is distinct from v_id) then
    raise exception 'campaign_label_taken' using errcode = 'P0001', hint = 'label';
  end if;
  if v_id is null then
    insert into xinghuo.campaigns (label, starts_on, ends_on, updated_by)
      values (v_label, v_from, v_to, (select auth.uid())) returning * into c;
  else
    update xinghuo.campaigns k set label = v_label, starts_on = v_from, ends_on = v_to, updated_at = now(),
        updated_by = (select auth.uid()),
        retired_at = case when p_campaign -> 'retired' = 'true'::jsonb then coalesce(k.retired_at, now()) end
      where k.id = v_id returning * into c;
    if not found then
      raise exception 'campaign_not_found' using errcode = 'P0001', hint = 'campaign';
    end if;
  end if;
  return xinghuo.campaign_json(c);
end;
$$;
revoke execute on function public.coord_save_campaign(jsonb) from public, anon, authenticated;
grant execute on function public.coord_save_campaign(jsonb) to authenticated;
