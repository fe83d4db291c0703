#!/usr/bin/env node
// Cold build speed at scale: copies the project to a temp dir (node_modules symlinked, no .astro cache),
// adds N synthetic articles made from the real ones, starts a throw-away local stack holding E published
// events (inserted by SQL, as many kinds, districts, times and roles as the programme has), runs
// `astro build` against it, reports pages/s and the events loader's time (its own log line), cleans up.
// Usage: npm exec -- node bench/build-speed.mjs [N=4000] [--events E=2000] [--no-markdown] [--rebuild]
//   --no-markdown: same pages, but each synthetic article's body is one short line, to show how much
//   of the time is Markdown rendering (Astro renders bodies while syncing content, before pages).
//   --rebuild: a second build in the same folder after the cold one, with Astro's cacheDir kept.
import '../scripts/require-node.mjs';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import pg from 'pg';
import { startStack } from '../supabase/local/stack.mjs';
import { freePort } from '../scripts/free-port.mjs';

const args = process.argv.slice(2);
const eventsAt = args.indexOf('--events');
const eventCount = eventsAt >= 0 ? Number(args[eventsAt + 1]) : 2000;
const n = Number(args.find((a, i) => /^\d+$/.test(a) && i !== eventsAt + 1) ?? 4000);
const noMarkdown = args.includes('--no-markdown');
const rebuild = args.includes('--rebuild');
const root = resolve(import.meta.dirname, '..');
const skip = new Set(['node_modules', 'dist', '.git', '.astro', '.tmp', 'test-results', 'playwright-report']);

const work = mkdtempSync(join(tmpdir(), 'xinghuo-build-speed-'));
chmodSync(work, 0o755); // PostgreSQL runs as the `postgres` user and must reach its folder
let stack;
try {
  stack = await startStack({
    // Nested folder: the stack chmods the data dir's parent, which must not be /tmp itself.
    dataDir: join(work, '.bench-pg', 'pg'), apiPort: await freePort(), dbPort: await freePort(),
    reset: true, seed: false, quiet: true, durable: false,
  });
  const t0 = performance.now();
  await insertEvents(stack.dbUrl, eventCount);
  console.log(`${eventCount} published events inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s (${stack.apiUrl})`);

  cpSync(root, work, {
    recursive: true,
    filter: (src) => !skip.has(basename(src)) || relative(root, src).includes('/'),
  });
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');

  const articlesDir = join(work, 'src/content/articles');
  const real = readdirSync(articlesDir).filter((f) => f.endsWith('.md')).sort();
  if (real.length === 0) throw new Error('no articles to copy from in src/content/articles');
  const sources = real.map((f) => readFileSync(join(articlesDir, f), 'utf8'));
  for (let i = 0; i < n; i++) {
    const src = sources[i % sources.length];
    const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(src) ?? [];
    if (!front) throw new Error(`unexpected frontmatter in ${real[i % real.length]}`);
    const day = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 10);
    const fm = front
      .replace(/^title:\s*(.*)$/m, (_, t) => `title: ${JSON.stringify(`${unquote(t).slice(0, 50)} ${i}`)}`)
      .replace(/^date:.*$/m, `date: ${day}`)
      .replace(/^related:.*$/m, 'related: []')
      .replace(/^featured:.*$/m, 'featured: false');
    const text = noMarkdown ? '（基准测试用的短正文。）\n' : body;
    writeFileSync(join(articlesDir, `bench-${String(i).padStart(5, '0')}.md`), `---\n${fm}\n---\n${text}`);
  }

  // Astro keeps its content cache (rendered Markdown) in cacheDir, by default node_modules/.astro —
  // shared through the symlink with the real project. A private cacheDir keeps the build cold and
  // leaves the project's cache alone.
  const cfg = join(work, 'astro.config.mjs');
  const config = readFileSync(cfg, 'utf8');
  if (!config.includes("output: 'static',")) throw new Error('cannot find where to add options in astro.config.mjs');
  writeFileSync(cfg, config.replace("output: 'static',", `output: 'static',\n  cacheDir: './.bench-cache',`));

  console.log(`Building ${n} synthetic + ${real.length} real articles in ${work} (${cpus().length} CPUs, node ${process.version})…`);
  // The first build is cold; with --rebuild a second one follows in the same folder, as a deploy
  // hook's rebuild after an event change does (Astro's cacheDir, og:images included, kept).
  for (const label of rebuild ? ['cold', 'rebuild'] : ['cold']) {
    const r = timedBuild(work);
    const pages = countHtml(join(work, 'dist'));
    console.log(`\n${label}:\n${r.phases.join('\n')}`);
    console.log(`pages: ${pages}  wall: ${r.seconds.toFixed(1)} s  → ${(pages / r.seconds).toFixed(0)} pages/s${noMarkdown ? ' (one-line bodies)' : ''}`);
    console.log(`CPU: ${r.cpu.toFixed(1)} s (user ${r.user} + sys ${r.sys}) → ${(pages / r.cpu).toFixed(0)} pages per CPU-second; load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(`events loader: ${r.loader ?? 'no log line found'}`);
  }
} finally {
  await stack?.stop().catch((e) => console.error(e));
  rmSync(work, { recursive: true, force: true });
}

/** `count` published events, a quarter past and the rest upcoming, every tenth online, one in
 *  twenty cancelled, places for the first two roles of the catalogue; vocabularies read from SQL. */
async function insertEvents(dbUrl, count) {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const ids = async (vocabulary) => (await db.query(
      'select id from xinghuo.vocabulary where vocabulary = $1 order by sort_order, id', [vocabulary])).rows.map((r) => r.id);
    const [districts, audiences, topics, channels] = await Promise.all(['district', 'audience', 'topic', 'online_channel'].map(ids));
    const roles = (await db.query('select id from xinghuo.volunteer_roles order by sort_order, id limit 2')).rows.map((r) => r.id);
    await db.query(
      `with src as (
         select i, $2::text[] as d, $3::text[] as a, $4::text[] as t, $5::text[] as c from generate_series(0, $1 - 1) i)
       , e as (
         insert into xinghuo.events (slug, title, summary, description, kind, channel, district, venue_name, venue_address,
           lat, lng, starts_at, ends_at, audiences, topics, partners, status, cancel_reason, publication, published_at)
         select 'bench-' || lpad(i::text, 5, '0'), '基准测试活动 ' || i, '基准测试用的活动简介，讲解常见骗局和应对办法。',
           '第一段说明。' || chr(10) || chr(10) || '第二段说明。',
           case when i % 10 = 0 then 'online' else 'community' end,
           case when i % 10 = 0 then c[1 + i % cardinality(c)] end,
           case when i % 10 <> 0 then d[1 + i % cardinality(d)] end,
           case when i % 10 <> 0 then '基准测试社区活动室 ' || i % 50 end,
           case when i % 10 <> 0 then '青岛市基准路 ' || i % 50 || ' 号' end,
           case when i % 10 <> 0 then 36 + (i % 50) / 100.0 end, case when i % 10 <> 0 then 120.3 + (i % 30) / 100.0 end,
           now() + ((i - $1 / 4) * interval '5 hours'), now() + ((i - $1 / 4) * interval '5 hours') + interval '2 hours',
           array[a[1 + i % cardinality(a)]], array[t[1 + i % cardinality(t)], t[1 + (i + 3) % cardinality(t)]],
           '{某街道办事处}', case when i % 20 = 7 then 'cancelled' else 'scheduled' end,
           case when i % 20 = 7 then '场地维修' end, 'published', now()
         from src returning id)
       insert into xinghuo.event_slots (event_id, role, slots)
       select e.id, r.role, r.slots from e, (values ($6::text, 3), ($7::text, 5)) r(role, slots)`,
      [count, districts, audiences, topics, channels, roles[0], roles[1]],
    );
  } finally {
    await db.end();
  }
}

function timedBuild(work) {
  const started = process.hrtime.bigint();
  // /usr/bin/time reports the build's CPU time (user+sys, children included): on a shared machine wall
  // time depends on the neighbours, CPU time much less.
  const timeFile = join(work, '.build-time');
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, 'npx', 'astro', 'build'], {
    cwd: work,
    encoding: 'utf8',
    // A production build refuses the placeholder site address (printed QR codes); any real-looking one will do here.
    env: { PUBLIC_SITE_URL: 'https://bench.xinghuo.invalid', ...process.env, PUBLIC_SUPABASE_URL: stack.apiUrl, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const out = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) {
    console.error(out.slice(-4000));
    throw new Error(`astro build failed with ${run.status}`);
  }
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  // Astro's own phase timings: content sync, vite server/client bundles, static page generation.
  const phases = out.split('\n').filter((l) => /Completed in|built in|Synced content|page\(s\) built/.test(l)).map((l) => l.trim());
  // The loader logs "N published events in T ms" (src/lib/events-loader.ts): fetch + validation.
  const loader = /\[xinghuo-events\] (\d+ published events in \d+ ms)/.exec(out)?.[1];
  return { seconds, user, sys, cpu: user + sys, phases, loader };
}

function unquote(s) {
  const t = s.trim();
  return /^["'].*["']$/.test(t) ? t.slice(1, -1) : t;
}

function countHtml(dir) {
  let count = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) count += countHtml(join(dir, e.name));
    else if (e.name.endsWith('.html')) count++;
  }
  return count;
}
