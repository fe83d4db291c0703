// The closing line of `npm test` must not count a flaky test (failed, then passed on retry) as
// passed. The report here comes from a real Playwright run with one retry: one test passes, one
// fails, one fails on its first attempt only.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarise } from '../../scripts/test-summary.mjs';

const root = resolve(import.meta.dirname, '../..');
mkdirSync(join(root, '.tmp'), { recursive: true });
// Inside the project, so the fixture resolves @playwright/test from node_modules.
const dir = mkdtempSync(join(root, '.tmp', 'flaky-fixture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function realPlaywrightReport() {
  writeFileSync(join(dir, 'playwright.config.mjs'), `export default { testDir: '.', retries: 1, reporter: [['json', { outputFile: 'report.json' }]] };\n`);
  writeFileSync(
    join(dir, 'outcomes.spec.mjs'),
    [
      `import { expect, test } from '@playwright/test';`,
      `test('steady', () => expect(1).toBe(1));`,
      `test('broken', () => expect(1).toBe(2));`,
      `test('wobbly', ({}, info) => expect(info.retry).toBe(1));`,
    ].join('\n'),
  );
  spawnSync(process.execPath, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--config', join(dir, 'playwright.config.mjs')], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
}

// A real vitest report: one file passes, one fails in its beforeAll (its test is skipped, none fails).
function realVitestReport() {
  writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: { include: ['*.vt.mjs'] } };\n`);
  writeFileSync(join(dir, 'fine.vt.mjs'), `import { expect, it } from 'vitest';\nit('fine', () => expect(1).toBe(1));\n`);
  writeFileSync(join(dir, 'hook.vt.mjs'), [
    `import { beforeAll, expect, it } from 'vitest';`,
    `beforeAll(() => { throw new Error('the stack did not start'); });`,
    `it('never runs', () => expect(1).toBe(1));`,
  ].join('\n'));
  spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(dir, 'vitest.config.mjs'), '--root', dir,
    '--reporter=json', `--outputFile=${join(dir, 'vitest.json')}`], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(readFileSync(join(dir, 'vitest.json'), 'utf8'));
}

describe('npm test closing line', () => {
  const pw = realPlaywrightReport();
  const vitest = { numPassedTests: 10, numFailedTests: 0 };

  it('counts a flaky test neither as passed nor in the closing line, and names it on its own line', () => {
    expect(pw.stats).toMatchObject({ expected: 1, unexpected: 1, flaky: 1 });
    const s = summarise({ vitest, pw, stageFailed: { 'playwright (e2e)': true } });
    expect(s.passed).toBe(11);
    expect(s.failed).toBe(1);
    expect(s.flaky).toBe(1);
    expect(s.lines.at(-1)).toBe('11 passed, 1 failed');
    expect(s.lines).toContain('flaky (failed, then passed on retry; not counted as passed): 1');
    expect(s.lines).toContain('  flaky: outcomes.spec.mjs › wobbly');
  });

  it('counts a test file that failed in a hook, though none of its tests failed', () => {
    const report = realVitestReport();
    expect(report).toMatchObject({ numPassedTests: 1, numFailedTests: 0, numFailedTestSuites: 1 });
    const s = summarise({ vitest: report, pw, stageFailed: {} });
    expect(s.lines[0]).toBe('vitest: 1 passed, 1 failed');
    expect(s.lines.at(-1)).toBe('2 passed, 2 failed');
  });

  it('a stage that failed without a report still counts one failure', () => {
    const s = summarise({ vitest: undefined, pw, stageFailed: { 'vitest (unit + db)': true } });
    expect(s.lines.at(-1)).toBe('1 passed, 2 failed');
  });
});
