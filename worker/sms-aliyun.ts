// SMS through Aliyun's official SDK (@alicloud/dysmsapi20170525, SendSms: SignName + TemplateCode +
// TemplateParam JSON). SendSms is not idempotent on Aliyun's side, so the idempotency key goes in
// OutId and, after a run died mid-send, QuerySendDetails (phone + day) tells whether that OutId was
// accepted. The SDK signs with ACS3-HMAC-SHA256 and makes no retries of its own by default.
import { createRequire } from 'node:module';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { DeliveryError, transportError, type Channel, type OutboxMessage } from './channel.ts';
import type { WorkerConfig } from './config.ts';
import { namedParams, shanghaiDay, templateFor } from './sms-params.ts';

// Loaded with require: Node's and vitest's ESM interop disagree on what this CommonJS package's
// default export is (module.exports or its `default` field); require gives module.exports in both.
const Dysmsapi = createRequire(import.meta.url)('@alicloud/dysmsapi20170525') as typeof import('@alicloud/dysmsapi20170525');
const Client = Dysmsapi.default;

function client(config: WorkerConfig): InstanceType<typeof Client> {
  const endpoint = config.sms.endpoint ? new URL(config.sms.endpoint) : undefined;
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: config.sms.accessKeyId,
      accessKeySecret: config.sms.accessKeySecret,
      regionId: config.sms.region,
      endpoint: endpoint?.host,
      protocol: endpoint ? endpoint.protocol.replace(':', '').toUpperCase() : 'HTTPS',
      connectTimeout: 5_000,
      readTimeout: 10_000,
    }),
  );
}

/** 4xx answers and non-OK codes are refusals; 5xx and no answer leave the outcome unknown. */
function aliyunError(e: unknown): DeliveryError {
  const status = Number((e as { statusCode?: unknown }).statusCode);
  if (status >= 400) return new DeliveryError(`aliyun:${String((e as { code?: unknown }).code ?? status).slice(0, 80)}`, status < 500);
  return transportError('aliyun', e);
}

export function aliyunChannel(config: WorkerConfig): Channel {
  const sdk = client(config);
  return {
    provider: 'aliyun',
    async send(message: OutboxMessage): Promise<string> {
      const request = new Dysmsapi.SendSmsRequest({
        phoneNumbers: message.recipient,
        signName: config.sms.signName,
        templateCode: templateFor(config, message),
        templateParam: JSON.stringify(namedParams(message)),
        outId: message.idempotency_key,
      });
      const response = await sdk.sendSms(request).catch((e: unknown) => {
        throw aliyunError(e);
      });
      const body = response.body;
      if (body?.code !== 'OK') throw new DeliveryError(`aliyun:${String(body?.code ?? 'no_code').slice(0, 80)}`, true);
      return body.bizId ?? '';
    },
    async lookup(message: OutboxMessage): Promise<string | null> {
      const pageSize = 50;
      for (let page = 1; ; page += 1) {
        const request = new Dysmsapi.QuerySendDetailsRequest({
          phoneNumber: message.recipient,
          sendDate: shanghaiDay(message.claimed_at),
          pageSize,
          currentPage: page,
        });
        const response = await sdk.querySendDetails(request).catch((e: unknown) => {
          throw aliyunError(e);
        });
        const body = response.body;
        if (body?.code !== 'OK') throw new DeliveryError(`aliyun:lookup:${String(body?.code)}`, false);
        const details = body.smsSendDetailDTOs?.smsSendDetailDTO ?? [];
        // QuerySendDetails carries no BizId; the OutId (our key) is the trace.
        if (details.some((d) => d.outId === message.idempotency_key)) return `out:${message.idempotency_key}`;
        if (page * pageSize >= Number(body.totalCount ?? 0)) return null;
      }
    },
  };
}
