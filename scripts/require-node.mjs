// Every entry point imports this first: it stops with one plain line, not a stack trace, when the
// Node running it is older than package.json's `engines.node` (the one place the minimum is written).
// Through npm (`npm start`, `npm test`, `npm run …`) the project's own Node 24 from node_modules/.bin
// runs everything; this catches `node scripts/x.mjs` typed on a machine whose PATH starts with an
// older Node, and a platform for which npm has no Node package to install.
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Parses the `>=X.Y[.Z]` form package.json uses; any other form is a mistake to fix there. */
export function minimumNode(range) {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`engines.node must read ">=X.Y.Z", not "${range}"`);
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/** True when `version` (e.g. "20.20.2" or "v24.22.3") is at least the minimum of `range`. */
export function nodeSatisfies(version, range) {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const need = minimumNode(range);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== need[i]) return (have[i] ?? 0) > need[i];
  }
  return true;
}

if (!nodeSatisfies(process.versions.node, engines.node)) {
  console.error(
    `星火 needs Node ${engines.node.replace(/^>=\s*/, '')} or newer, but this is Node ${process.versions.node} (${process.execPath}): ` +
      'run it through npm (npm start, npm test, npm run …), which uses the Node 24 that `npm ci` installs, or install Node 24 (.nvmrc).',
  );
  process.exit(1);
}
