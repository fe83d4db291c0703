// graphile-worker holds a job's lock for 4 hours when the process that took it dies. Each process
// records its pool's and workers' ids under its instance name; the next start of that instance force-unlocks
// them, so a killed worker's jobs run again at once (and deliver_message reconciles them).
import type pg from 'pg';

export async function unlockPreviousRun(pool: pg.Pool, instance: string): Promise<void> {
  const { rows } = await pool.query<{ worker_id: string }>(
    'delete from xinghuo.worker_instances where instance = $1 returning worker_id',
    [instance],
  );
  if (rows.length) {
    await pool.query('select graphile_worker.force_unlock_workers($1::text[])', [rows.map((r) => r.worker_id)]);
  }
}

export async function rememberWorker(pool: pg.Pool, instance: string, workerId: string): Promise<void> {
  await pool.query('insert into xinghuo.worker_instances (worker_id, instance) values ($1, $2) on conflict do nothing', [
    workerId,
    instance,
  ]);
}
