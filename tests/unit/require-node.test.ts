import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeRange, nodeSatisfies } from '../../scripts/require-node.mjs';

const range: string = JSON.parse(readFileSync('package.json', 'utf8')).engines.node;

describe('the Node guard every entry point runs first', () => {
  it('reads both forms package.json uses, and refuses others', () => {
    expect(nodeRange('^22.22.0 || >=24.8.0')).toEqual([
      { sameMajor: true, min: [22, 22, 0] },
      { sameMajor: false, min: [24, 8, 0] },
    ]);
    expect(() => nodeRange('~22')).toThrow(/engines.node/);
  });

  it('compares versions part by part, within a major for ^', () => {
    const r = '^22.22.0 || >=24.8.0';
    expect(nodeSatisfies('v24.22.3', r)).toBe(true);
    expect(nodeSatisfies('22.22.0', r)).toBe(true);
    expect(nodeSatisfies('22.9.0', r)).toBe(false);
    expect(nodeSatisfies('23.11.0', r)).toBe(false);
    expect(nodeSatisfies('24.7.0', r)).toBe(false);
    expect(nodeSatisfies('20.20.2', r)).toBe(false);
    expect(nodeSatisfies('100.0.0', r)).toBe(true);
  });

  it('the tests themselves run on a Node the project supports', () => {
    expect(nodeSatisfies(process.versions.node, range)).toBe(true);
  });

  // The real script, in a real Node process that reports itself as Node 20 (as on these machines'
  // PATH): it must stop with exit 1 and a single line, not a stack trace.
  it('stops an older Node with one line and exit code 1', () => {
    const pretend20 = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"20.20.2"})';
    const r = spawnSync(process.execPath, ['--import', pretend20, 'scripts/start.mjs'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`needs Node ${range}, but this is Node 20.20.2`);
    expect(r.stdout).toBe('');
  });
});
