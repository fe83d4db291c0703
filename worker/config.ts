// The worker's configuration, from the environment only (secrets never live in the repository).
// See README "Messages" for every variable.
import { isMessageKind, type MessageKindId } from '../src/lib/message-kinds.ts';
import type { DeployHookConfig } from './deploy-hook.ts';

export type SmsProvider = 'aliyun' | 'tencent';

export interface WorkerConfig {
  databaseUrl: string;
  /** One name per worker process: its next start unlocks the jobs a killed run of it still held. */
  instance: string;
  concurrency: number;
  retentionDays: number;
  sms: {
    provider: SmsProvider;
    /** Overrides the provider's endpoint, e.g. http://127.0.0.1:54327 for the local stand-in. */
    endpoint: string | undefined;
    accessKeyId: string;
    accessKeySecret: string;
    signName: string;
    region: string;
    /** Tencent's SmsSdkAppId. */
    appId: string;
    templates: Partial<Record<MessageKindId, string>>;
  };
  email: { smtpUrl: string; from: string } | undefined;
  /** Unset: the deploy_hook task only logs that no rebuild was requested. */
  deployHook: DeployHookConfig | undefined;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set (see README, Messages)`);
  return value;
}

function templates(json: string): Partial<Record<MessageKindId, string>> {
  const parsed: unknown = JSON.parse(json);
  if (!parsed || typeof parsed !== 'object') throw new Error('XINGHUO_SMS_TEMPLATES must be a JSON object');
  for (const [kind, id] of Object.entries(parsed)) {
    if (!isMessageKind(kind)) throw new Error(`XINGHUO_SMS_TEMPLATES: unknown message kind ${kind}`);
    if (typeof id !== 'string' || !id) throw new Error(`XINGHUO_SMS_TEMPLATES: ${kind} needs a template id`);
  }
  return parsed as Partial<Record<MessageKindId, string>>;
}

// GitHub's repository_dispatch needs an event_type; build hooks (Netlify, Vercel, Cloudflare) ignore the body.
const defaultDeployHookBody = '{"event_type":"xinghuo_programme_changed"}';

function deployHook(env: NodeJS.ProcessEnv): DeployHookConfig | undefined {
  const url = env.XINGHUO_DEPLOY_HOOK_URL;
  if (!url) return undefined;
  // The URL's text is a secret: the errors below never quote it.
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('XINGHUO_DEPLOY_HOOK_URL is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('XINGHUO_DEPLOY_HOOK_URL must be http(s)');
  const body = env.XINGHUO_DEPLOY_HOOK_BODY || defaultDeployHookBody;
  try {
    JSON.parse(body);
  } catch {
    throw new Error('XINGHUO_DEPLOY_HOOK_BODY must be JSON');
  }
  return { url, authorization: env.XINGHUO_DEPLOY_HOOK_AUTHORIZATION || undefined, body };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const provider = env.XINGHUO_SMS_PROVIDER ?? 'aliyun';
  if (provider !== 'aliyun' && provider !== 'tencent') throw new Error('XINGHUO_SMS_PROVIDER must be aliyun or tencent');
  return {
    databaseUrl: required(env, 'DATABASE_URL'),
    instance: env.XINGHUO_WORKER_INSTANCE ?? 'xinghuo-worker',
    concurrency: Number(env.XINGHUO_WORKER_CONCURRENCY ?? 10),
    retentionDays: Number(env.XINGHUO_MESSAGE_RETENTION_DAYS ?? 90),
    sms: {
      provider,
      endpoint: env.XINGHUO_SMS_ENDPOINT || undefined,
      accessKeyId: required(env, 'XINGHUO_SMS_ACCESS_KEY_ID'),
      accessKeySecret: required(env, 'XINGHUO_SMS_ACCESS_KEY_SECRET'),
      signName: required(env, 'XINGHUO_SMS_SIGN_NAME'),
      region: env.XINGHUO_SMS_REGION ?? (provider === 'aliyun' ? 'cn-hangzhou' : 'ap-guangzhou'),
      appId: provider === 'tencent' ? required(env, 'XINGHUO_SMS_APP_ID') : (env.XINGHUO_SMS_APP_ID ?? ''),
      templates: templates(required(env, 'XINGHUO_SMS_TEMPLATES')),
    },
    email: env.XINGHUO_SMTP_URL
      ? { smtpUrl: env.XINGHUO_SMTP_URL, from: env.XINGHUO_MAIL_FROM ?? '星火志愿服务队 <noreply@xinghuo.local>' }
      : undefined,
    deployHook: deployHook(env),
  };
}

