// The message worker: graphile-worker running `deliver_message` (outbox → SMS / e-mail), the
// debounced `deploy_hook` (rebuild the public site), the `certificate_pdf` of a volunteer record
// and a daily retention purge.
// Production runs it as a small Node service next to Supabase (README, Messages):
//   DATABASE_URL=… XINGHUO_SMS_… node worker/main.ts
import '../scripts/require-node.mjs';
import { EventEmitter } from 'node:events';
import { run, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { readConfig } from './config.ts';
import { emailChannel } from './email.ts';
import { deliverMessage } from './deliver.ts';
import { deployHook } from './deploy-hook.ts';
import { certificatePdf } from './certificate-pdf.ts';
import { site } from '../src/site.config.ts';
import { aliyunChannel } from './sms-aliyun.ts';
import { tencentChannel } from './sms-tencent.ts';
import { unlockPreviousRun, rememberWorker } from './instances.ts';
import { installQueue } from './queue-schema.ts';

const config = readConfig();
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.concurrency + 2 });
// A lost connection must not crash the worker; pg's codes only, as an error's text may quote parameters.
const connectionError = (e: Error & { code?: string }) => console.error(`[worker] database connection error ${e.code ?? ''}`);
pool.on('error', connectionError);
pool.on('connect', (client) => client.on('error', connectionError));
await installQueue(pool);
await unlockPreviousRun(pool, config.instance);

// Jobs are locked by the pool's id (or, without graphile-worker's local queue, a worker's id).
const events: WorkerEvents = new EventEmitter();
events.on('pool:create', ({ workerPool }) => void rememberWorker(pool, config.instance, workerPool.id));
events.on('worker:create', ({ worker }) => void rememberWorker(pool, config.instance, worker.workerId));

const runner = await run({
  pgPool: pool,
  concurrency: config.concurrency,
  pollInterval: 1_000,
  events,
  taskList: {
    deliver_message: deliverMessage({
      sms: config.sms.provider === 'aliyun' ? aliyunChannel(config) : tencentChannel(config),
      ...(config.email ? { email: emailChannel(config.email) } : {}),
    }),
    purge_expired_messages: async (_payload, helpers) => {
      await helpers.query('select public.purge_expired_messages($1)', [config.retentionDays]);
    },
    // The next sign-up for an event ends its due holds too; this frees them where nobody signs up.
    expire_signup_holds: async (_payload, helpers) => {
      await helpers.query('select public.expire_signup_holds()');
    },
    send_daily_reminders: async (_payload, helpers) => {
      await helpers.query('select public.send_daily_reminders()');
    },
    send_staffing_alerts: async (_payload, helpers) => {
      await helpers.query('select public.send_staffing_alerts()');
    },
    deploy_hook: deployHook(config.deployHook),
    certificate_pdf: certificatePdf(site.organisation),
  },
  crontab: [
    '0 19 * * * purge_expired_messages', // 03:00 Asia/Shanghai, when nobody is sending
    '* * * * * expire_signup_holds',
    '0 2 * * * send_daily_reminders', // 10:00 Asia/Shanghai, for tomorrow's events
    '5 * * * * send_staffing_alerts', // hourly; each short role is mailed once a day
  ].join('\n'),
});
console.log(`[worker] ${config.instance}: delivering messages (SMS via ${config.sms.provider}${config.email ? ', e-mail via SMTP' : ''})`);
await runner.promise;
await pool.end();
