// vitest globalSetup of the `db` project: one fresh stack (real PostgreSQL + platform.sql +
// migrations + seed + gateway) in a temp folder for the whole run, stopped afterwards.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startStack } from '../../supabase/local/stack.mjs';

// Fixed ports (see BRIEF); overridable so two runs on one machine need not collide.
export const dbTestPorts = {
  api: Number(process.env.XINGHUO_DB_TEST_API_PORT ?? 54341),
  db: Number(process.env.XINGHUO_DB_TEST_DB_PORT ?? 54342),
};

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    dbUrl: string;
    pgLogFile: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'xinghuo-db-tests-'));
  await chmod(dir, 0o755); // PostgreSQL runs as the `postgres` user and must reach its folder
  const stack = await startStack({
    dataDir: join(dir, 'pg'),
    apiPort: dbTestPorts.api,
    dbPort: dbTestPorts.db,
    reset: true,
    seed: true,
    quiet: true,
    durable: false,
  }).catch(async (e: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw e;
  });
  project.provide('apiUrl', stack.apiUrl);
  project.provide('dbUrl', stack.dbUrl);
  project.provide('pgLogFile', stack.logFile);
  process.env.XINGHUO_TEST_API_URL = stack.apiUrl;
  process.env.XINGHUO_TEST_DB_URL = stack.dbUrl;

  return async () => {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
