// graphile-worker task `deploy_hook`: asks the static host (or a CI workflow) to rebuild the public
// site after the published programme changed. The database queues it debounced (one job, key
// 'deploy_hook', replaced on every change); a failed call throws, so graphile-worker retries it with
// its exponential backoff. The URL (and the optional Authorization value) hold secrets: they are
// never logged, and errors name only the HTTP status or the network error's code.
import type { Task } from 'graphile-worker';

export interface DeployHookConfig {
  url: string;
  /** The whole Authorization header value, e.g. `Bearer ghp_…` for GitHub's API (secret). */
  authorization: string | undefined;
  /** The JSON body, e.g. GitHub's repository_dispatch `{"event_type":"xinghuo_programme_changed"}`. */
  body: string;
}

const timeoutMs = 15_000;

/** The code of a fetch failure (ECONNREFUSED, ENOTFOUND, TimeoutError…): what a log may say of it. */
function failureCode(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; name?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const name = (e as { name?: unknown })?.name;
  return typeof name === 'string' ? name : 'network error';
}

export function deployHook(config: DeployHookConfig | undefined, log: (line: string) => void = console.log): Task {
  return async () => {
    if (!config) {
      log('[worker] deploy_hook: XINGHUO_DEPLOY_HOOK_URL is not set, so no rebuild was requested');
      return;
    }
    let response: Response;
    try {
      response = await fetch(config.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'User-Agent': 'xinghuo-worker',
          ...(config.authorization ? { Authorization: config.authorization } : {}),
        },
        body: config.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new Error(`deploy hook not reached: ${failureCode(e)}`);
    }
    await response.body?.cancel();
    if (!response.ok) throw new Error(`deploy hook answered HTTP ${response.status}`);
    log(`[worker] deploy_hook: rebuild requested (HTTP ${response.status})`);
  };
}
