// The template variables of a message as both SDKs want them: Aliyun a JSON object, Tencent an
// ordered list of strings (TemplateParamSet), both from the kind's declared variable order.
import { messageKinds } from '../src/lib/message-kinds.ts';
import { DeliveryError, type OutboxMessage } from './channel.ts';
import type { WorkerConfig } from './config.ts';

export function templateFor(config: WorkerConfig, message: OutboxMessage): string {
  const id = config.sms.templates[message.kind];
  if (!id) throw new DeliveryError(`template_not_configured:${message.kind}`, true, true);
  return id;
}

export function orderedParams(message: OutboxMessage): string[] {
  return messageKinds[message.kind].params.map((name) => {
    const value = message.params[name];
    if (value === undefined || value === null) throw new DeliveryError(`template_param_missing:${name}`, true, true);
    return String(value);
  });
}

export function namedParams(message: OutboxMessage): Record<string, string> {
  const names = messageKinds[message.kind].params;
  const values = orderedParams(message);
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}

/** Asia/Shanghai calendar day as yyyyMMdd: Aliyun's QuerySendDetails SendDate. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}
