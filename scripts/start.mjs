// `npm start`: the local Supabase stand-in (PostgreSQL, migrations, demo data, events, API gateway),
// the message stand-ins (SMTP sink, SMS provider, viewer) with the message worker, and the site
// (astro dev). Data persists in the user's data folder (outside the project, printed below;
// XINGHUO_DATA_DIR moves it); `npm start -- --reset` wipes it. The gateway runs in its own process
// and is restarted if it crashes. Ctrl-C stops the site, the worker, the stand-ins, the gateway and
// PostgreSQL cleanly.
import './require-node.mjs';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, startStack } from '../supabase/local/stack.mjs';
import { defaultMessagePorts, localMessageEnv, startMessageStandIns } from '../supabase/local/messages/index.mjs';
import { demoAccounts, demoPassword } from '../supabase/local/keys.mjs';

const ports = { api: 54321, db: 54322, site: 4321 };
const reset = process.argv.includes('--reset');
const started = Date.now();

// Before the data folder moved out of the project, it was here, where astro dev serves any file.
const legacyDataDir = fileURLToPath(new URL('../supabase/local/.data', import.meta.url));
if (existsSync(legacyDataDir)) {
  console.warn(`[start] warning: ${legacyDataDir} holds an old local database inside the project, where astro dev
  can serve its files. The database now lives in ${dirname(defaultDataDir)}. Delete the old folder:
  rm -rf supabase/local/.data`);
}

const stack = await startStack({ apiPort: ports.api, dbPort: ports.db, reset }).catch((e) => {
  console.error(`Could not start the local stack: ${e?.message ?? e}`);
  process.exit(1);
});
const messages = await startMessageStandIns().catch(async (e) => {
  console.error(`Could not start the message stand-ins (ports ${Object.values(defaultMessagePorts).join(', ')}): ${e?.message ?? e}`);
  await stack.stop();
  process.exit(1);
});
// The same worker production runs, pointed at the stand-ins; its own Node (type stripping runs .ts).
const worker = spawn(process.execPath, [fileURLToPath(new URL('../worker/main.ts', import.meta.url))], {
  stdio: 'inherit',
  env: { ...process.env, ...localMessageEnv({ databaseUrl: stack.dbUrl }), XINGHUO_WORKER_INSTANCE: 'npm-start' },
});
console.log(`[start] backend ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// astro's own entry under this Node (not via npx), so stopping the child really stops the dev server.
const astroBin = fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url));
const site = spawn(process.execPath, [astroBin, 'dev', '--host', '127.0.0.1', '--port', String(ports.site)], {
  stdio: ['inherit', 'pipe', 'inherit'],
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PUBLIC_SUPABASE_URL: stack.apiUrl },
});
let announced = false;
site.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /ready in|Local\s/i.test(String(chunk))) {
    announced = true;
    console.log(`
  星火 is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)
    site         http://127.0.0.1:${ports.site}/
    coordinator  http://127.0.0.1:${ports.site}/coordinator
    API          ${stack.apiUrl}   (Supabase stand-in: /rest/v1/rpc/*, /auth/v1/*)
    database     ${stack.dbUrl}
    data folder  ${dirname(defaultDataDir)}  (PostgreSQL log: ${stack.logFile})
    messages     ${messages.viewer.url}   (SMS and e-mail the worker sent; JSON: /api/v1/messages)
  Demo sign-in (local only):
    coordinator  ${demoAccounts.coordinator} / ${demoPassword}  (team lead: every 支行)
    branch       ${demoAccounts.branchCoordinator} / ${demoPassword}  (市南支行 only)
    volunteer    ${demoAccounts.volunteer} / ${demoPassword}  (signed in, not a coordinator)
  Ctrl-C stops everything.
`);
  }
});

let stopping = false;
async function shutdown(reason) {
  if (stopping) return;
  stopping = true;
  console.log(`\n[start] ${reason}: stopping site, message worker, gateway and PostgreSQL…`);
  const exited = [site, worker].map((child) => (child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r))));
  for (const child of [site, worker]) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(exited);
  await Promise.all([messages.close(), stack.stop().catch((e) => console.error(e))]);
  console.log('[start] stopped cleanly');
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
site.on('exit', (code) => {
  if (!stopping) shutdown(`site exited (${code})`);
});
