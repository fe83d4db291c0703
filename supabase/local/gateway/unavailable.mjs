// Answers for a database that is unreachable, lost or too busy, shaped as PostgREST (rpc) and
// Supabase Auth (auth endpoints) answer them. Everything here is transient: retrying later is right.
import { sendAuthError } from './auth-errors.mjs';
import { errorBody } from './errors.mjs';
import { sendJson } from './http.mjs';
import { AcquireTimeout, QueueFull, isConnectionLoss } from './pool.mjs';

/** `{ status, code, message, details }` for a database failure, or undefined for any other error. */
export function databaseFailure(e) {
  if (e instanceof AcquireTimeout) {
    // PostgREST answers its pool acquisition timeout with 504 PGRST003.
    return { status: 504, code: 'PGRST003', message: e.message, details: null };
  }
  if (e instanceof QueueFull) return { status: 503, code: 'PGRST003', message: e.message, details: null };
  if (isConnectionLoss(e)) {
    return {
      status: 503,
      code: 'PGRST001',
      message: 'Database client error. Retrying the connection.',
      details: String(e?.cause?.message ?? e?.message ?? e),
    };
  }
  return undefined;
}

const retryAfter = { 'Retry-After': '1' };

export function sendRestUnavailable(res, failure) {
  return sendJson(res, failure.status, errorBody(failure.code, failure.message, failure.details), {
    ...retryAfter,
    'Proxy-Status': `PostgREST; error=${failure.code}`,
  });
}

export function sendAuthUnavailable(req, res, failure) {
  const code = failure.status === 504 ? 'request_timeout' : 'unexpected_failure';
  res.setHeader('Retry-After', retryAfter['Retry-After']);
  return sendAuthError(req, res, failure.status, code, 'The database is unavailable; try again shortly');
}
