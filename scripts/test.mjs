// `npm test`: every check, in order, and one closing line `N passed, N failed` summed over vitest
// and Playwright (flaky tests on a line of their own: scripts/test-summary.mjs). Each stage runs
// even if an earlier one failed, so one run shows everything.
import './require-node.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowser } from './ensure-browser.mjs';
import { e2eBuildEnv, e2eEventsDir } from './e2e-env.mjs';
import { writeE2eEvents } from './e2e-events.mjs';
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

const summary = summarise({ vitest: readJson('.tmp/vitest.json'), pw: readJson('.tmp/playwright.json'), stageFailed });
// The summary opens with the Node the tests ran on: npm's own Node may be older (README, "Which Node").
console.log(`\nran on Node ${process.versions.node} (${process.execPath})`);
console.log(summary.lines.join('\n'));
process.exit(failedStages > 0 || summary.failed > 0 ? 1 : 0);
