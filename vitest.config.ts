import './scripts/require-node.mjs';
import { defineConfig } from 'vitest/config';

// Two projects: pure functions (fast, parallel) and the database suite, which starts one real
// PostgreSQL + gateway for the whole run (tests/db/global-setup.ts) and runs files one at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/db/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
