// What the delivery task needs from a channel (an SMS provider or SMTP), and how a failure is told
// apart: `definite` means the provider certainly did not accept the message (safe to retry);
// otherwise the outcome is unknown (a timeout, a lost answer) and the next attempt must reconcile.
import type { MessageKindId } from '../src/lib/message-kinds.ts';

export interface OutboxMessage {
  id: number;
  channel: 'sms' | 'email';
  recipient: string;
  kind: MessageKindId;
  params: Record<string, unknown>;
  idempotency_key: string;
  claimed_at: Date;
}

export interface Channel {
  /** Stored in xinghuo.messages.provider. */
  readonly provider: string;
  /** Sends once (no client-side retries); resolves to the provider's message id. */
  send(message: OutboxMessage): Promise<string>;
  /**
   * After a run died or timed out mid-send: the provider's id if it accepted this message (found by
   * its idempotency key), null if it has no record of it, undefined if the channel cannot tell.
   */
  lookup(message: OutboxMessage): Promise<string | null | undefined>;
}

/**
 * Carries only provider codes and our own words: it ends up in logs and in last_error. `permanent`:
 * no retry can succeed (a template or variable missing from our configuration), so it goes straight
 * to the dead letters where a coordinator sees it.
 */
export class DeliveryError extends Error {
  readonly definite: boolean;
  readonly permanent: boolean;
  constructor(code: string, definite: boolean, permanent = false) {
    super(code);
    this.name = 'DeliveryError';
    this.definite = definite;
    this.permanent = permanent;
  }
}

// Network errors that prove the request never reached the provider.
const neverSent = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Wraps an error thrown by an SDK's transport into a DeliveryError without its message text. */
export function transportError(provider: string, e: unknown): DeliveryError {
  const code = String((e as { code?: unknown })?.code ?? (e as { cause?: { code?: unknown } })?.cause?.code ?? 'unknown');
  return new DeliveryError(`${provider}:transport:${code.slice(0, 60)}`, neverSent.has(code));
}
