// The local stand-in for Supabase's HTTP API: the routes the site uses, and 501 for the rest.
// Every wait is bounded: headers and bodies (HTTP server timeouts), a connection from the pool
// (acquire timeout, bounded queue), each query (statement_timeout per role, a client-side read
// timeout for a server that stopped answering) and /health's own database check.
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { makeAuthHandlers } from './auth.mjs';
import { applyCors } from './cors.mjs';
import { sendJson } from './http.mjs';
import { createPool } from './pool.mjs';
import { makeRpcHandler } from './rpc.mjs';
import { databaseFailure, sendAuthUnavailable, sendRestUnavailable } from './unavailable.mjs';

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

/** HTTP server bounds: a client that trickles its headers or body is cut off (408). */
export const defaultHttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };
const defaultHealthTimeoutMs = 2000;

/** `select 1` within `timeoutMs`: true when the database answered. */
async function databaseAnswers(db, timeoutMs) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const check = db.withClient((client) => client.query('select 1')).then(() => true, () => false);
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the gateway. `apiConnection` logs in as `authenticator` (rpc, like PostgREST);
 * `authConnection` is the privileged login the auth endpoints use (like supabase_auth_admin).
 * `limits` overrides pool.mjs's defaultLimits, `http` defaultHttpLimits; `signInLimits` and
 * `refreshReuseSeconds` are Supabase Auth's settings (auth.mjs).
 */
export async function startGateway({
  port, host = '127.0.0.1', apiConnection, authConnection, secret, ttl, poolSize = defaultPoolSize, quiet = true,
  limits = {}, http = {}, healthTimeoutMs = defaultHealthTimeoutMs, signInLimits, refreshReuseSeconds,
}) {
  const apiDb = createPool({ connectionString: apiConnection, max: poolSize, applicationName: 'xinghuo-gateway', limits });
  const authDb = createPool({ connectionString: authConnection, max: 5, applicationName: 'xinghuo-auth', limits });
  const rpc = makeRpcHandler({ db: apiDb, secret });
  const auth = makeAuthHandlers({ db: authDb, secret, ttl, signInLimits, refreshReuseSeconds });

  async function health(res) {
    const ok = await databaseAnswers(apiDb, healthTimeoutMs);
    return sendJson(res, ok ? 200 : 503, ok ? { status: 'ok' } : { status: 'unavailable', message: 'the database did not answer' });
  }

  async function route(req, res) {
    if (applyCors(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const rpcMatch = /^\/rest\/v1\/rpc\/([A-Za-z_][A-Za-z0-9_$]*)$/.exec(path);
    if (path === '/health' && req.method === 'GET') return health(res);
    if (rpcMatch && req.method === 'POST') return rpc(req, res, rpcMatch[1], path.replace(/^\/rest\/v1/, ''));
    if (path === '/auth/v1/token' && req.method === 'POST') return auth.token(req, res, url);
    if (path === '/auth/v1/user' && req.method === 'GET') return auth.user(req, res);
    if (path === '/auth/v1/logout' && req.method === 'POST') return auth.logout(req, res, url);
    return notServed(req, res, path);
  }

  const { headersTimeoutMs, requestTimeoutMs } = { ...defaultHttpLimits, ...http };
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      // How often Node checks those two timeouts (default 30 s would make them 30 s late).
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    },
    (req, res) => {
      route(req, res).catch((e) => {
        if (res.headersSent) return res.destroy();
        const failure = databaseFailure(e);
        if (failure) {
          return req.url?.startsWith('/auth/') ? sendAuthUnavailable(req, res, failure) : sendRestUnavailable(res, failure);
        }
        if (!quiet) console.error('[gateway]', e);
        return sendJson(res, 500, { code: 'PGRSTX00', details: null, hint: null, message: String(e?.message ?? e) });
      });
    },
  );
  server.keepAliveTimeout = 5000;
  await new Promise((resolve, reject) => {
    server.once('error', (e) => {
      Promise.all([apiDb.end(), authDb.end()]).finally(() =>
        reject(e?.code === 'EADDRINUSE' ? new Error(`API port ${port} is already in use (another stack running?)`) : e));
    });
    server.listen(port, host, resolve);
  });

  return {
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
      await Promise.all([apiDb.end(), authDb.end()]);
    },
  };
}
