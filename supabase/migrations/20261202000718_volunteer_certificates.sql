-- 志愿时长证明 (issue 14): a certificate of one year's service from a volunteer record. The worker
-- renders the PDF (task certificate_pdf, worker/certificate-pdf.ts) with a QR to the public
-- verification page, which shows only the name partly masked, the period, hours and count.
-- Serials: 'XH' + year + 12 characters of a 32-letter alphabet drawn from 60 random bits, unique by
-- constraint: far too many to enumerate through the API, so the verification needs no rate limit.
-- A certificate is part of its record: withdrawing the record deletes it (cascade).

create table if not exists xinghuo.volunteer_certificates (
  id bigint generated always as identity primary key,
  serial text not null unique check (serial ~ '^XH[0-9]{4}-[A-HJ-NP-Z2-9]{12}$'),
  record_id bigint not null references xinghuo.volunteer_records (id) on delete cascade,
  year integer not null check (year between 2000 and 2200),
  period_from date not null,
  period_to date not null check (period_to >= period_from),
  minutes integer not null check (minutes > 0),
  events_count integer not null check (events_count > 0),
  issued_at timestamptz not null default now(),
  pdf bytea,
  pdf_made_at timestamptz
);
create index if not exists volunteer_certificates_record on xinghuo.volunteer_certificates (record_id, year);
alter table xinghuo.volunteer_certificates enable row level security;
revoke all on table xinghuo.volunteer_certificates from public, anon, authenticated;

create or replace function xinghuo.new_certificate_serial(p_year integer)
returns text
language sql
volatile
set search_path = ''
as $$
  select 'XH' || p_year::text || '-' || pg_catalog.string_agg(
    pg_catalog.substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', (pg_catalog.get_byte(b.bytes, i) % 32) + 1, 1), '' order by i)
  from (select extensions.gen_random_bytes(12) as bytes) b, pg_catalog.generate_series(0, 11) i
$$;
revoke execute on function xinghuo.new_certificate_serial(integer) from public, anon, authenticated, service_role;

-- 王小明 → 王*明, 李雷 → 李*, one character → *.
create or replace function xinghuo.mask_name(p_name text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when pg_catalog.char_length(p_name) <= 1 then '*'
    when pg_catalog.char_length(p_name) = 2 then pg_catalog.left(p_name, 1) || '*'
    else pg_catalog.left(p_name, 1) || pg_catalog.repeat('*', pg_catalog.char_length(p_name) - 2) || pg_catalog.right(p_name, 1)
  end
$$;
revoke execute on function xinghuo.mask_name(text) from public, anon, authenticated, service_role;

create or replace function xinghuo.verify_link(p_serial text)
returns text
language sql
stable
set search_path = ''
as $$
  select v.site_url || '/verify/#s=' || p_serial from xinghuo.verification_settings v
$$;
revoke execute on function xinghuo.verify_link(text) from public, anon, authenticated, service_role;

-- Issues (or re-finds) the certificate of one year. The same figures give the same certificate;
-- new hours since give a new serial (the older one still verifies what it said).
create or replace function public.request_certificate(p_token text, p_year integer)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  r xinghuo.volunteer_records := xinghuo.record_by_token(p_token);
  t record;
  c xinghuo.volunteer_certificates;
begin
  if p_year is null or p_year < 2000
     or p_year > extract(year from pg_catalog.now() at time zone 'Asia/Shanghai') then
    raise exception 'certificate_year_invalid' using errcode = 'P0001', detail = 'a year up to this one', hint = 'year';
  end if;
  select count(*)::integer as events, sum(v.minutes)::integer as minutes,
         min(v.starts_at at time zone 'Asia/Shanghai')::date as period_from,
         max(v.ends_at at time zone 'Asia/Shanghai')::date as period_to into t
  from xinghuo.record_services(r.id) v where v.year = p_year and v.minutes > 0;
  if t.events = 0 then
    raise exception 'certificate_no_hours' using errcode = 'P0001', detail = 'no hours recorded in this year', hint = 'year';
  end if;
  select * into c from xinghuo.volunteer_certificates x
  where x.record_id = r.id and x.year = p_year and x.minutes = t.minutes and x.events_count = t.events
    and x.period_from = t.period_from and x.period_to = t.period_to;
  if not found then
    insert into xinghuo.volunteer_certificates (serial, record_id, year, period_from, period_to, minutes, events_count)
    values (xinghuo.new_certificate_serial(p_year), r.id, p_year, t.period_from, t.period_to, t.minutes, t.events)
    returning * into c;
    -- graphile-worker's schema exists once the worker has started (see xinghuo.queue_deploy_hook).
    if pg_catalog.to_regnamespace('graphile_worker') is not null then
      perform graphile_worker.add_job('certificate_pdf', pg_catalog.json_build_object('serial', c.serial), max_attempts => 5);
    end if;
  end if;
  return pg_catalog.jsonb_build_object('serial', c.serial, 'ready', c.pdf is not null);
end;
$$;
revoke all on function public.request_certificate(text, integer) from public, anon, authenticated, service_role;
grant execute on function public.request_certificate(text, integer) to anon, authenticated;

-- The PDF, for the record's holder only (base64: PostgREST's JSON has no bytes).
create or replace function public.certificate_pdf(p_token text, p_serial text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  r xinghuo.volunteer_records := xinghuo.record_by_token(p_token);
  c xinghuo.volunteer_certificates;
begin
  select * into c from xinghuo.volunteer_certificates x where x.serial = p_serial and x.record_id = r.id;
  if not found then
    raise exception 'certificate_not_found' using errcode = 'P0001', detail = 'no such certificate in this record', hint = 'serial';
  end if;
  return pg_catalog.jsonb_build_object('serial', c.serial, 'ready', c.pdf is not null,
    'pdf', pg_catalog.encode(c.pdf, 'base64'));
end;
$$;
revoke all on function public.certificate_pdf(text, text) from public, anon, authenticated, service_role;
grant execute on function public.certificate_pdf(text, text) to anon, authenticated;

-- The public verification: exactly these six fields, nothing else of the record.
create or replace function public.verify_certificate(p_serial text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_serial text := pg_catalog.upper(pg_catalog.btrim(coalesce(p_serial, '')));
  c record;
begin
  if v_serial !~ '^XH[0-9]{4}-[A-HJ-NP-Z2-9]{12}$' then
    raise exception 'certificate_serial_invalid' using errcode = 'P0001', detail = 'a serial looks like XH2026-ABCDEFGH2345', hint = 'serial';
  end if;
  select x.serial, x.period_from, x.period_to, x.minutes, x.events_count, r.name into c
  from xinghuo.volunteer_certificates x join xinghuo.volunteer_records r on r.id = x.record_id
  where x.serial = v_serial;
  if not found then
    raise exception 'certificate_not_found' using errcode = 'P0001', detail = 'no such certificate (or its record was withdrawn)', hint = 'serial';
  end if;
  return pg_catalog.jsonb_build_object('serial', c.serial, 'name', xinghuo.mask_name(c.name),
    'period_from', c.period_from, 'period_to', c.period_to,
    'hours', xinghuo.minutes_as_hours(c.minutes), 'events', c.events_count);
end;
$$;
revoke all on function public.verify_certificate(text) from public, anon, authenticated, service_role;
grant execute on function public.verify_certificate(text) to anon, authenticated;

-- For the worker (database owner) only: what the PDF prints, then where it is kept.
create or replace function xinghuo.certificate_for_pdf(p_serial text)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object('serial', x.serial, 'name', r.name, 'year', x.year,
    'period_from', x.period_from, 'period_to', x.period_to, 'hours', xinghuo.minutes_as_hours(x.minutes),
    'events', x.events_count, 'issued_at', x.issued_at, 'verify_url', xinghuo.verify_link(x.serial),
    'has_pdf', x.pdf is not null)
  from xinghuo.volunteer_certificates x join xinghuo.volunteer_records r on r.id = x.record_id
  where x.serial = p_serial
$$;
revoke execute on function xinghuo.certificate_for_pdf(text) from public, anon, authenticated, service_role;

create or replace function xinghuo.store_certificate_pdf(p_serial text, p_pdf bytea)
returns void
language sql
volatile
set search_path = ''
as $$
  update xinghuo.volunteer_certificates x set pdf = p_pdf, pdf_made_at = pg_catalog.now()
  where x.serial = p_serial and x.pdf is null
$$;
revoke execute on function xinghuo.store_certificate_pdf(text, bytea) from public, anon, authenticated, service_role;
