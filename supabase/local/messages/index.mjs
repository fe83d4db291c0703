// The local message stand-ins (dev and tests only): SMTP sink, SMS provider, and the viewer that
// shows both, plus the environment that points the worker (worker/main.ts) at them.
import { messageKindIds } from '../../../src/lib/message-kinds.ts';
import { startSmsProvider } from './sms-provider.mjs';
import { startSmtpSink } from './smtp-sink.mjs';
import { createStore } from './store.mjs';
import { startViewer } from './viewer.mjs';

export const defaultMessagePorts = { viewer: 54324, smtp: 54325, sms: 54327 };

// Demo credentials of the local provider only; real ones come from the environment (README).
const local = {
  accessKeyId: 'LTAI-local-stand-in',
  accessKeySecret: 'local-stand-in-secret-not-for-production',
  signName: '星火志愿服务队',
  appId: '1400000000',
};

/** Local template ids: Aliyun's look like SMS_…, Tencent's are numbers. */
export function localTemplates(provider) {
  return Object.fromEntries(messageKindIds.map((kind, i) => [kind, provider === 'tencent' ? String(2_000_001 + i) : `SMS_${9_000_001 + i}`]));
}

/** Environment for a worker that delivers to these stand-ins. */
export function localMessageEnv({ databaseUrl, ports = defaultMessagePorts, provider = 'aliyun' }) {
  return {
    DATABASE_URL: databaseUrl,
    XINGHUO_SMS_PROVIDER: provider,
    XINGHUO_SMS_ENDPOINT: `http://127.0.0.1:${ports.sms}`,
    XINGHUO_SMS_ACCESS_KEY_ID: local.accessKeyId,
    XINGHUO_SMS_ACCESS_KEY_SECRET: local.accessKeySecret,
    XINGHUO_SMS_SIGN_NAME: local.signName,
    XINGHUO_SMS_APP_ID: local.appId,
    XINGHUO_SMS_TEMPLATES: JSON.stringify(localTemplates(provider)),
    XINGHUO_SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
  };
}

/** Starts all three; the SMS stand-in accepts both providers' local template ids. */
export async function startMessageStandIns({ ports = defaultMessagePorts, delayMs = 0 } = {}) {
  const store = createStore();
  const started = [];
  try {
    const viewer = await startViewer({ port: ports.viewer, store });
    started.push(viewer);
    const smtp = await startSmtpSink({ port: ports.smtp, store });
    started.push(smtp);
    const sms = await startSmsProvider({
      port: ports.sms,
      store,
      credentials: { [local.accessKeyId]: local.accessKeySecret },
      signName: local.signName,
      appId: local.appId,
      templateKinds: { ...byId(localTemplates('aliyun')), ...byId(localTemplates('tencent')) },
      delayMs,
    });
    started.push(sms);
    return { store, viewer, smtp, sms, close: () => Promise.all(started.map((s) => s.close())) };
  } catch (e) {
    await Promise.all(started.map((s) => s.close()));
    throw e;
  }
}

// kind → id turned into id → kind, so both providers' ids fit in one map.
function byId(templates) {
  return Object.fromEntries(Object.entries(templates).map(([kind, id]) => [id, kind]));
}
