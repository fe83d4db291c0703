// The offline queue's logic (src/lib/offline-queue.ts) in real IndexedDB, in Chromium: order, one
// item per code, stop at the first unreachable send, refusals kept with their reason, a saved report
// moving later drafts onto its version, and the queue surviving a reload. The module is bundled here
// with esbuild and run on a page of the built site (IndexedDB needs a real origin).
import { build } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';

let bundle: string;
test.beforeAll(async () => {
  const out = await build({
    stdin: { contents: "import { OfflineQueue } from './src/lib/offline-queue'; (window as any).OfflineQueue = OfflineQueue;", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, format: 'iife', write: false, platform: 'browser',
  });
  bundle = out.outputFiles[0]!.text;
});

async function loadQueue(page: Page): Promise<void> {
  await page.goto('/404.html');
  await page.addScriptTag({ content: bundle });
}

// Runs in the page: `sends` lists what each send answers, in order; returns what was sent and left.
const runSync = (page: Page, db: string, answers: unknown[]) =>
  page.evaluate(async ({ db, answers }) => {
    const q = await (window as any).OfflineQueue.open(db);
    const sent: { key: string; args: Record<string, unknown> }[] = [];
    const result = await q.sync(async (item: { key: string; args: Record<string, unknown> }) => {
      sent.push({ key: item.key, args: item.args });
      return answers.shift() ?? { kind: 'unreachable' };
    });
    return { result, sent, left: await q.list() };
  }, { db, answers });

const addAll = (page: Page, db: string, items: [string, number, Record<string, unknown>][]) =>
  page.evaluate(async ({ db, items }) => {
    const q = await (window as any).OfflineQueue.open(db);
    const out = [];
    for (const [action, eventId, args] of items) out.push(await q.add(action, eventId, args));
    return out as { key: string; seq: number; state: string }[];
  }, { db, items });

test('items keep their order and their own keys; the same code waiting twice is one item', async ({ page }) => {
  await loadQueue(page);
  const made = await addAll(page, 'q-order', [
    ['check_in', 1, { event_id: 1, code: '111111' }],
    ['check_in', 1, { event_id: 1, code: '222222' }],
    ['check_in', 1, { event_id: 1, code: '111111' }],
    ['check_in', 2, { event_id: 2, code: '111111' }],
  ]);
  expect(made[2]!.key).toBe(made[0]!.key);
  expect(new Set(made.map((m) => m.key)).size).toBe(3);
  const { sent, left } = await runSync(page, 'q-order', [{ kind: 'done', result: {} }, { kind: 'done', result: {} }, { kind: 'done', result: {} }]);
  expect(sent.map((s) => s.args.code)).toEqual(['111111', '222222', '111111']);
  expect(sent.map((s) => s.key)).toEqual([made[0]!.key, made[1]!.key, made[3]!.key]);
  expect(left).toEqual([]);
});

test('an unreachable send stops the run and keeps everything, also across a reload', async ({ page }) => {
  await loadQueue(page);
  await addAll(page, 'q-stop', [['check_in', 1, { event_id: 1, code: '111111' }], ['check_in', 1, { event_id: 1, code: '222222' }]]);
  const first = await runSync(page, 'q-stop', [{ kind: 'unreachable' }]);
  expect(first.result).toEqual({ sent: 0, refused: 0, unreachable: true });
  expect(first.sent).toHaveLength(1);
  await page.reload();
  await page.addScriptTag({ content: bundle });
  const again = await runSync(page, 'q-stop', [{ kind: 'done', result: {} }, { kind: 'done', result: {} }]);
  // The key sent before the reload is the key sent after it: the server can tell it is a replay.
  expect(again.sent[0]!.key).toBe(first.sent[0]!.key);
  expect(again.result).toEqual({ sent: 2, refused: 0, unreachable: false });
});

test('a refusal stays in the queue with its code and details; the items after it still go', async ({ page }) => {
  await loadQueue(page);
  await addAll(page, 'q-refuse', [['report', 5, { event_id: 5, expected_version: 1 }], ['check_in', 5, { event_id: 5, code: '333333' }]]);
  const { result, left } = await runSync(page, 'q-refuse', [
    { kind: 'refused', code: 'report_conflict', details: '{"version":2}' },
    { kind: 'done', result: {} },
  ]);
  expect(result).toEqual({ sent: 1, refused: 1, unreachable: false });
  expect(left).toHaveLength(1);
  expect(left[0]).toMatchObject({ action: 'report', state: 'refused', problem: 'report_conflict', details: '{"version":2}' });
  // A refused item is not sent again until the coordinator decides.
  const later = await runSync(page, 'q-refuse', []);
  expect(later.sent).toEqual([]);
});

test('a saved report moves later drafts of that event from the same version onto the new one', async ({ page }) => {
  await loadQueue(page);
  await addAll(page, 'q-rebase', [
    ['report', 7, { event_id: 7, expected_version: 1, people_reached: 10 }],
    ['report', 8, { event_id: 8, expected_version: 1, people_reached: 30 }],
    ['report', 7, { event_id: 7, expected_version: 1, people_reached: 20 }],
  ]);
  const { sent } = await runSync(page, 'q-rebase', [
    { kind: 'done', result: { version: 2 } },
    { kind: 'done', result: { version: 4 } },
    { kind: 'done', result: { version: 3 } },
  ]);
  expect(sent.map((s) => [s.args.event_id, s.args.expected_version, s.args.people_reached])).toEqual([[7, 1, 10], [8, 1, 30], [7, 2, 20]]);
});
