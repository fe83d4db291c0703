import './scripts/require-node.mjs';
import { defineConfig } from '@playwright/test';
import { e2ePorts } from './scripts/e2e-env.mjs';

// Debian's Chromium: Playwright cannot download its own browsers on these machines.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
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
  webServer: [
    {
      command: `node scripts/e2e-stack.mjs`,
      url: `http://127.0.0.1:${e2ePorts.api}/health`,
      reuseExistingServer: false,
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
  ],
});
