// Every e2e run starts scripts/e2e-stack.mjs (a real PostgreSQL in a temp folder) and stops it with
// SIGTERM. The folder (~42 MB) must be gone afterwards, or /tmp fills up run after run.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../../scripts/free-port.mjs';

let parent = '';
afterAll(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
});

it('the e2e stack removes its temp folder when stopped with SIGTERM', async () => {
  // The stack's temp folder goes under a parent of our own (TMPDIR), so the check sees only it.
  parent = await mkdtemp(join(tmpdir(), 'xinghuo-cleanup-check-'));
  await chmod(parent, 0o755); // PostgreSQL runs as the `postgres` user and must reach the folder
  const env = { ...process.env, TMPDIR: parent, XINGHUO_E2E_API_PORT: String(await freePort()), XINGHUO_E2E_DB_PORT: String(await freePort()) };
  const child = spawn(process.execPath, ['scripts/e2e-stack.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d;
      if (output.includes('[e2e-stack] ready')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('exit', () => reject(new Error(`e2e stack exited before it was ready:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await ready;
  expect(await readdir(parent)).toHaveLength(1); // the stack's folder, with the running cluster in it
  child.kill('SIGTERM');
  await exited;
  expect(await readdir(parent)).toEqual([]);
}, 120_000);
