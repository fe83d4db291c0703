-- The private schema that holds every table. The API (PostgREST) exposes `public` only, and `public`
-- holds functions only: each one granted to exactly the roles that need it.
create schema if not exists xinghuo;
revoke all on schema xinghuo from public;
comment on schema xinghuo is 'Outreach data. Not exposed by the API; reached through public functions only.';

-- Deny by default. Supabase grants new functions in `public` to anon/authenticated/service_role,
-- and Postgres grants EXECUTE to PUBLIC: undo both for every function created from here on, so a
-- function is callable only after an explicit `grant execute`.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated, service_role;
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;
alter default privileges in schema xinghuo revoke execute on functions from public;
