// Every entry point imports this first: it stops with one plain line, not a stack trace, when the
// Node running it is older than package.json's `engines.node` (the one place the minimum is written).
// Through npm (`npm start`, `npm test`, `npm run …`) the project's own Node 24 from node_modules/.bin
// runs everything; this catches `node scripts/x.mjs` typed on a machine whose PATH starts with an
// older Node, and a platform for which npm has no Node package to install.
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const parts = (v) => v.replace(/^v/, '').split('.').map(Number);
const atLeast = (have, need) => {
  for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  return true;
};

/**
 * The alternatives of `engines.node` in the two forms package.json uses: `^X.Y.Z` (that major, at
 * least X.Y.Z) and `>=X.Y.Z`, joined by `||`. Any other form is a mistake to fix there.
 */
export function nodeRange(range) {
  return range.split('||').map((alt) => {
    const m = /^(\^|>=)\s*(\d+(?:\.\d+){0,2})$/.exec(alt.trim());
    if (!m) throw new Error(`engines.node alternatives must read "^X.Y.Z" or ">=X.Y.Z", not "${alt.trim()}"`);
    return { sameMajor: m[1] === '^', min: parts(m[2]) };
  });
}

/** True when `version` (e.g. "20.20.2" or "v24.22.3") satisfies one alternative of `range`. */
export function nodeSatisfies(version, range) {
  const have = parts(version);
  return nodeRange(range).some(({ sameMajor, min }) => (!sameMajor || have[0] === min[0]) && atLeast(have, min));
}

if (!nodeSatisfies(process.versions.node, engines.node)) {
  console.error(
    `星火 needs Node ${engines.node}, but this is Node ${process.versions.node} (${process.execPath}): ` +
      'run it through npm (npm start, npm test, npm run …), which uses the Node 24 that `npm ci` installs, or install Node 24 (.nvmrc).',
  );
  process.exit(1);
}
