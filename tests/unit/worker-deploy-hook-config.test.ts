// The worker's deploy-hook settings: optional, checked at start, and never quoted in an error (the
// URL and the Authorization value are secrets that end up in service logs otherwise).
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../worker/config.ts';

// The variables the worker needs anyway (SMS), with made-up values: readConfig only reads them.
const base = {
  DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:1/postgres',
  XINGHUO_SMS_ACCESS_KEY_ID: 'id',
  XINGHUO_SMS_ACCESS_KEY_SECRET: 'secret',
  XINGHUO_SMS_SIGN_NAME: '星火',
  XINGHUO_SMS_TEMPLATES: '{}',
};

describe('XINGHUO_DEPLOY_HOOK_*', () => {
  it('unset: no hook (the task only logs)', () => {
    expect(readConfig(base).deployHook).toBeUndefined();
  });

  it('a build hook URL alone: POST with the repository_dispatch-style default body, no Authorization', () => {
    expect(readConfig({ ...base, XINGHUO_DEPLOY_HOOK_URL: 'https://api.netlify.com/build_hooks/abc123' }).deployHook).toEqual({
      url: 'https://api.netlify.com/build_hooks/abc123',
      authorization: undefined,
      body: '{"event_type":"xinghuo_programme_changed"}',
    });
  });

  it('a CI workflow: token and body as given', () => {
    const hook = readConfig({
      ...base,
      XINGHUO_DEPLOY_HOOK_URL: 'https://api.github.com/repos/o/r/actions/workflows/site.yml/dispatches',
      XINGHUO_DEPLOY_HOOK_AUTHORIZATION: 'Bearer ghp_x',
      XINGHUO_DEPLOY_HOOK_BODY: '{"ref":"main"}',
    }).deployHook;
    expect(hook).toMatchObject({ authorization: 'Bearer ghp_x', body: '{"ref":"main"}' });
  });

  it.each([
    [{ XINGHUO_DEPLOY_HOOK_URL: 'not a url s3cr3t' }, 'XINGHUO_DEPLOY_HOOK_URL is not a URL'],
    [{ XINGHUO_DEPLOY_HOOK_URL: 'ftp://host/s3cr3t' }, 'XINGHUO_DEPLOY_HOOK_URL must be http(s)'],
    [{ XINGHUO_DEPLOY_HOOK_URL: 'https://host/s3cr3t', XINGHUO_DEPLOY_HOOK_BODY: '{s3cr3t' }, 'XINGHUO_DEPLOY_HOOK_BODY must be JSON'],
  ])('%j is refused at start without quoting the secret', (env, message) => {
    // The whole message is fixed text: nothing of the value is in it.
    expect(() => readConfig({ ...base, ...env })).toThrow(new RegExp(`^${message.replace(/[()]/g, '\\$&')}$`));
  });
});
