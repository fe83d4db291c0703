// `npm test`: every check, in order, and one closing line `N passed, N failed` summed over vitest
// and Playwright (flaky tests on a line of their own: scripts/test-summary.mjs). Each stage runs
// even if an earlier one failed, so one run shows everything. The site is built from the database,
// so the e2e stack (with its programme, scripts/e2e-programme.mjs) starts first: the type check and
// the build read its events, and Playwright reuses it; it is stopped at the end.
import './require-node.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBrowser } from './ensure-browser.mjs';
import { e2eBuildEnv, e2eStackStartedFlag } from './e2e-env.mjs';
import { summarise } from './test-summary.mjs';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
mkdirSync('.tmp', { recursive: true });

let failedStages = 0;
const stageFailed = {};
function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  stageFailed[label] = r.status !== 0;
  if (r.status !== 0) {
    failedStages++;
    console.log(`--- ${label}: exit ${r.status ?? r.signal}`);
  }
  return r.status === 0;
}

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Starts scripts/e2e-stack.mjs; resolves once its programme is in and its API answers /health.
 *  Its output goes to a file, not a pipe: the stages below block this process, and a pipe nobody
 *  reads would stall the stack once full. */
function startE2eStack() {
  console.log('\n=== e2e stack ===');
  const logFile = '.tmp/e2e-stack.log';
  const child = spawn(process.execPath, ['scripts/e2e-stack.mjs'], { stdio: ['ignore', openSync(logFile, 'w'), 'inherit'] });
  const ready = (async () => {
    const deadline = Date.now() + 180_000;
    while (!readFileSync(logFile, 'utf8').includes('[e2e-stack] ready')) {
      if (child.exitCode !== null) throw new Error(`e2e stack exited (${child.exitCode}) before it was ready:\n${readFileSync(logFile, 'utf8')}`);
      if (Date.now() > deadline) throw new Error('e2e stack not ready within 180 s');
      await sleep(250);
    }
    const health = await fetch(`${e2eBuildEnv.PUBLIC_SUPABASE_URL}/health`);
    if (!health.ok) throw new Error(`e2e stack: /health answered ${health.status}`);
    console.log(readFileSync(logFile, 'utf8').trim());
  })();
  return { child, ready };
}

async function stopE2eStack(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const stack = startE2eStack();
const stackReady = await stack.ready.then(() => true, (e) => {
  failedStages++;
  stageFailed['e2e stack'] = true;
  console.error(String(e?.message ?? e));
  return false;
});

run('type check (astro check)', 'npx', ['astro', 'check'], e2eBuildEnv);

rmSync('.tmp/vitest.json', { force: true });
run('vitest (unit + db)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json']);

let browserReady = true;
try {
  ensureBrowser();
} catch (e) {
  browserReady = false;
  failedStages++;
  console.error(String(e instanceof Error ? e.message : e));
}

rmSync('.tmp/playwright.json', { force: true });
if (browserReady && stackReady && run('build for e2e', 'npm', ['run', 'build'], e2eBuildEnv)) {
  run('playwright (e2e)', 'npx', ['playwright', 'test'], { [e2eStackStartedFlag]: '1' });
}
await stopE2eStack(stack.child);

const summary = summarise({ vitest: readJson('.tmp/vitest.json'), pw: readJson('.tmp/playwright.json'), stageFailed });
// The summary opens with the Node the tests ran on: npm's own Node may be older (README, "Which Node").
console.log(`\nran on Node ${process.versions.node} (${process.execPath})`);
console.log(summary.lines.join('\n'));
process.exit(failedStages > 0 || summary.failed > 0 ? 1 : 0);
