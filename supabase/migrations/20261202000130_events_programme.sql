-- Events are written by coordinators in the database (issue #10), no longer mirrored from Markdown.
-- The row holds everything the site renders, with a snapshot of its venue copied at save (so an
-- event keeps its place text even if the venue book changes, until the venue is re-applied).
--
-- Rows from the earlier sync: 'withdrawn' becomes a draft, everything else stays published, kind
-- 'community'. They carry no venue (the database never had venue text), so "an offline event names
-- a venue" is a rule of the validator (xinghuo.event_problems), applied on every save, not a CHECK:
-- an old row keeps showing until it is next edited, when the coordinator must pick a venue.

create table xinghuo.event_series (
  id bigint generated always as identity primary key,
  title text not null check (length(title) between 1 and 60),
  rule jsonb not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index event_series_created_by_idx on xinghuo.event_series (created_by);
alter table xinghuo.event_series enable row level security;
revoke all on xinghuo.event_series from public, anon, authenticated, service_role;

alter table xinghuo.events
  add column summary text not null default '',
  add column description text not null default '',
  add column kind text not null default 'community',
  add column channel text,
  add column online_url text,
  add column venue_id bigint references xinghuo.venues (id),
  add column venue_name text,
  add column venue_address text,
  add column partners text[] not null default '{}',
  add column internal_notes text not null default '',
  add column publication text not null default 'draft' check (publication in ('draft', 'published')),
  add column published_at timestamptz,
  add column cancel_reason text,
  add column series_id bigint references xinghuo.event_series (id),
  add column revision int not null default 1 check (revision >= 1),
  add column created_at timestamptz not null default now(),
  add column created_by uuid references auth.users (id) on delete set null,
  add column updated_by uuid references auth.users (id) on delete set null,
  alter column district drop not null,
  alter column slug drop not null;

-- Everything the sync had published stays published; what it had withdrawn becomes a draft.
update xinghuo.events set publication = 'published', published_at = updated_at where status <> 'withdrawn';
update xinghuo.events set status = 'scheduled' where status = 'withdrawn';
alter table xinghuo.events drop constraint events_status_check;
alter table xinghuo.events add constraint events_status_check check (status in ('scheduled', 'cancelled'));
comment on column xinghuo.events.status is 'scheduled or cancelled (with cancel_reason); visibility is publication.';
comment on column xinghuo.events.publication is 'draft: coordinators only; published: in published_events() and open for sign-up.';
alter table xinghuo.events add constraint events_online_has_no_venue
  check (kind <> 'online' or (venue_id is null and venue_name is null and venue_address is null));
alter table xinghuo.events add constraint events_channel_only_online
  check ((kind = 'online') = (channel is not null) and (online_url is null or kind = 'online'));
alter table xinghuo.events add constraint events_cancel_reason
  check ((status = 'cancelled') = (cancel_reason is not null));
create index events_venue_id_idx on xinghuo.events (venue_id);
create index events_series_id_idx on xinghuo.events (series_id);
create index events_created_by_idx on xinghuo.events (created_by);
create index events_updated_by_idx on xinghuo.events (updated_by);
create index events_published_idx on xinghuo.events (starts_at, slug) where publication = 'published';

-- The one rule for an event's key, assigned once at creation: given (seed, import) or
-- <first start's date in Asia/Shanghai>-<id>. The identity value exists before BEFORE triggers run.
create function xinghuo.assign_event_slug()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.slug := coalesce(new.slug,
      pg_catalog.to_char(new.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') || '-' || new.id);
  elsif new.slug is distinct from old.slug then
    raise exception 'slug_not_changeable' using errcode = 'P0001', detail = 'an event keeps its slug for ever';
  end if;
  return new;
end;
$$;
revoke execute on function xinghuo.assign_event_slug() from public, anon, authenticated, service_role;
create trigger assign_slug_once
  before insert or update of slug on xinghuo.events
  for each row execute function xinghuo.assign_event_slug();
alter table xinghuo.events alter column slug set not null;

-- Every change to an event: who, when, and only the fields that changed (places as {role: slots}).
create table xinghuo.event_history (
  id bigint generated always as identity primary key,
  event_id bigint not null references xinghuo.events (id),
  action text not null check (action in ('created', 'updated', 'published', 'unpublished', 'cancelled',
    'cloned', 'imported', 'series_created', 'venue_updated')),
  -- No foreign key: "on delete set null" would be an update, which the append-only trigger refuses;
  -- the name is kept beside the id for when the account is gone.
  changed_by uuid,
  changed_by_name text,
  changed_at timestamptz not null default now(),
  before jsonb,
  after jsonb
);
create index event_history_event_idx on xinghuo.event_history (event_id, id);
alter table xinghuo.event_history enable row level security;
revoke all on xinghuo.event_history from public, anon, authenticated, service_role;

-- Append-only, for everyone including the owner: a trace that can be edited is no trace.
create function xinghuo.refuse_history_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'history_append_only' using errcode = 'P0001', detail = 'event history is append-only';
end;
$$;
revoke execute on function xinghuo.refuse_history_change() from public, anon, authenticated, service_role;
create trigger event_history_append_only
  before update or delete on xinghuo.event_history
  for each row execute function xinghuo.refuse_history_change();
create trigger event_history_no_truncate
  before truncate on xinghuo.event_history
  for each statement execute function xinghuo.refuse_history_change();

-- Events reach the database through the coordinator RPCs now; the Markdown sync goes.
drop function public.sync_events(jsonb);
drop function xinghuo.sync_events_fail(int, text, text);
