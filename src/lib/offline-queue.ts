// Check-ins and report drafts made without signal wait in IndexedDB (survives a reload or a flat
// battery) until the connection returns. Each item carries a random key that the server stores
// with the first replay that commits (coord_sync_offline), so sending an item again, after an
// answer lost on a bad connection, never counts twice. Items the server refuses are not dropped:
// they stay, marked with the refusal, until the coordinator decides (a report conflict above all).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type QueuedActionKind = 'check_in' | 'report';

export interface QueuedAction {
  /** The idempotency key the server stores (uuid). */
  key: string;
  action: QueuedActionKind;
  eventId: number;
  /** p_args of coord_sync_offline: {event_id, code} or {event_id, expected_version, …figures}. */
  args: Record<string, unknown>;
  /** Order of replay: the order the coordinator acted in. */
  seq: number;
  queuedAt: string;
  /** waiting: sent at the next chance; refused: the server said no (code in `problem`), the coordinator decides. */
  state: 'waiting' | 'refused';
  problem: string | null;
  /** The server's details for `problem` (for report_conflict: the other coordinator's report, JSON). */
  details: string | null;
}

interface QueueSchema extends DBSchema {
  actions: { key: string; value: QueuedAction; indexes: { seq: number } };
}

/** What sending one item came to: done (result kept), refused by the server, or not reached at all. */
export type SendOutcome =
  | { kind: 'done'; result: unknown }
  | { kind: 'refused'; code: string; details: string | null }
  | { kind: 'unreachable' };

export class OfflineQueue {
  private constructor(private readonly db: IDBPDatabase<QueueSchema>) {}

  static async open(name = 'xinghuo-offline'): Promise<OfflineQueue> {
    const db = await openDB<QueueSchema>(name, 1, {
      upgrade(d) {
        d.createObjectStore('actions', { keyPath: 'key' }).createIndex('seq', 'seq');
      },
    });
    return new OfflineQueue(db);
  }

  /** Every item in the order it was made. */
  list(): Promise<QueuedAction[]> {
    return this.db.getAllFromIndex('actions', 'seq');
  }

  /**
   * Queues an action. The same code scanned (or the same name tapped) twice for one event while
   * waiting is one item, not two (the existing one is returned), so the list the coordinator sees
   * matches what will happen.
   */
  async add(action: QueuedActionKind, eventId: number, args: Record<string, unknown>): Promise<QueuedAction> {
    const tx = this.db.transaction('actions', 'readwrite');
    const all = await tx.store.index('seq').getAll();
    const same = action === 'check_in'
      ? all.find((a) => a.action === 'check_in' && a.eventId === eventId && a.state === 'waiting'
          && a.args.code === args.code && a.args.signup_id === args.signup_id)
      : undefined;
    if (same) {
      await tx.done;
      return same;
    }
    const item: QueuedAction = {
      key: crypto.randomUUID(), action, eventId, args,
      seq: (all.at(-1)?.seq ?? 0) + 1, queuedAt: new Date().toISOString(),
      state: 'waiting', problem: null, details: null,
    };
    await tx.store.put(item);
    await tx.done;
    return item;
  }

  remove(key: string): Promise<void> {
    return this.db.delete('actions', key);
  }

  private async update(key: string, change: (a: QueuedAction) => QueuedAction): Promise<void> {
    const tx = this.db.transaction('actions', 'readwrite');
    const item = await tx.store.get(key);
    if (item) await tx.store.put(change(item));
    await tx.done;
  }

  /**
   * Sends waiting items one by one in order, stopping at the first that cannot reach the server (the
   * rest would fail the same way). A saved report moves later drafts of the same event that started
   * from the same version onto the version it made, so the coordinator's own saves never conflict.
   */
  async sync(send: (item: QueuedAction) => Promise<SendOutcome>): Promise<{ sent: number; refused: number; unreachable: boolean }> {
    let sent = 0;
    let refused = 0;
    for (const item of await this.list()) {
      if (item.state !== 'waiting') continue;
      // Re-read: an earlier report may have moved this draft onto a newer version.
      const current = (await this.db.get('actions', item.key)) ?? item;
      const outcome = await send(current);
      if (outcome.kind === 'unreachable') return { sent, refused, unreachable: true };
      if (outcome.kind === 'refused') {
        refused++;
        await this.update(item.key, (a) => ({ ...a, state: 'refused', problem: outcome.code, details: outcome.details }));
        continue;
      }
      sent++;
      await this.remove(item.key);
      if (current.action === 'report') await this.rebaseReports(current, outcome.result);
    }
    return { sent, refused, unreachable: false };
  }

  private async rebaseReports(saved: QueuedAction, result: unknown): Promise<void> {
    const version = (result as { version?: unknown } | null)?.version;
    if (typeof version !== 'number') return;
    for (const later of await this.list()) {
      if (later.action === 'report' && later.state === 'waiting' && later.eventId === saved.eventId
          && later.args.expected_version === saved.args.expected_version) {
        await this.update(later.key, (a) => ({ ...a, args: { ...a.args, expected_version: version } }));
      }
    }
  }
}
