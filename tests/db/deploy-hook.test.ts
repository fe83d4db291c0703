// The deploy hook end to end: changes to published events queue ONE debounced graphile-worker job
// (drafts queue nothing); the real worker (worker/main.ts, a child process) POSTs to a real local
// HTTP server standing in for a static host's build hook, retries a failing hook with
// graphile-worker's backoff, and with no hook configured logs one line and succeeds. The hook URL
// holds a secret: it must never appear in the worker's output.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { sparePort, startStandIns, startWorker, waitFor, workerEnv, type RunningWorker, type StandIns } from './messages-harness';
import { createVenue, ensureRoles, eventInput, publishedEvent, saveEvent } from './programme-fixtures';

const secretPath = '/build_hooks/s3cr3t-hook-token-1234';
const hookUrl = `http://127.0.0.1:${sparePort}${secretPath}`;

interface Hit {
  path: string;
  body: string;
  authorization: string | undefined;
}
const hits: Hit[] = [];
let failures = 0; // the next N calls answer 500
let server: Server;
let standIns: StandIns;
let t: Tokens;
let venueId: number;

/** An event as the workspace holds it: what was last saved and the revision it is at. */
interface Held {
  id: number;
  revision: number;
  input: Record<string, unknown>;
}

async function draftEvent(): Promise<Held> {
  const input = eventInput(venueId);
  const saved = await saveEvent(t.coordinator, input);
  return { id: saved.id, revision: saved.revision, input };
}

async function published(): Promise<Held> {
  const input = eventInput(venueId);
  const saved = await publishedEvent(t.coordinator, input);
  return { id: saved.id, revision: saved.revision, input };
}

/** Saves the held event with some fields changed, as an edit in the workspace. */
async function edit(ev: Held, changes: Record<string, unknown>): Promise<void> {
  ev.input = { ...ev.input, ...changes };
  ev.revision = (await saveEvent(t.coordinator, { ...ev.input, id: ev.id, revision: ev.revision })).revision;
}

const deployJobs = () => sql<{ run_at: Date; attempts: number }>(`select run_at, attempts from graphile_worker.jobs where task_identifier = 'deploy_hook'`);

beforeAll(async () => {
  await ensureRoles(); // the programme fixtures' events give places to this run's own roles
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', body, authorization: req.headers.authorization });
      res.statusCode = failures > 0 ? 500 : 201;
      if (failures > 0) failures -= 1;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(sparePort, '127.0.0.1', r));
  t = await tokens();
  venueId = await createVenue(t.coordinator);
  standIns = await startStandIns();
  await sql('update xinghuo.deploy_hook_settings set debounce_seconds = 1');
});
afterAll(async () => {
  await sql('update xinghuo.deploy_hook_settings set debounce_seconds = 60');
  await new Promise((r) => server?.close(r));
  await standIns?.close();
});
beforeEach(async () => {
  // Earlier suites publish events too: each case starts from no waiting deploy job.
  await sql(`select graphile_worker.remove_job('deploy_hook')`);
  hits.length = 0;
  failures = 0;
});

describe('what queues a deploy (no worker running)', () => {
  it('creating and editing a draft queues nothing', async () => {
    const draft = await draftEvent();
    await edit(draft, { title: '草稿改了标题，公众看不到' });
    expect(await deployJobs()).toEqual([]);
  });

  it('publishing queues one job at now + the debounce; quick public edits push it back, still one job', async () => {
    await sql('update xinghuo.deploy_hook_settings set debounce_seconds = 30');
    try {
      const before = Date.now();
      const ev = await published();
      const [first] = await deployJobs();
      expect(first!.run_at.getTime()).toBeGreaterThan(before + 25_000);
      await new Promise((r) => setTimeout(r, 1_100));
      await edit(ev, { title: '改过的公开标题一' });
      await edit(ev, { summary: '改过的公开简介，至少十个字。' });
      const jobs = await deployJobs();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.run_at.getTime()).toBeGreaterThan(first!.run_at.getTime());
    } finally {
      await sql('update xinghuo.deploy_hook_settings set debounce_seconds = 1');
    }
  });

  it('an edit of what the public does not see (internal notes) of a published event queues nothing', async () => {
    const ev = await published();
    await sql(`select graphile_worker.remove_job('deploy_hook')`);
    await edit(ev, { internal_notes: '只有协调员看得到的备注' });
    expect(await deployJobs()).toEqual([]);
  });

  it('changing places of a published event queues a deploy; a rolled-back change queues nothing', async () => {
    const ev = await published();
    await sql(`select graphile_worker.remove_job('deploy_hook')`);
    await sql(`begin; update xinghuo.event_slots set slots = slots + 1 where event_id = ${ev.id}; rollback;`);
    expect(await deployJobs()).toEqual([]);
    await sql('update xinghuo.event_slots set slots = slots + 1 where event_id = $1', [ev.id]);
    expect(await deployJobs()).toHaveLength(1);
  });

  it('moving a venue re-applies it to its published upcoming events: a deploy is queued', async () => {
    const ownVenue = await createVenue(t.coordinator);
    await publishedEvent(t.coordinator, eventInput(ownVenue));
    await sql(`select graphile_worker.remove_job('deploy_hook')`);
    const [venue] = await sql('select name, district, lat, lng from xinghuo.venues where id = $1', [ownVenue]);
    const moved = await rpc('coord_save_venue', { p_venue: { id: ownVenue, ...venue, address: '青岛市市南区新地址路8号' } }, t.coordinator);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await deployJobs()).toHaveLength(1);
  });

  it('renaming a role that a published event shows queues a deploy; renaming an unused role does not', async () => {
    const tag = Date.now().toString(36);
    const used = (await rpc('coord_save_role', { p_role: { label: `部署测试岗位${tag}` } }, t.coordinator)).body.id;
    const unused = (await rpc('coord_save_role', { p_role: { label: `未用岗位${tag}` } }, t.coordinator)).body.id;
    await publishedEvent(t.coordinator, eventInput(venueId, { roles: { [used]: 2 } }));
    await sql(`select graphile_worker.remove_job('deploy_hook')`);
    await rpc('coord_save_role', { p_role: { id: unused, label: `未用岗位改名${tag}` } }, t.coordinator);
    expect(await deployJobs()).toEqual([]);
    await rpc('coord_save_role', { p_role: { id: used, label: `部署测试岗位改名${tag}` } }, t.coordinator);
    expect(await deployJobs()).toHaveLength(1);
  });
});

describe('the worker calls the hook', () => {
  let worker: RunningWorker | undefined;
  afterAll(async () => {
    await worker?.stop();
  });

  it('several quick changes → exactly one POST, with the body set and the URL never logged', async () => {
    worker = await startWorker(workerEnv('aliyun', { XINGHUO_DEPLOY_HOOK_URL: hookUrl, XINGHUO_DEPLOY_HOOK_AUTHORIZATION: 'Bearer s3cr3t-auth' }));
    const ev = await published();
    for (const n of [1, 2, 3]) await edit(ev, { title: `连续修改的标题${n}` });
    await waitFor(() => hits.length >= 1, 20_000, worker.output);
    await waitFor(async () => (await deployJobs()).length === 0, 10_000, worker.output);
    await new Promise((r) => setTimeout(r, 2_500)); // a second call would have come by now
    expect(hits).toEqual([{ path: secretPath, body: '{"event_type":"xinghuo_programme_changed"}', authorization: 'Bearer s3cr3t-auth' }]);
    expect(worker.output()).toContain('deploy_hook: rebuild requested (HTTP 201)');
    expect(worker.output()).not.toContain('s3cr3t');
  });

  it('a hook answering 500 twice is retried with backoff and then succeeds', async () => {
    failures = 2;
    await published();
    await waitFor(() => hits.length >= 3, 40_000, worker!.output);
    await waitFor(async () => (await deployJobs()).length === 0, 10_000, worker!.output);
    expect(hits).toHaveLength(3);
    expect(worker!.output()).toContain('deploy hook answered HTTP 500');
    expect(worker!.output()).not.toContain('s3cr3t');
    await worker!.stop();
    worker = undefined;
  });

  it('no hook configured → the job completes and the worker logs one line saying so', async () => {
    worker = await startWorker(workerEnv('aliyun'));
    await published();
    await waitFor(async () => (await deployJobs()).length === 0, 20_000, worker.output);
    const lines = worker.output().split('\n').filter((l) => l.includes('XINGHUO_DEPLOY_HOOK_URL is not set'));
    expect(lines).toHaveLength(1);
    expect(hits).toEqual([]);
  });
});
