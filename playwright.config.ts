import './scripts/require-node.mjs';
import { defineConfig } from '@playwright/test';
import { e2eBuildEnv, e2ePorts, e2eStackStartedFlag } from './scripts/e2e-env.mjs';

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Totals over all events (dashboard, printed report, home counters) move whenever any spec saves a
// report; the spec that checks them by before/after difference runs alone, after all the others.
const totalsSpecs = /coordinator-journey\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  projects: [
    { name: 'site', testIgnore: totalsSpecs },
    { name: 'totals', testMatch: totalsSpecs, dependencies: ['site'] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${e2ePorts.site}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath,
      // Without these, Chromium keeps trying to reach Google's hosts, which this closed network refuses.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // The site must already be built (npm test does it) with PUBLIC_SUPABASE_URL pointing at the e2e stack.
  // npm test starts the stack before building (the build reads its events) and says so with the flag;
  // then this entry reuses that stack. Run alone (`playwright test x.spec.ts`), it starts its own, with
  // the same e2e programme (same slugs; the built site's dates are those of the last build).
  webServer: [
    {
      command: `node scripts/e2e-stack.mjs`,
      url: `http://127.0.0.1:${e2ePorts.api}/health`,
      reuseExistingServer: process.env[e2eStackStartedFlag] === '1',
      timeout: 120_000,
      // Let PostgreSQL shut down cleanly (Playwright's default is SIGKILL of the process group).
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'pipe',
    },
    {
      command: `npx astro preview --host 127.0.0.1 --port ${e2ePorts.site}`,
      url: `http://127.0.0.1:${e2ePorts.site}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    // astro dev on the same stack: its pages re-read published_events() on each page load (throttled,
    // src/lib/events-dev-refresh.ts), so a journey can see a workspace change on the public side at once.
    {
      command: `node node_modules/astro/bin/astro.mjs dev --host 127.0.0.1 --port ${e2ePorts.dev}`,
      url: `http://127.0.0.1:${e2ePorts.dev}/`,
      env: { ...e2eBuildEnv, ASTRO_TELEMETRY_DISABLED: '1' },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
