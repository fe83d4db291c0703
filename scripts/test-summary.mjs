// The end of `npm test`: per-runner lines, a line for flaky tests, and the closing line
// `N passed, N failed`. A flaky test (failed, then passed on CI's retry) is not a pass: it is
// counted on its own line, named, and left out of both totals of the closing line.

/** Titles of the Playwright tests whose outcome was `flaky`, as "file › describe › title". */
export function flakyTitles(pw) {
  const out = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      if (spec.tests?.some((t) => t.status === 'flaky')) out.push([...path, spec.title].join(' › '));
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of pw?.suites ?? []) walk(suite, [suite.title]);
  return out;
}

/**
 * vitest / pw: the JSON reports (undefined when a runner left none). stageFailed: label → true when
 * that stage exited non-zero. A stage that failed without reporting a failed test (type errors, a
 * crash, no report) still counts as one failure, so the closing line never reads as green.
 */
/** Failed vitest tests, plus each test file that failed with none of its tests failing (an error in
 *  a beforeAll hook marks the file failed and its tests skipped). */
export function vitestFailures(vitest) {
  const fileOnly = (vitest?.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  return (vitest?.numFailedTests ?? 0) + fileOnly;
}

export function summarise({ vitest, pw, stageFailed }) {
  const atLeastOneIf = (stageDidFail, reported) => (stageDidFail ? Math.max(1, reported) : reported);
  const vitestFailed = vitestFailures(vitest);
  const flaky = pw?.stats?.flaky ?? 0;
  const passed = (vitest?.numPassedTests ?? 0) + (pw?.stats?.expected ?? 0);
  const failed =
    atLeastOneIf(stageFailed['type check (astro check)'], 0) +
    atLeastOneIf(stageFailed['vitest (unit + db)'] || !vitest || vitest.success === false, vitestFailed) +
    atLeastOneIf(stageFailed['build for e2e'] || stageFailed['playwright (e2e)'] || !pw, pw?.stats?.unexpected ?? 0);
  const lines = [
    `vitest: ${vitest ? `${vitest.numPassedTests} passed, ${vitestFailed} failed` : 'no report'}`,
    `playwright: ${pw ? `${pw.stats.expected} passed, ${pw.stats.unexpected} failed, ${pw.stats.skipped} skipped` : 'no report'}`,
    `flaky (failed, then passed on retry; not counted as passed): ${flaky}`,
    ...flakyTitles(pw).map((t) => `  flaky: ${t}`),
    `${passed} passed, ${failed} failed`,
  ];
  return { passed, failed, flaky, lines };
}
