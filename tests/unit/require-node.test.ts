import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minimumNode, nodeSatisfies } from '../../scripts/require-node.mjs';

const range: string = JSON.parse(readFileSync('package.json', 'utf8')).engines.node;

describe('the Node guard every entry point runs first', () => {
  it('reads the minimum from package.json', () => {
    expect(minimumNode('>=22.19.0')).toEqual([22, 19, 0]);
    expect(minimumNode('>= 24')).toEqual([24, 0, 0]);
    expect(() => minimumNode('^22')).toThrow(/engines.node/);
  });

  it('compares versions part by part, not as text', () => {
    expect(nodeSatisfies('v24.22.3', '>=22.19.0')).toBe(true);
    expect(nodeSatisfies('22.19.0', '>=22.19.0')).toBe(true);
    expect(nodeSatisfies('22.9.0', '>=22.19.0')).toBe(false);
    expect(nodeSatisfies('20.20.2', '>=22.19.0')).toBe(false);
    expect(nodeSatisfies('100.0.0', '>=22.19.0')).toBe(true);
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
    expect(lines[0]).toContain('needs Node 22.19.0 or newer, but this is Node 20.20.2');
    expect(r.stdout).toBe('');
  });
});
