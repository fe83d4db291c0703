// graphile-worker task `deliver_message`: claim the outbox row (committed), send once, record the
// result. Retries are graphile-worker's (max_attempts from the row, its exponential backoff); the
// last failed attempt dead-letters the message instead of throwing, so coordinators see it.
import type { JobHelpers, Task } from 'graphile-worker';
import { DeliveryError, type Channel, type OutboxMessage } from './channel.ts';

type Status = 'queued' | 'sending' | 'sent' | 'failed' | 'dead';
type Channels = Partial<Record<OutboxMessage['channel'], Channel>>;
interface Claimed extends OutboxMessage {
  status: Status;
  not_before: Date;
}

async function claim(helpers: JobHelpers, id: number): Promise<{ message: Claimed | null; previous: Status | null }> {
  const { rows } = await helpers.withPgClient((c) =>
    c.query<{ message: Claimed | null; previous: Status | null }>(
      `select case when (m).id is null then null else to_jsonb(m) end as message, previous
       from xinghuo.claim_message($1) as c(m, previous)`,
      [id],
    ),
  );
  const row = rows[0];
  if (!row?.message) return { message: null, previous: null };
  const m = row.message;
  return {
    message: { ...m, id: Number(m.id), claimed_at: new Date(m.claimed_at), not_before: new Date(m.not_before) },
    previous: row.previous,
  };
}

async function record(
  helpers: JobHelpers,
  id: number,
  status: Exclude<Status, 'queued'>,
  detail: { error?: string; provider?: string; providerId?: string } = {},
): Promise<void> {
  await helpers.withPgClient((c) =>
    c.query('select xinghuo.record_message($1, $2, $3, $4, $5)', [
      id,
      status,
      detail.error ?? null,
      detail.provider ?? null,
      detail.providerId ?? null,
    ]),
  );
}

export function deliverMessage(channels: Channels): Task {
  return async (payload, helpers) => {
    const id = Number((payload as { message_id?: unknown }).message_id);
    const { message, previous } = await claim(helpers, id);
    // Deleted by retention, already delivered or dead: nothing to send.
    if (!message || previous === 'sent' || previous === 'dead') return;
    if (message.status !== 'sending') {
      // Not due yet (a resend moved it, or the job ran early): wait for not_before under the same key.
      await helpers.addJob('deliver_message', { message_id: id }, { runAt: message.not_before, jobKey: message.idempotency_key });
      return;
    }
    const channel = channels[message.channel];
    const last = helpers.job.attempts >= helpers.job.max_attempts;
    if (!channel) {
      await record(helpers, id, 'dead', { error: `channel_not_configured:${message.channel}` });
      return;
    }

    if (previous === 'sending') {
      // An earlier run claimed it and never recorded an outcome: ask the provider before sending.
      let found: string | null | undefined;
      try {
        found = await channel.lookup(message);
      } catch (e) {
        const code = e instanceof DeliveryError ? e.message : 'lookup_failed';
        // Out of attempts and still unsure: dead-letter it (visible) rather than leave it `sending`.
        if (last) return record(helpers, id, 'dead', { error: `${code}:outcome_unknown`, provider: channel.provider });
        throw e;
      }
      if (found) return record(helpers, id, 'sent', { provider: channel.provider, providerId: found, error: 'reconciled: the provider had it' });
      if (found === undefined) return record(helpers, id, 'dead', { error: `${channel.provider}:outcome_unknown` });
    }

    try {
      const providerId = await channel.send(message);
      await record(helpers, id, 'sent', { provider: channel.provider, providerId });
    } catch (e) {
      const error = e instanceof DeliveryError ? e : new DeliveryError('unexpected_error', false);
      if (last || error.permanent) {
        await record(helpers, id, 'dead', { error: error.message, provider: channel.provider });
        return;
      }
      // Unknown outcome stays `sending`, so the retry reconciles instead of sending blindly.
      await record(helpers, id, error.definite ? 'failed' : 'sending', { error: error.message, provider: channel.provider });
      throw error;
    }
  };
}
