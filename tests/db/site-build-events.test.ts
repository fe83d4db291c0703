// The site's build reads the programme from the API (the events loader): when it cannot, `astro sync`
// (the content step of every build) fails with one line saying what and where, never with an empty
// programme. Against a closed port and against the real gateway refusing the key.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { apiUrl } from './harness';
import { freePort } from '../../scripts/free-port.mjs';

// A project root of its own (the project's files linked in), so the failed syncs clear their own
// content store (.astro/), not the one an `astro dev` of another suite is reading at the same time.
const project = resolve(import.meta.dirname, '../..');
const root = mkdtempSync(join(tmpdir(), 'xinghuo-sync-'));
for (const entry of ['astro.config.mjs', 'svelte.config.js', 'tsconfig.json', 'package.json', 'node_modules', 'src', 'public']) {
  symlinkSync(join(project, entry), join(root, entry));
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

function astroSync(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, timeout: 120_000,
  });
  // Without colour codes: where Astro prints them (CI did), they hide the time at the line's start.
  const output = stripVTControlCharacters(`${r.stdout}\n${r.stderr}`);
  // Astro's own progress lines start with a time ("12:44:56 [content] …"); what remains is the error.
  const errorLines = output.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d\d:\d\d:\d\d /.test(l));
  return { status: r.status, output, errorLines };
}

describe('the build without its programme', () => {
  it('fails with one line naming the API when it cannot be reached', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = astroSync({ PUBLIC_SUPABASE_URL: url });
    expect(r.status, r.output).not.toBe(0);
    expect(r.errorLines, r.output).toEqual([expect.stringMatching(new RegExp(`^星火: cannot read published events from ${url}: connect ECONNREFUSED`))]);
    expect(r.output).not.toContain('Stack trace');
  }, 120_000);

  it('fails with one line carrying the HTTP status when the API refuses the call', () => {
    const r = astroSync({ PUBLIC_SUPABASE_URL: apiUrl, PUBLIC_SUPABASE_ANON_KEY: 'not-a-key' });
    expect(r.status, r.output).not.toBe(0);
    expect(r.errorLines, r.output).toEqual([expect.stringMatching(new RegExp(`^星火: cannot read published events from ${apiUrl}: HTTP 401 `))]);
  }, 120_000);
});
