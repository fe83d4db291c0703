// Who is calling: from the Bearer JWT, else the apikey (both are JWTs signed with the project secret),
// as Kong + PostgREST decide it on Supabase.
import { bearerToken } from './http.mjs';
import { JwtError, verifyJwt } from './jwt.mjs';

/**
 * Returns `{ claims, role, token }`, or `{ failure: { status, body, headers } }` with the answer
 * Supabase gives for a missing key, an invalid key or a rejected JWT.
 */
export function identifyCaller(req, secret) {
  const apikey = typeof req.headers.apikey === 'string' ? req.headers.apikey : undefined;
  const bearer = bearerToken(req);
  if (!apikey && !bearer) {
    return {
      failure: {
        status: 401,
        body: { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' },
      },
    };
  }
  if (apikey) {
    try {
      verifyJwt(apikey, secret, { checkTimes: false }); // only: is it signed with our secret?
    } catch {
      return {
        failure: {
          status: 401,
          body: { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' },
        },
      };
    }
  }
  const token = bearer ?? apikey;
  try {
    const claims = verifyJwt(token, secret);
    const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : 'anon';
    return { claims, role, token };
  } catch (e) {
    if (!(e instanceof JwtError)) throw e;
    return {
      failure: {
        status: 401,
        body: { code: e.code, details: null, hint: null, message: e.message },
        headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${e.message}"` },
      },
    };
  }
}
