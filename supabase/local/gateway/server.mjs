// The local stand-in for Supabase's HTTP API: the routes the site uses, and 501 for the rest.
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { makeAuthHandlers } from './auth.mjs';
import { applyCors } from './cors.mjs';
import { sendJson } from './http.mjs';
import { makeRpcHandler } from './rpc.mjs';

function notServed(req, res, path) {
  return sendJson(res, 501, {
    code: 'not_served_locally',
    details: null,
    hint: 'Served: POST /rest/v1/rpc/<function>, POST /auth/v1/token, GET /auth/v1/user, POST /auth/v1/logout, GET /health.',
    message: `The local Supabase stand-in does not serve ${req.method} ${path}. Use a real Supabase project for it.`,
  });
}

// Few connections, like PostgREST's small default pool: on this 2-core machine 20 busy backends
// only fight over the CPU (500 concurrent sign-ups at load ≈ 6: p95 0.86–1.02 s with 20,
// 0.54–0.69 s with 4–8; see bench/RESULTS.md). Requests beyond the pool wait in the gateway.
const defaultPoolSize = Math.max(4, 2 * availableParallelism() + 1);

/**
 * Starts the gateway. `apiConnection` logs in as `authenticator` (rpc, like PostgREST);
 * `authConnection` is the privileged login the auth endpoints use (like supabase_auth_admin).
 */
export async function startGateway({ port, host = '127.0.0.1', apiConnection, authConnection, secret, ttl, poolSize = defaultPoolSize, quiet = true }) {
  const apiPool = new pg.Pool({ connectionString: apiConnection, max: poolSize, application_name: 'xinghuo-gateway' });
  const authPool = new pg.Pool({ connectionString: authConnection, max: 5, application_name: 'xinghuo-auth' });
  // An idle client losing its connection (e.g. postgres stopping) must not crash the process.
  apiPool.on('error', () => {});
  authPool.on('error', () => {});
  const rpc = makeRpcHandler({ pool: apiPool, secret });
  const auth = makeAuthHandlers({ pool: authPool, secret, ttl });

  async function route(req, res) {
    if (applyCors(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const rpcMatch = /^\/rest\/v1\/rpc\/([A-Za-z_][A-Za-z0-9_$]*)$/.exec(path);
    if (path === '/health' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (rpcMatch && req.method === 'POST') return rpc(req, res, rpcMatch[1], path.replace(/^\/rest\/v1/, ''));
    if (path === '/auth/v1/token' && req.method === 'POST') return auth.token(req, res, url);
    if (path === '/auth/v1/user' && req.method === 'GET') return auth.user(req, res);
    if (path === '/auth/v1/logout' && req.method === 'POST') return auth.logout(req, res, url);
    return notServed(req, res, path);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e) => {
      if (!quiet) console.error('[gateway]', e);
      if (!res.headersSent) {
        sendJson(res, 500, { code: 'PGRSTX00', details: null, hint: null, message: String(e?.message ?? e) });
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve, reject) => {
    server.once('error', (e) => {
      Promise.all([apiPool.end(), authPool.end()]).finally(() =>
        reject(e?.code === 'EADDRINUSE' ? new Error(`API port ${port} is already in use (another stack running?)`) : e));
    });
    server.listen(port, host, resolve);
  });

  return {
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
      await Promise.all([apiPool.end(), authPool.end()]);
    },
  };
}
