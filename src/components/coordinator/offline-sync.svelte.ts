// The workspace's one offline queue: what is waiting, sent when the connection returns (the
// browser's online event) and retried every half minute while anything waits, so a flaky basement
// connection needs no button. Screens read `items` and call `queue()`; nothing else talks to it.
import { CoordError, coordSyncOffline } from '../../lib/db/coordinator';
import { OfflineQueue, type QueuedAction, type QueuedActionKind, type SendOutcome } from '../../lib/offline-queue';

const retryMs = 30_000;
// Not the server saying no: no connection, a signed-out session, or a server fault. Kept for later.
const tryAgainLater = new Set(['network', 'session_ended', 'unexpected']);

async function send(item: QueuedAction): Promise<SendOutcome> {
  try {
    return { kind: 'done', result: (await coordSyncOffline(item.key, item.action, item.args)).result };
  } catch (e) {
    if (e instanceof CoordError && !tryAgainLater.has(e.code)) return { kind: 'refused', code: e.code, details: e.details };
    return { kind: 'unreachable' };
  }
}

export type QueueOutcome = { sent: true; result: unknown } | { sent: false; item: QueuedAction };

class OfflineSync {
  items = $state<QueuedAction[]>([]);
  syncing = $state(false);
  /** Called with each item the server accepted, so an open screen can show it at once. */
  private listeners = new Set<(item: QueuedAction, result: unknown) => void>();
  private store: Promise<OfflineQueue> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  /** The server's answers for the items a caller of queue() is waiting on. */
  private answers = new Map<string, unknown>();

  /** Opens the queue (once) and sends what an earlier visit left waiting. */
  open(): Promise<OfflineQueue> {
    if (!this.store) {
      this.store = OfflineQueue.open();
      window.addEventListener('online', () => void this.sync());
      void this.sync();
    }
    return this.store;
  }

  waiting(action: QueuedActionKind, eventId?: number): QueuedAction[] {
    return this.items.filter((a) => a.action === action && a.state === 'waiting' && (eventId === undefined || a.eventId === eventId));
  }

  refused(action: QueuedActionKind, eventId: number): QueuedAction[] {
    return this.items.filter((a) => a.action === action && a.state === 'refused' && a.eventId === eventId);
  }

  onSent(cb: (item: QueuedAction, result: unknown) => void): () => void {
    this.listeners.add(cb);
    void this.open();
    return () => this.listeners.delete(cb);
  }

  /** Queues the action and tries to send it now: sent (with the server's answer), or still listed. */
  async queue(action: QueuedActionKind, eventId: number, args: Record<string, unknown>): Promise<QueueOutcome> {
    const item = await (await this.open()).add(action, eventId, args);
    this.answers.set(item.key, undefined);
    try {
      await this.sync();
      const left = this.items.find((a) => a.key === item.key);
      return left ? { sent: false, item: left } : { sent: true, result: this.answers.get(item.key) };
    } finally {
      this.answers.delete(item.key);
    }
  }

  async discard(key: string): Promise<void> {
    await (await this.open()).remove(key);
    this.items = await (await this.open()).list();
  }

  /** One run at a time: a second call while one runs waits for it, then runs again. */
  sync(): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const next = previous.then(() => this.runOnce());
    this.running = next.finally(() => { if (this.running === next) this.running = null; });
    return next;
  }

  private async runOnce(): Promise<void> {
    const q = await this.open();
    this.syncing = true;
    try {
      await q.sync(async (item) => {
        const outcome = await send(item);
        if (outcome.kind === 'done') {
          if (this.answers.has(item.key)) this.answers.set(item.key, outcome.result);
          for (const cb of this.listeners) cb(item, outcome.result);
        }
        return outcome;
      });
    } finally {
      this.items = await q.list();
      this.syncing = false;
      this.keepRetrying();
    }
  }

  private keepRetrying(): void {
    const anyWaiting = this.items.some((a) => a.state === 'waiting');
    if (anyWaiting && !this.timer) this.timer = setInterval(() => void this.sync(), retryMs);
    if (!anyWaiting && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

export const offlineSync = new OfflineSync();
