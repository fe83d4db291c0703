-- The per-client limit keys on the address the trusted proxy saw, not on what the client wrote.
-- Every proxy appends the address it received the request from to x-forwarded-for, so entries on
-- the left are whatever the client sent; only the last `trusted_proxy_hops` entries were written
-- by proxies we run. The client is the entry the outermost of them added: the n-th from the right.
-- Default 1: the Supabase API gateway (or supabase/local's gateway) in front of PostgREST. Put a
-- CDN or load balancer in front of it and it becomes 2:
--   update xinghuo.client_address_settings set trusted_proxy_hops = 2;

create table if not exists xinghuo.client_address_settings (
  only_row boolean primary key default true check (only_row),
  trusted_proxy_hops integer not null default 1 check (trusted_proxy_hops between 1 and 10)
);
insert into xinghuo.client_address_settings (only_row) values (true) on conflict (only_row) do nothing;

alter table xinghuo.client_address_settings enable row level security;
revoke all on table xinghuo.client_address_settings from public, anon, authenticated;

-- The trusted hop of x-forwarded-for (the left-most entry when there are fewer entries than
-- trusted hops: all of them came from our proxies), else x-real-ip, else one shared 'unknown' bucket.
create or replace function xinghuo.request_client_address()
returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  v_headers json;
  v_hops integer := coalesce((select s.trusted_proxy_hops from xinghuo.client_address_settings s), 1);
  v_entries text[];
  v_addr text;
begin
  begin
    v_headers := nullif(pg_catalog.current_setting('request.headers', true), '')::json;
  exception when others then
    v_headers := null;
  end;
  v_entries := pg_catalog.string_to_array(coalesce(v_headers ->> 'x-forwarded-for', ''), ',');
  if pg_catalog.cardinality(v_entries) > 0 then
    v_addr := pg_catalog.btrim(v_entries[greatest(pg_catalog.cardinality(v_entries) - v_hops + 1, 1)]);
  end if;
  if coalesce(v_addr, '') = '' then
    v_addr := pg_catalog.btrim(coalesce(v_headers ->> 'x-real-ip', ''));
  end if;
  return coalesce(nullif(v_addr, ''), 'unknown');
end;
$$;

revoke all on function xinghuo.request_client_address() from public, anon, authenticated;
