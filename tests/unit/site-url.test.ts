import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { placeholderSite, placeholderSiteError } from '../../src/lib/site-url';

describe('placeholderSiteError', () => {
  it('refuses a production build with the placeholder address, naming the variable to set', () => {
    expect(placeholderSiteError(placeholderSite, 'build')).toMatch(/PUBLIC_SITE_URL/);
  });
  it('lets dev, preview and real addresses through', () => {
    expect(placeholderSiteError(placeholderSite, 'dev')).toBeNull();
    expect(placeholderSiteError('https://fanzha.example-bank.cn', 'build')).toBeNull();
  });
  // The real build, not only the function: astro build without PUBLIC_SITE_URL stops with that message
  // (before any page is made, so this is quick).
  it('astro build without PUBLIC_SITE_URL fails with one clear error', () => {
    const env = { ...process.env };
    delete env.PUBLIC_SITE_URL;
    const run = spawnSync('node_modules/.bin/astro', ['build', '--outDir', '.tmp/placeholder-build'], { env, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('PUBLIC_SITE_URL is not set');
  }, 120_000);
});
