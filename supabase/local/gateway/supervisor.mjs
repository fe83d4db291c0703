// Runs the gateway in a child process and starts it again whenever it dies, so one unexpected crash
// (a bug, an out-of-memory) does not leave the API down until someone restarts `npm start`.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./main.mjs', import.meta.url));
const firstDelayMs = 200;
const maxDelayMs = 5000;
// A child that ran this long was healthy: the next restart starts again from the first delay.
const healthyAfterMs = 30_000;

function spawnGateway(options) {
  const child = fork(entry, [], {
    env: { ...process.env, XINGHUO_GATEWAY_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise((resolve, reject) => {
    child.once('message', (m) => (m?.ready ? resolve(m.ready) : reject(new Error(m?.failed ?? 'gateway failed to start'))));
    child.once('exit', (code, signal) => reject(new Error(`gateway exited during start (${signal ?? code})`)));
  });
  ready.catch(() => {});
  return { child, ready };
}

/**
 * Starts the supervised gateway; resolves once the first child answers. `pid()` is the current
 * child's process id; `restarts()` counts restarts so far; `close()` stops it for good.
 */
export async function startSupervisedGateway(options, { log = () => {} } = {}) {
  let current = spawnGateway(options);
  const url = await current.ready;
  let stopping = false;
  let restarts = 0;
  let delay = firstDelayMs;

  function watch(run) {
    const startedAt = Date.now();
    run.child.once('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt > healthyAfterMs) delay = firstDelayMs;
      log(`gateway exited (${signal ?? code}); restarting in ${delay} ms`);
      setTimeout(() => {
        if (stopping) return;
        restarts += 1;
        current = spawnGateway(options);
        current.ready.then(
          () => log('gateway restarted'),
          (e) => log(`gateway restart failed: ${e.message}`),
        );
        watch(current);
      }, delay);
      delay = Math.min(maxDelayMs, delay * 2);
    });
  }
  watch(current);

  return {
    url,
    pid: () => current.child.pid,
    restarts: () => restarts,
    async close() {
      stopping = true;
      const { child } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
