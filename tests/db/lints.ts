// Our own checks for the lints of Supabase's database linter (splinter, github.com/supabase/splinter)
// that apply to this schema, each named after the splinter lint it implements. Written here in our
// own SQL from the lint's description: splinter itself is not vendored. Every query returns rows of
// one column, `finding`, naming the object as "schema.object" (plus what is wrong where it helps).
//
// Left out, with why: 0005_unused_index and 0020_table_bloat read run-time statistics, meaningless on a
// fresh test database; 0012, 0022, 0025, 0026, 0027 concern platform settings, extension updates,
// Storage and pg_graphql, none of which the migrations configure; 0019 concerns pgmq, not installed.

// Ours to lint: every schema except PostgreSQL's own and what the platform (or our local stand-in of
// it, supabase/local/platform.sql) provides.
const notOurs = `('pg_catalog', 'information_schema', 'pg_toast', 'auth', 'extensions', 'local_stack', 'storage', 'realtime', 'graphql', 'graphql_public', 'vault', 'cron', 'net', 'supabase_functions', 'supabase_migrations')`;
const ourSchema = (nsp: string) => `${nsp} not in ${notOurs} and ${nsp} not like 'pg\\_%'`;
// Objects created by an extension are the extension's business, as splinter also holds.
const notFromExtension = (oid: string) => `not exists (select 1 from pg_depend e where e.objid = ${oid} and e.deptype = 'e')`;

export interface Lint {
  /** splinter's lint id, e.g. 0001_unindexed_foreign_keys */
  name: string;
  /** SQL with $1 = the schemas the API exposes (text[]). */
  sql: string;
  /** SQL that commits the lint's fault in schema lint_probe (exposed by the API for the probe), proving the check can fail. */
  probe: string;
  /** the finding the probe must produce */
  probeFinding: string;
}

export const lints: Lint[] = [
  {
    // A foreign key whose columns do not lead some index: deleting or updating the referenced row
    // scans the whole referencing table, and joins along the key cannot use an index.
    name: '0001_unindexed_foreign_keys',
    probe: "create table lint_probe.parent (id int primary key); create table lint_probe.child (id int primary key, parent_id int references lint_probe.parent);",
    probeFinding: 'lint_probe.child.child_parent_id_fkey',
    sql: `select format('%s.%s.%s', n.nspname, t.relname, fk.conname) as finding
      from pg_constraint fk join pg_class t on t.oid = fk.conrelid join pg_namespace n on n.oid = t.relnamespace
      where fk.contype = 'f' and ${ourSchema('n.nspname')} and ${notFromExtension('t.oid')}
        and not exists (
          select 1 from pg_index i
          where i.indrelid = t.oid and i.indisvalid
            and (i.indkey::int2[])[0:cardinality(fk.conkey) - 1] = fk.conkey)`,
  },
  {
    // auth.users reachable through a view in an API schema would publish every account.
    name: '0002_auth_users_exposed',
    probe: "create view lint_probe.people as select id from auth.users; grant select on lint_probe.people to anon;",
    probeFinding: 'lint_probe.people',
    sql: `select distinct format('%s.%s', n.nspname, v.relname) as finding
      from pg_class v join pg_namespace n on n.oid = v.relnamespace
      join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid in (select oid from pg_rewrite where ev_class = v.oid)
      where v.relkind in ('v', 'm') and n.nspname = any($1) and d.refobjid = 'auth.users'::regclass
        and (has_table_privilege('anon', v.oid, 'select') or has_table_privilege('authenticated', v.oid, 'select'))`,
  },
  {
    // auth.uid() / current_setting() written bare in a policy runs once per row; wrapped in a
    // sub-select PostgreSQL evaluates it once per statement.
    name: '0003_auth_rls_initplan',
    probe: "create table lint_probe.notes (id int primary key, owner uuid); alter table lint_probe.notes enable row level security; create policy \"owners read\" on lint_probe.notes for select to authenticated using (owner = auth.uid());",
    probeFinding: 'lint_probe.notes: owners read',
    sql: `select format('%s.%s: %s', schemaname, tablename, policyname) as finding from pg_policies
      where ${ourSchema('schemaname')}
        and exists (
          select 1 from unnest(array[coalesce(qual, ''), coalesce(with_check, '')]) as expr(text),
            unnest(array['auth.uid()', 'auth.jwt()', 'auth.role()', 'auth.email()', 'current_setting(']) as call(text)
          where position(call.text in expr.text) > 0
            and position('select ' || call.text in lower(expr.text)) = 0)`,
  },
  {
    name: '0004_no_primary_key',
    probe: "create table lint_probe.loose (x int);",
    probeFinding: 'lint_probe.loose',
    sql: `select format('%s.%s', n.nspname, t.relname) as finding
      from pg_class t join pg_namespace n on n.oid = t.relnamespace
      where t.relkind in ('r', 'p') and not t.relispartition and ${ourSchema('n.nspname')} and ${notFromExtension('t.oid')}
        and not exists (select 1 from pg_index i where i.indrelid = t.oid and i.indisprimary)`,
  },
  {
    // Two permissive policies for one role and one command are OR-ed, and both run for every row.
    name: '0006_multiple_permissive_policies',
    probe: "create table lint_probe.notes (id int primary key); alter table lint_probe.notes enable row level security; create policy a on lint_probe.notes for select to authenticated using (id > 0); create policy b on lint_probe.notes for all to authenticated using (id < 9);",
    probeFinding: 'lint_probe.notes: authenticated select',
    sql: `select format('%s.%s: %s %s', n.nspname, t.relname, r.rolname, cmd) as finding
      from pg_policy p join pg_class t on t.oid = p.polrelid join pg_namespace n on n.oid = t.relnamespace
      join pg_roles r on r.oid = any(p.polroles) or p.polroles = '{0}'
      cross join lateral unnest(case p.polcmd when '*' then array['select', 'insert', 'update', 'delete']
        else array[case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update' else 'delete' end] end) as cmd
      where p.polpermissive and ${ourSchema('n.nspname')} and not r.rolbypassrls and r.rolname not like 'pg\\_%'
      group by n.nspname, t.relname, r.rolname, cmd having count(*) > 1`,
  },
  {
    // Policies on a table without RLS enabled do nothing: the table is open to whoever has grants.
    name: '0007_policy_exists_rls_disabled',
    probe: "create table lint_probe.notes (id int primary key); create policy a on lint_probe.notes for select to authenticated using (id > 0);",
    probeFinding: 'lint_probe.notes',
    sql: `select distinct format('%s.%s', n.nspname, t.relname) as finding
      from pg_policy p join pg_class t on t.oid = p.polrelid join pg_namespace n on n.oid = t.relnamespace
      where not t.relrowsecurity and ${ourSchema('n.nspname')}`,
  },
  {
    // RLS on and no policy: nobody but the owner reads or writes. Deliberate for our private tables,
    // which only security-definer functions touch; listed as accepted below.
    name: '0008_rls_enabled_no_policy',
    probe: "create table lint_probe.notes (id int primary key); alter table lint_probe.notes enable row level security;",
    probeFinding: 'lint_probe.notes',
    sql: `select format('%s.%s', n.nspname, t.relname) as finding
      from pg_class t join pg_namespace n on n.oid = t.relnamespace
      where t.relkind in ('r', 'p') and t.relrowsecurity and ${ourSchema('n.nspname')} and ${notFromExtension('t.oid')}
        and not exists (select 1 from pg_policy p where p.polrelid = t.oid)`,
  },
  {
    // Two indexes with the same definition: twice the write cost for nothing.
    name: '0009_duplicate_index',
    probe: "create table lint_probe.notes (id int primary key, x int); create index one on lint_probe.notes (x); create index two on lint_probe.notes (x);",
    probeFinding: 'lint_probe.notes: one, two',
    sql: `select format('%s.%s: %s', schemaname, tablename, string_agg(indexname, ', ' order by indexname)) as finding
      from pg_indexes where ${ourSchema('schemaname')}
      group by schemaname, tablename, replace(indexdef, indexname, '') having count(*) > 1`,
  },
  {
    // A view runs with its owner's rights unless security_invoker is set, bypassing the caller's RLS.
    name: '0010_security_definer_view',
    probe: "create view lint_probe.v as select 1 as x;",
    probeFinding: 'lint_probe.v',
    sql: `select format('%s.%s', n.nspname, v.relname) as finding
      from pg_class v join pg_namespace n on n.oid = v.relnamespace
      where v.relkind = 'v' and n.nspname = any($1) and ${notFromExtension('v.oid')}
        and not coalesce(v.reloptions @> array['security_invoker=true'] or v.reloptions @> array['security_invoker=on'], false)`,
  },
  {
    // Without a fixed search_path, a caller who can create objects earlier on the path can swap in
    // their own table or operator, and a security-definer function would use it with its owner's rights.
    name: '0011_function_search_path_mutable',
    probe: "create function lint_probe.f() returns int language sql as 'select 1';",
    probeFinding: 'lint_probe.f()',
    sql: `select format('%s.%s(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as finding
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where ${ourSchema('n.nspname')} and ${notFromExtension('p.oid')}
        and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) as c(setting) where c.setting like 'search\\_path=%')`,
  },
  {
    name: '0013_rls_disabled_in_public',
    probe: "create table lint_probe.open (id int primary key);",
    probeFinding: 'lint_probe.open',
    sql: `select format('%s.%s', n.nspname, t.relname) as finding
      from pg_class t join pg_namespace n on n.oid = t.relnamespace
      where t.relkind in ('r', 'p') and not t.relrowsecurity and n.nspname = any($1)`,
  },
  {
    // Extensions belong in the extensions schema, so their objects do not appear in the API.
    name: '0014_extension_in_public',
    probe: "create extension isn schema public;",
    probeFinding: 'isn in public',
    sql: `select format('%s in %s', x.extname, n.nspname) as finding
      from pg_extension x join pg_namespace n on n.oid = x.extnamespace where n.nspname = 'public'`,
  },
  {
    // user_metadata is writable by the user themself, so a policy must never trust it.
    name: '0015_rls_references_user_metadata',
    probe: "create table lint_probe.notes (id int primary key); alter table lint_probe.notes enable row level security; create policy a on lint_probe.notes for select to authenticated using ((select auth.jwt()) -> 'user_metadata' ->> 'admin' = 'yes');",
    probeFinding: 'lint_probe.notes: a',
    sql: `select format('%s.%s: %s', schemaname, tablename, policyname) as finding from pg_policies
      where ${ourSchema('schemaname')} and (coalesce(qual, '') || coalesce(with_check, '')) like '%user\\_metadata%'`,
  },
  {
    // Materialized and foreign tables ignore RLS; in an API schema they would be readable as granted.
    name: '0016_materialized_view_in_api',
    probe: "create materialized view lint_probe.mv as select 1 as x;",
    probeFinding: 'lint_probe.mv',
    sql: `select format('%s.%s', n.nspname, c.relname) as finding from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'm' and n.nspname = any($1)`,
  },
  {
    name: '0017_foreign_table_in_api',
    probe: "create extension file_fdw schema extensions; create server lint_probe_files foreign data wrapper file_fdw; create foreign table lint_probe.ft (x int) server lint_probe_files options (filename '/dev/null');",
    probeFinding: 'lint_probe.ft',
    sql: `select format('%s.%s', n.nspname, c.relname) as finding from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'f' and n.nspname = any($1)`,
  },
  {
    // Columns of reg* types (other than regclass/regtype/regrole/regnamespace/regconfig/regdictionary)
    // hold OIDs that pg_upgrade cannot carry over, which blocks a platform upgrade.
    name: '0018_unsupported_reg_types',
    probe: "create table lint_probe.notes (id int primary key, handler regproc);",
    probeFinding: 'lint_probe.notes.handler',
    sql: `select format('%s.%s.%s', n.nspname, c.relname, a.attname) as finding
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where a.attnum > 0 and not a.attisdropped and ${ourSchema('n.nspname')}
        and a.atttypid in ('regcollation'::regtype, 'regoper'::regtype, 'regoperator'::regtype, 'regproc'::regtype, 'regprocedure'::regtype)`,
  },
  {
    // A foreign key onto a unique constraint inside auth ties our schema to the platform's internals;
    // only auth.users' primary key is a stable target.
    name: '0021_fkey_to_auth_unique',
    probe: "create table lint_probe.notes (id int primary key, phone text references auth.users (phone));",
    probeFinding: 'lint_probe.notes.notes_phone_fkey',
    sql: `select format('%s.%s.%s', n.nspname, t.relname, fk.conname) as finding
      from pg_constraint fk join pg_class t on t.oid = fk.conrelid join pg_namespace n on n.oid = t.relnamespace
      join pg_constraint target on target.conindid = fk.conindid and target.conrelid = fk.confrelid
      where fk.contype = 'f' and fk.confrelid::regclass::text like 'auth.%' and target.contype = 'u'`,
  },
  {
    // Personal data in a table the API exposes without RLS is readable by whoever holds a grant.
    name: '0023_sensitive_columns_exposed',
    probe: "create table lint_probe.people (id int primary key, phone text);",
    probeFinding: 'lint_probe.people.phone',
    sql: `select format('%s.%s.%s', n.nspname, c.relname, a.attname) as finding
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm') and not c.relrowsecurity and n.nspname = any($1) and a.attnum > 0
        and a.attname ~* '(phone|mobile|email|password|secret|token|id_card|passport|address|birth|bank|card)'`,
  },
  {
    // Write policies that let every row through (USING true / WITH CHECK true) are no policy at all.
    name: '0024_rls_policy_always_true',
    probe: "create table lint_probe.notes (id int primary key); alter table lint_probe.notes enable row level security; create policy a on lint_probe.notes for insert to anon with check (true);",
    probeFinding: 'lint_probe.notes: a',
    sql: `select format('%s.%s: %s', schemaname, tablename, policyname) as finding from pg_policies
      where ${ourSchema('schemaname')} and cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
        and (lower(trim(coalesce(qual, ''))) = 'true' or lower(trim(coalesce(with_check, ''))) = 'true')`,
  },
  ...(['anon', 'authenticated'] as const).map((role) => ({
    // A security-definer function in an API schema that this role may execute runs with its owner's
    // rights for that caller. Here that is the design (the API is exactly these functions, each
    // checking its caller inside), so each one is accepted by name below and a new one must be added
    // there on purpose.
    name: role === 'anon' ? '0028_anon_security_definer_function_executable' : '0029_authenticated_security_definer_function_executable',
    probe: `create function lint_probe.f() returns int language sql security definer set search_path = '' as 'select 1';
      grant execute on function lint_probe.f() to ${role};`,
    probeFinding: 'lint_probe.f',
    sql: `select distinct format('%s.%s', n.nspname, p.proname) as finding
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and n.nspname = any($1) and has_function_privilege('${role}', p.oid, 'execute')`,
  })),
];
