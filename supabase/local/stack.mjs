// The Docker-free local Supabase: PostgreSQL + platform.sql + migrations + seed + events sync + the
// HTTP gateway. Used by `npm start`, the e2e run and the database tests.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installQueue } from '../../worker/queue-schema.ts';
import { startGateway } from './gateway/server.mjs';
import { accessTokenSeconds, authenticatorPassword, jwtSecret } from './keys.mjs';
import { applySchema } from './migrate.mjs';
import { startPostgres } from './postgres.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const supabaseDir = resolve(here, '..');
export const defaultDataDir = join(here, '.data');

function asAuthenticator(adminUrl) {
  const url = new URL(adminUrl);
  url.username = 'authenticator';
  url.password = authenticatorPassword;
  return url.toString();
}

/**
 * Starts everything; resolves once the API answers. `stop()` closes the gateway, then stops
 * PostgreSQL cleanly. `durable: false` is for throw-away clusters (tests); `strictEvents` makes a
 * failed events sync an error instead of a warning.
 */
export async function startStack({
  dataDir = defaultDataDir,
  dbPort = 54322,
  apiPort = 54321,
  reset = false,
  seed = true,
  syncEvents = true,
  strictEvents = false,
  quiet = false,
  durable = true,
} = {}) {
  const log = quiet ? () => {} : (msg) => console.log(`[stack] ${msg}`);
  const pgLog = [];
  const db = await startPostgres({
    dataDir,
    port: dbPort,
    reset,
    durable,
    onLog: (line) => {
      pgLog.push(String(line));
      if (pgLog.length > 200) pgLog.shift();
    },
  }).catch((e) => {
    throw new Error(`${e.message}\n--- postgres log ---\n${pgLog.join('')}`);
  });
  log(`PostgreSQL ${db.fresh ? 'created and ' : ''}running on port ${dbPort}`);

  let gateway;
  try {
    const applied = await applySchema({
      adminUrl: db.adminUrl,
      supabaseDir,
      seed,
      warn: (msg) => console.warn(`[stack] warning: ${msg}`),
    });
    if (applied.length) log(`applied ${applied.join(', ')}`);
    // graphile-worker's schema, so enqueue_message works before the message worker has started.
    await installQueue(db.adminUrl);
    gateway = await startGateway({
      port: apiPort,
      apiConnection: asAuthenticator(db.adminUrl),
      authConnection: db.adminUrl,
      secret: jwtSecret,
      ttl: accessTokenSeconds,
      quiet,
    });
    log(`API gateway on ${gateway.url}`);
    if (syncEvents) {
      const { syncEvents: sync } = await import('../../scripts/sync-events.mjs');
      try {
        const summary = await sync(gateway.url, { quiet: true });
        log(`events synced: ${JSON.stringify(summary)}`);
      } catch (e) {
        // A typo in one content file should not keep the dev server from starting; tests are strict.
        if (strictEvents) throw e;
        console.warn(`[stack] warning: events not synced: ${e?.message ?? e}`);
      }
    }
  } catch (e) {
    await gateway?.close().catch(() => {});
    await db.stop().catch(() => {});
    throw e;
  }

  let stopped;
  return {
    apiUrl: gateway.url,
    dbUrl: db.adminUrl,
    stop() {
      stopped ??= (async () => {
        await gateway.close().catch(() => {});
        await db.stop();
      })();
      return stopped;
    },
  };
}
