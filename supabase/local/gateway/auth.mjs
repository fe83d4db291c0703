// The slice of Supabase Auth the site uses: password sign-in, refresh, current user, sign-out.
import { sendAuthError, versionHeaders } from './auth-errors.mjs';
import { BodyError, bearerToken, readJson, sendEmpty, sendJson } from './http.mjs';
import { JwtError, verifyJwt } from './jwt.mjs';
import { loadUser, refreshSession, startSession, userJson } from './auth-sessions.mjs';

async function inTransaction(pool, work) {
  const db = await pool.connect();
  try {
    await db.query('begin');
    const result = await work(db);
    await db.query('commit');
    return result;
  } catch (e) {
    await db.query('rollback').catch(() => {});
    throw e;
  } finally {
    db.release();
  }
}

/** Verifies the Bearer access token of a signed-in user, answering GoTrue's errors itself. */
async function authenticate(req, res, pool, secret) {
  const token = bearerToken(req);
  if (!token) {
    sendAuthError(req, res, 401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    return undefined;
  }
  let claims;
  try {
    claims = verifyJwt(token, secret);
  } catch (e) {
    if (!(e instanceof JwtError)) throw e;
    sendAuthError(req, res, 403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${e.message}`);
    return undefined;
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    sendAuthError(req, res, 403, 'bad_jwt', 'invalid claim: missing sub claim');
    return undefined;
  }
  const user = await loadUser(pool, claims.sub).catch(() => undefined);
  if (!user) {
    sendAuthError(req, res, 403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return undefined;
  }
  if (claims.session_id) {
    const { rowCount } = await pool.query('select 1 from auth.sessions where id = $1', [claims.session_id]);
    if (rowCount === 0) {
      sendAuthError(req, res, 403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
      return undefined;
    }
  }
  return { claims, user };
}

export function makeAuthHandlers({ pool, secret, ttl }) {
  const issuerOf = (req) => `http://${req.headers.host ?? '127.0.0.1'}/auth/v1`;

  async function token(req, res, url) {
    let body;
    try {
      body = (await readJson(req)) ?? {};
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      return sendAuthError(req, res, 400, 'bad_json', 'Could not parse request body as JSON');
    }
    const grantType = url.searchParams.get('grant_type');
    const opts = { issuer: issuerOf(req), secret, ttl };

    if (grantType === 'password') {
      const email = typeof body.email === 'string' ? body.email.trim() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      if (!email) return sendAuthError(req, res, 400, 'validation_failed', 'missing email or phone');
      const session = await inTransaction(pool, async (db) => {
        const { rows } = await db.query(
          // An unknown email still costs one bcrypt round, so timing does not reveal which emails exist.
          `select u.id, u.email_confirmed_at,
                  case when u.id is null then extensions.crypt($2, extensions.gen_salt('bf', 10)) is null
                       else u.encrypted_password = extensions.crypt($2, u.encrypted_password) end as ok
           from (select 1) one
           left join auth.users u on lower(u.email) = lower($1) and u.deleted_at is null
             and (u.banned_until is null or u.banned_until < now())`,
          [email, password],
        );
        const found = rows[0];
        if (!found?.id || !found.ok) return { error: [400, 'invalid_credentials', 'Invalid login credentials'] };
        if (!found.email_confirmed_at) return { error: [400, 'email_not_confirmed', 'Email not confirmed'] };
        return startSession(db, await loadUser(db, found.id), opts);
      });
      if (session.error) return sendAuthError(req, res, ...session.error);
      return sendJson(res, 200, session, versionHeaders(req));
    }

    if (grantType === 'refresh_token') {
      const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : '';
      if (!refreshToken) return sendAuthError(req, res, 400, 'validation_failed', 'refresh_token required');
      const result = await inTransaction(pool, (db) => refreshSession(db, refreshToken, opts));
      if (result.error) return sendAuthError(req, res, 400, ...result.error);
      return sendJson(res, 200, result.session, versionHeaders(req));
    }

    return sendAuthError(req, res, 400, 'validation_failed', `The local stand-in supports grant_type=password and refresh_token only`);
  }

  async function user(req, res) {
    const who = await authenticate(req, res, pool, secret);
    if (!who) return undefined;
    return sendJson(res, 200, userJson(who.user), versionHeaders(req));
  }

  // scope=global (default) ends every session of the user, local only this one, others the rest.
  async function logout(req, res, url) {
    const who = await authenticate(req, res, pool, secret);
    if (!who) return undefined;
    const scope = url.searchParams.get('scope') ?? 'global';
    const { sub, session_id: sessionId } = who.claims;
    if (scope === 'local') {
      await pool.query('delete from auth.sessions where id = $1 and user_id = $2', [sessionId ?? null, sub]);
    } else if (scope === 'others') {
      await pool.query('delete from auth.sessions where user_id = $1 and id is distinct from $2', [sub, sessionId ?? null]);
    } else {
      await pool.query('delete from auth.sessions where user_id = $1', [sub]);
    }
    return sendEmpty(res, 204, versionHeaders(req));
  }

  return { token, user, logout };
}
