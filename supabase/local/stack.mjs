// The Docker-free local Supabase: PostgreSQL + platform.sql + migrations + seed + the
// HTTP gateway (supervised in its own process). Used by `npm start`, the e2e run and the database tests.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localDataRoot } from './data-dir.mjs';
import { startSupervisedGateway } from './gateway/supervisor.mjs';
import { installQueue } from '../../worker/queue-schema.ts';
import { accessTokenSeconds, authenticatorPassword, jwtSecret } from './keys.mjs';
import { applySchema } from './migrate.mjs';
import { startPostgres } from './postgres.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const supabaseDir = resolve(here, '..');
export const defaultDataDir = join(localDataRoot(resolve(supabaseDir, '..')), 'pg');

function asAuthenticator(adminUrl) {
  const url = new URL(adminUrl);
  url.username = 'authenticator';
  url.password = authenticatorPassword;
  return url.toString();
}

/**
 * Starts everything; resolves once the API answers. `stop()` closes the gateway, then stops
 * PostgreSQL cleanly. `durable: false` is for throw-away clusters (tests); `gateway` passes options to startGateway
 * (limits, http, healthTimeoutMs, signInLimits, refreshReuseSeconds). PostgreSQL's log goes to
 * `postgres.log` beside the data folder (rewritten on each start).
 */
export async function startStack({
  dataDir = defaultDataDir,
  dbPort = 54322,
  apiPort = 54321,
  reset = false,
  seed = true,
  quiet = false,
  durable = true,
  gateway: gatewayOptions = {},
} = {}) {
  const log = quiet ? () => {} : (msg) => console.log(`[stack] ${msg}`);
  const pgLog = [];
  const logFile = join(dirname(dataDir), 'postgres.log');
  await mkdir(dirname(dataDir), { recursive: true });
  // Owner-only: error messages can quote what a call sent.
  const logStream = createWriteStream(logFile, { flags: 'w', mode: 0o600 });
  const db = await startPostgres({
    dataDir,
    port: dbPort,
    reset,
    durable,
    onLog: (line) => {
      const text = String(line);
      logStream.write(text.endsWith('\n') ? text : `${text}\n`);
      pgLog.push(text);
      if (pgLog.length > 200) pgLog.shift();
    },
  }).catch((e) => {
    logStream.end();
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
    gateway = await startSupervisedGateway(
      {
        ...gatewayOptions,
        port: apiPort,
        apiConnection: asAuthenticator(db.adminUrl),
        authConnection: db.adminUrl,
        secret: jwtSecret,
        ttl: accessTokenSeconds,
        quiet,
      },
      { log: (msg) => console.warn(`[stack] ${msg}`) },
    );
    log(`API gateway on ${gateway.url}`);
  } catch (e) {
    await gateway?.close().catch(() => {});
    await db.stop().catch(() => {});
    logStream.end();
    throw e;
  }

  let stopped;
  return {
    apiUrl: gateway.url,
    dbUrl: db.adminUrl,
    logFile,
    gatewayPid: gateway.pid,
    gatewayRestarts: gateway.restarts,
    stop() {
      stopped ??= (async () => {
        await gateway.close().catch(() => {});
        await db.stop();
        logStream.end();
      })();
      return stopped;
    },
  };
}
