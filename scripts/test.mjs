// `npm test`: every check, in order, and one closing line `N passed, N failed` summed over vitest
// and Playwright. Each stage runs even if an earlier one failed, so one run shows everything.
import './require-node.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowser } from './ensure-browser.mjs';
import { e2eBuildEnv, e2eEventsDir } from './e2e-env.mjs';
import { writeE2eEvents } from './e2e-events.mjs';

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

run('type check (astro check)', 'npx', ['astro', 'check']);

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
await writeE2eEvents(e2eEventsDir);
if (browserReady && run('build for e2e', 'npm', ['run', 'build'], e2eBuildEnv)) {
  run('playwright (e2e)', 'npx', ['playwright', 'test']);
}

const vitest = readJson('.tmp/vitest.json');
const pw = readJson('.tmp/playwright.json');
const passed = (vitest?.numPassedTests ?? 0) + (pw?.stats?.expected ?? 0) + (pw?.stats?.flaky ?? 0);
// A stage that failed without reporting a failed test (type errors, a global setup that could not
// start the database, a crash) still counts as one failure, so the closing line never reads as green.
const atLeastOneIf = (stageDidFail, reported) => (stageDidFail ? Math.max(1, reported) : reported);
const failed =
  atLeastOneIf(stageFailed['type check (astro check)'], 0) +
  atLeastOneIf(stageFailed['vitest (unit + db)'] || !vitest, vitest?.numFailedTests ?? 0) +
  atLeastOneIf(stageFailed['build for e2e'] || stageFailed['playwright (e2e)'] || !pw, pw?.stats?.unexpected ?? 0);
console.log(`\nran on Node ${process.versions.node} (${process.execPath})`);
console.log(`vitest: ${vitest ? `${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed` : 'no report'}`);
console.log(`playwright: ${pw ? `${pw.stats.expected + pw.stats.flaky} passed (${pw.stats.flaky} flaky), ${pw.stats.unexpected} failed, ${pw.stats.skipped} skipped` : 'no report'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStages > 0 || failed > 0 ? 1 : 0);
