// E-mail through nodemailer over SMTP (the optional second channel). SMTP has no way to ask whether
// an earlier, interrupted attempt was accepted, so lookup cannot tell and such a message is
// dead-lettered for a coordinator to resend instead of risking a second copy (at most once).
import nodemailer from 'nodemailer';
import { messageKinds, renderMessage } from '../src/lib/message-kinds.ts';
import { DeliveryError, transportError, type Channel, type OutboxMessage } from './channel.ts';
import type { WorkerConfig } from './config.ts';

export function emailChannel(email: NonNullable<WorkerConfig['email']>): Channel {
  const transport = nodemailer.createTransport(email.smtpUrl);
  return {
    provider: 'smtp',
    async send(message: OutboxMessage): Promise<string> {
      const info = await transport
        .sendMail({
          from: email.from,
          to: message.recipient,
          subject: `星火志愿服务队：${messageKinds[message.kind].label}`,
          text: renderMessage(message.kind, message.params),
          messageId: `<${message.idempotency_key.replace(/[^\w.-]/g, '_')}@xinghuo.messages>`,
        })
        .catch((e: unknown) => {
          const code = Number((e as { responseCode?: unknown }).responseCode);
          // A numbered SMTP reply refused the message; anything else is the transport's word.
          if (code >= 400) throw new DeliveryError(`smtp:${code}`, true);
          throw transportError('smtp', e);
        });
      return info.messageId;
    },
    async lookup(): Promise<undefined> {
      return undefined;
    },
  };
}
