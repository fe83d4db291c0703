// SMS through Tencent Cloud's official SDK (tencentcloud-sdk-nodejs-sms, SendSms: SmsSdkAppId +
// SignName + TemplateId + TemplateParamSet). Not idempotent either: the key goes in SessionContext,
// which Tencent echoes in status reports, and PullSmsSendStatusByPhoneNumber finds it after a run
// died mid-send. The SDK signs with TC3-HMAC-SHA256 and takes the signing service name from the
// endpoint's first label, so an overridden endpoint keeps Tencent's host name and only the
// connection is pinned to the configured address (as curl --resolve does).
import http from 'node:http';
import type { LookupFunction } from 'node:net';
import * as tencentcloud from 'tencentcloud-sdk-nodejs-sms';
import { DeliveryError, transportError, type Channel, type OutboxMessage } from './channel.ts';
import type { WorkerConfig } from './config.ts';
import { orderedParams, templateFor } from './sms-params.ts';

const SmsClient = tencentcloud.sms.v20210111.Client;
const host = 'sms.tencentcloudapi.com';

function pinnedLookup(address: string): LookupFunction {
  return (_hostname, options, callback) => {
    const family = address.includes(':') ? 6 : 4;
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function client(config: WorkerConfig): InstanceType<typeof SmsClient> {
  const override = config.sms.endpoint ? new URL(config.sms.endpoint) : undefined;
  return new SmsClient({
    credential: { secretId: config.sms.accessKeyId, secretKey: config.sms.accessKeySecret },
    region: config.sms.region,
    profile: {
      httpProfile: override
        ? {
            endpoint: `${host}:${override.port}`,
            protocol: override.protocol === 'http:' ? 'http://' : 'https://',
            reqTimeout: 10,
            agent: new http.Agent({ lookup: pinnedLookup(override.hostname.replace(/^\[|\]$/g, '')) }),
          }
        : { endpoint: host, reqTimeout: 10 },
    },
  });
}

// The SDK raises answered errors with a code (e.g. AuthFailure.SignatureFailure) and transport
// failures with an empty one.
function tencentError(e: unknown): DeliveryError {
  const code = String((e as { code?: unknown }).code ?? '');
  const httpCode = Number((e as { httpCode?: unknown }).httpCode);
  if (code) return new DeliveryError(`tencent:${code.slice(0, 80)}`, !code.startsWith('InternalError'));
  if (httpCode >= 400) return new DeliveryError(`tencent:http_${httpCode}`, httpCode < 500);
  return transportError('tencent', e);
}

export function tencentChannel(config: WorkerConfig): Channel {
  const sdk = client(config);
  const phone = (m: OutboxMessage) => `+86${m.recipient}`;
  return {
    provider: 'tencent',
    async send(message: OutboxMessage): Promise<string> {
      const response = await sdk
        .SendSms({
          SmsSdkAppId: config.sms.appId,
          SignName: config.sms.signName,
          TemplateId: templateFor(config, message),
          TemplateParamSet: orderedParams(message),
          PhoneNumberSet: [phone(message)],
          SessionContext: message.idempotency_key,
        })
        .catch((e: unknown) => {
          throw tencentError(e);
        });
      const status = response.SendStatusSet?.[0];
      if (status?.Code !== 'Ok') throw new DeliveryError(`tencent:${String(status?.Code ?? 'no_status').slice(0, 80)}`, true);
      return status.SerialNo ?? '';
    },
    async lookup(message: OutboxMessage): Promise<string | null> {
      const limit = 100;
      for (let offset = 0; ; offset += limit) {
        const response = await sdk
          .PullSmsSendStatusByPhoneNumber({
            SmsSdkAppId: config.sms.appId,
            PhoneNumber: phone(message),
            BeginTime: Math.floor(message.claimed_at.getTime() / 1000) - 60,
            Offset: offset,
            Limit: limit,
          })
          .catch((e: unknown) => {
            throw tencentError(e);
          });
        const set = response.PullSmsSendStatusSet ?? [];
        const found = set.find((s) => s.SessionContext === message.idempotency_key);
        if (found) return found.SerialNo ?? `session:${message.idempotency_key}`;
        if (set.length < limit) return null;
      }
    },
  };
}
