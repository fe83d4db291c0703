// Database connections for the gateway, with every wait bounded and every lost connection survived:
// a checked-out client whose connection dies is discarded (never returned to the pool), the caller
// gets an error it can answer with PostgREST's 503/504, and the process keeps running.
import pg from 'pg';

/** The defaults, as PostgREST and Supabase set them where they have an equivalent. */
export const defaultLimits = {
  // PostgREST's db-pool-acquisition-timeout (10 s): how long a request waits for a connection.
  acquireTimeoutMs: 10_000,
  // A safety net above the roles' statement_timeout (platform.sql: anon 3 s, authenticated 8 s): a
  // frozen or unreachable server never answers, so no server-side timeout can fire.
  queryTimeoutMs: 10_000,
  // Requests waiting for a connection beyond this are refused at once. Large enough for the
  // 500-at-once sign-up burst the budgets ask to pass without errors.
  maxWaiting: 1000,
};

/** No connection became free within acquireTimeoutMs (PostgREST: PGRST003). */
export class AcquireTimeout extends Error {}
/** Too many requests already wait for a connection. */
export class QueueFull extends Error {}
/** The connection was lost, refused or stopped answering. */
export class ConnectionLost extends Error {}

// SQLSTATEs meaning "this connection is gone" (57P01 admin shutdown / pg_terminate_backend, 57P02
// crash shutdown, 57P03 cannot connect now, class 08 connection exceptions).
const lostStates = /^(08|57P0[123])/;

/** True when `e` means the connection (not the statement) failed. */
export function isConnectionLoss(e) {
  if (e instanceof ConnectionLost) return true;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && lostStates.test(e.code)) return true;
  if (typeof e.code === 'string' && /^E(CONNREFUSED|CONNRESET|PIPE|HOSTUNREACH|TIMEDOUT)$/.test(e.code)) return true;
  return /Connection terminated|Query read timeout|not queryable|connection timeout/i.test(String(e.message));
}

export function createPool({ connectionString, max, applicationName, limits = {} }) {
  const { acquireTimeoutMs, queryTimeoutMs, maxWaiting } = { ...defaultLimits, ...limits };
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: acquireTimeoutMs,
    query_timeout: queryTimeoutMs,
    // Several statements of one request go out together: one round trip, values as bind parameters.
    pipeline: true,
  });
  // An idle client losing its connection (e.g. PostgreSQL stopping) must not crash the process.
  pool.on('error', () => {});

  /**
   * Runs `work(client)` on a checked-out connection. A connection that failed in any way is
   * destroyed on release, so the next request gets a fresh one.
   */
  async function withClient(work) {
    if (pool.waitingCount >= maxWaiting) throw new QueueFull('Too many requests are waiting for a database connection');
    let client;
    try {
      client = await pool.connect();
    } catch (e) {
      if (/timeout exceeded when trying to connect|connection timeout/i.test(String(e?.message))) {
        throw new AcquireTimeout('Timed out acquiring connection from connection pool.');
      }
      throw new ConnectionLost(String(e?.message ?? e), { cause: e });
    }
    let broken;
    // Without a listener, a connection dying between two queries of this request throws in Node.
    const onError = (e) => {
      broken ??= e;
    };
    client.on('error', onError);
    try {
      return await work(client);
    } catch (e) {
      if (isConnectionLoss(e)) broken ??= e;
      throw broken && !isConnectionLoss(e) ? new ConnectionLost(String(broken.message ?? broken), { cause: broken }) : e;
    } finally {
      client.removeListener('error', onError);
      client.release(broken ?? undefined);
    }
  }

  return { pool, withClient, end: () => pool.end() };
}
