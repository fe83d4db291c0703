// graphile-worker's own schema (graphile_worker.*), installed or upgraded by its migrations. The
// worker runs this on start; the local stack runs it right after supabase/migrations so producers'
// enqueue_message (which calls graphile_worker.add_job) works before any worker has started.
import { runMigrations } from 'graphile-worker';
import type pg from 'pg';

export async function installQueue(target: pg.Pool | string): Promise<void> {
  await runMigrations(typeof target === 'string' ? { connectionString: target } : { pgPool: target });
}
