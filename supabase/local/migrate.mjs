// Applies platform.sql (every start; it is idempotent), then each migration once, in file order,
// then the seed files once, in the order supabase/config.toml's [db.seed] sql_paths gives them
// (`supabase db reset` runs the same). Applied files are remembered in local_stack.applied_migrations.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

async function runFile(client, path, label) {
  const text = await readFile(path, 'utf8');
  await client.query('begin');
  try {
    await client.query(text);
    await client.query(
      'insert into local_stack.applied_migrations (name, sha256) values ($1, $2) on conflict do nothing',
      [label, sha256(text)],
    );
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    const where = e?.position ? ` (at character ${e.position})` : '';
    throw new Error(`${label} failed${where}: ${e?.message ?? e}`);
  }
}

/** The seed files of config.toml's [db.seed] sql_paths (paths relative to supabase/), in order. */
async function seedFiles(supabaseDir) {
  const config = await readFile(join(supabaseDir, 'config.toml'), 'utf8');
  const section = config.match(/^\[db\.seed\][^[]*?^sql_paths\s*=\s*\[([^\]]*)\]/ms);
  if (!section) throw new Error('supabase/config.toml has no [db.seed] sql_paths');
  return [...section[1].matchAll(/"\.\/([^"]+)"/g)].map((m) => m[1]);
}

/** Returns the files applied now; `warn` hears of applied migrations whose file changed since. */
export async function applySchema({ adminUrl, supabaseDir, seed = true, warn = () => {} }) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const applied = [];
  try {
    await client.query(await readFile(join(supabaseDir, 'local', 'platform.sql'), 'utf8'));
    const done = new Map(
      (await client.query('select name, sha256 from local_stack.applied_migrations')).rows.map((r) => [r.name, r.sha256]),
    );
    const migrationsDir = join(supabaseDir, 'migrations');
    const files = (await readdir(migrationsDir).catch(() => [])).filter((f) => f.endsWith('.sql')).sort();
    for (const file of files) {
      if (done.has(file)) {
        const hash = done.get(file);
        if (hash && hash !== sha256(await readFile(join(migrationsDir, file), 'utf8'))) {
          warn(`${file} changed after it was applied; it is NOT re-applied (start with --reset to rebuild)`);
        }
        continue;
      }
      await runFile(client, join(migrationsDir, file), file);
      applied.push(file);
    }
    for (const file of seed ? await seedFiles(supabaseDir) : []) {
      if (done.has(file)) continue;
      await runFile(client, join(supabaseDir, file), file);
      applied.push(file);
    }
  } finally {
    await client.end();
  }
  return applied;
}
