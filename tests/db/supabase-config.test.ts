// supabase/config.toml must load in the current Supabase CLI (3.x), or `supabase start`, `link` and
// `db push` refuse to run. The CLI comes as its platform's binary package (optionalDependencies):
// the `supabase` wrapper package lists all eight platforms, and the registry reachable here serves
// only linux-x64, so a lock file holding the wrapper is one `npm ci` refuses. `db push --dry-run` against a real
// database loads the whole config, connects, and lists the migrations it would apply, without
// Docker and without changing anything.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, inject, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

const binary = resolve(root, `node_modules/@supabase/cli-${process.platform}-${process.arch}/bin/supabase`);

it('the Supabase CLI loads supabase/config.toml without errors or deprecations and would push every migration', () => {
  expect(existsSync(binary), `no Supabase CLI package for ${process.platform}-${process.arch} in optionalDependencies`).toBe(true);
  const cli = spawnSync(
    binary,
    ['db', 'push', '--dry-run', `--remote=${inject('dbUrl')}`, '--workdir', root],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, DO_NOT_TRACK: '1' } },
  );
  const output = `${cli.stdout}\n${cli.stderr}`;
  expect(output).not.toMatch(/no longer supported|deprecated|failed to (parse|load|read)/i);
  expect(cli.status, output).toBe(0);
  expect(output).toContain('DRY RUN');
  // The test database was built by our own runner (supabase/local/migrate.mjs), not the CLI, so
  // the CLI's history table is empty and it would apply every migration, in file order.
  const migrations = readdirSync(resolve(root, 'supabase/migrations')).filter((f) => f.endsWith('.sql')).sort();
  for (const m of migrations) expect(output).toContain(m);
});
