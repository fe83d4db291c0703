// `npm start`: the local Supabase stand-in (PostgreSQL, migrations, demo data, events, API gateway)
// and the site (astro dev). Data persists in the user's data folder (outside the project, printed
// below; XINGHUO_DATA_DIR moves it); `npm start -- --reset` wipes it. The gateway runs in its own
// process and is restarted if it crashes. Ctrl-C stops the site, the gateway and PostgreSQL cleanly.
import './require-node.mjs';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, startStack } from '../supabase/local/stack.mjs';
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
  Demo sign-in (local only):
    coordinator  ${demoAccounts.coordinator} / ${demoPassword}
    volunteer    ${demoAccounts.volunteer} / ${demoPassword}  (signed in, not a coordinator)
  Ctrl-C stops everything.
`);
  }
});

let stopping = false;
async function shutdown(reason) {
  if (stopping) return;
  stopping = true;
  console.log(`\n[start] ${reason}: stopping site, gateway and PostgreSQL…`);
  const siteExited = site.exitCode !== null ? Promise.resolve() : new Promise((r) => site.once('exit', r));
  if (site.exitCode === null) site.kill('SIGTERM');
  await Promise.all([siteExited, stack.stop().catch((e) => console.error(e))]);
  console.log('[start] stopped cleanly');
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
site.on('exit', (code) => {
  if (!stopping) shutdown(`site exited (${code})`);
});
