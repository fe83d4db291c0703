// The local database must not be reachable through the dev server: `astro dev` (vite) answers
// /@fs/<path> for files under the project root, so a data folder inside it served the sign-ups table
// and bcrypt hashes to anyone who could reach the dev server. A real `astro dev` is asked for a file
// in the folder `npm start` uses.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freePort } from '../../scripts/free-port.mjs';
import { defaultDataDir, startStack } from '../../supabase/local/stack.mjs';

const projectRoot = resolve(import.meta.dirname, '../..');
const port = 54417;
// The folder holding the cluster and its log.
const dataRoot = dirname(defaultDataDir);
const probe = join(dataRoot, `zz-fs-probe-${randomUUID()}`);
let createdDir = false;
let astro: ChildProcess;
// The dev server reads the programme from an API as it starts (the events loader). Not the suite's
// own: other suites' fixtures are not all events a page could render. A fresh stack with the demo
// programme, as `npm start` has.
let stack: Awaited<ReturnType<typeof startStack>>;
let stackDir: string;

beforeAll(async () => {
  createdDir = !(await stat(dataRoot).catch(() => undefined));
  await mkdir(dataRoot, { recursive: true });
  await writeFile(probe, 'secret volunteer data');
  stackDir = await mkdtemp(join(tmpdir(), 'xinghuo-fs-probe-'));
  await chmod(stackDir, 0o755); // PostgreSQL runs as the `postgres` user and must reach its folder
  stack = await startStack({ dataDir: join(stackDir, 'pg'), apiPort: await freePort(), dbPort: await freePort(), reset: true, durable: false, quiet: true });
  astro = spawn(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: projectRoot,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PUBLIC_SUPABASE_URL: stack.apiUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  astro.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`astro dev did not start in 90 s:\n${output}`)), 90_000);
    astro.stdout!.on('data', (chunk) => {
      output += chunk;
      if (/ready in|Local\s/i.test(String(chunk))) {
        clearTimeout(timer);
        ready();
      }
    });
    astro.once('exit', (code) => fail(new Error(`astro dev exited (${code}):\n${output}`)));
  });
}, 180_000); // a fresh stack, then astro dev's first start

afterAll(async () => {
  if (astro && astro.exitCode === null) {
    const exited = new Promise((r) => astro.once('exit', r));
    astro.kill('SIGTERM');
    await exited;
  }
  await stack?.stop();
  await rm(stackDir, { recursive: true, force: true });
  await rm(createdDir ? dataRoot : probe, { recursive: true, force: true });
});

test('the data folder is outside the project root', () => {
  expect(relative(projectRoot, dataRoot).startsWith('..')).toBe(true);
});

test('astro dev does not serve the data folder through /@fs/', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/@fs${probe}`);
  const text = await res.text();
  expect(text).not.toContain('secret volunteer data');
  expect(res.status).toBe(403);
});
