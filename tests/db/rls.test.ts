// Deny by default: every table is private, RLS is on everywhere, and the API roles cannot read or
// write any table directly, whatever migrations other topics add.
import { describe, expect, test } from 'vitest';
import { sql } from './harness';

async function tablesOf(schema: string): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind in ('r', 'p') order by 1`,
    [schema],
  );
  return rows.map((r) => r.name);
}

/**
 * Runs `statement` as `role` and returns the SQLSTATE it failed with (undefined if it succeeded).
 * One multi-statement query = one implicit transaction, so SET LOCAL holds for the statement and any
 * failure rolls everything back on the same connection.
 */
async function failureAs(role: string, statement: string): Promise<string | undefined> {
  try {
    await sql(`set local role ${role}; ${statement}`);
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('tables', () => {
  test('the outreach tables exist in the private schema and none in public', async () => {
    const tables = await tablesOf('xinghuo');
    expect(tables).toEqual(expect.arrayContaining(['coordinators', 'event_slots', 'events']));
    expect(await tablesOf('public')).toEqual([]);
    const views = await sql(`select viewname from pg_views where schemaname = 'public'`);
    expect(views).toEqual([]);
  });

  test('row level security is enabled on every table in schema xinghuo', async () => {
    const rows = await sql<{ relname: string; relrowsecurity: boolean }>(
      `select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'xinghuo' and c.relkind in ('r', 'p')`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.relrowsecurity).map((r) => r.relname)).toEqual([]);
  });

  test('the API roles have no usage on the private schema', async () => {
    const [row] = await sql(
      `select has_schema_privilege('anon', 'xinghuo', 'usage') as anon,
              has_schema_privilege('authenticated', 'xinghuo', 'usage') as authenticated`,
    );
    expect(row).toEqual({ anon: false, authenticated: false });
  });
});

describe('direct table access is denied', () => {
  for (const role of ['anon', 'authenticated', 'service_role']) {
    test(`${role} can neither select from nor insert into any xinghuo table`, async () => {
      const tables = await tablesOf('xinghuo');
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) {
        expect(await failureAs(role, `select * from xinghuo.${table} limit 1`), `select ${table}`).toBe('42501');
        expect(await failureAs(role, `insert into xinghuo.${table} default values`), `insert ${table}`).toBe('42501');
        expect(await failureAs(role, `delete from xinghuo.${table}`), `delete ${table}`).toBe('42501');
      }
    });
  }

  test('the failure helper really switches role, and sees success', async () => {
    // Guards the tests above against passing for the wrong reason (e.g. a broken helper).
    expect(await failureAs('postgres', 'select * from xinghuo.events limit 1')).toBeUndefined();
    expect(await sql('set local role anon; select current_user as who')).toEqual([{ who: 'anon' }]);
  });

  test('anon and authenticated cannot read auth.users', async () => {
    expect(await failureAs('anon', 'select * from auth.users limit 1')).toBe('42501');
    expect(await failureAs('authenticated', 'select * from auth.users limit 1')).toBe('42501');
  });
});

describe('functions', () => {
  test('no function in public or xinghuo is executable by PUBLIC', async () => {
    const rows = await sql<{ fn: string }>(
      `select p.oid::regprocedure::text as fn
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'xinghuo')
         and (p.proacl is null or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))`,
    );
    expect(rows.map((r) => r.fn)).toEqual([]);
  });

  test('every security definer function pins an empty search_path', async () => {
    const rows = await sql<{ fn: string }>(
      `select p.oid::regprocedure::text as fn
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'xinghuo') and p.prosecdef
         and not coalesce(p.proconfig @> array['search_path=""'], false)`,
    );
    expect(rows.map((r) => r.fn)).toEqual([]);
  });
});
