// The slice of Supabase Auth the site uses: password sign-in, refresh, current user, sign-out.
import { sendAuthError, versionHeaders } from './auth-errors.mjs';
import { socketAddress } from './forwarded.mjs';
import { BodyError, bearerToken, readJson, sendEmpty, sendJson } from './http.mjs';
import { JwtError, verifyJwt } from './jwt.mjs';
import { makeLimiter } from './rate-limit.mjs';
import { liveSessionSql, loadUser, refreshSession, startSession, userJson } from './auth-sessions.mjs';

/**
 * Sign-in limits. Per client address: Supabase Auth's default `sign_in_sign_ups` (30 per 5 minutes
 * per IP). Per e-mail: failed attempts only, so guessing one account's password from many addresses
 * is slow too, while the account's owner signing in successfully never counts against it.
 */
export const defaultSignInLimits = {
  perAddress: { max: 30, windowMs: 5 * 60_000 },
  perEmailFailures: { max: 10, windowMs: 5 * 60_000 },
  // Password checks one address may have running at once. bcrypt is the costly part and the auth pool
  // is small, so without this one client's burst (all admitted before any limit counts) queues
  // everyone else's sign-in behind it.
  concurrentPerAddress: 2,
};

// Supabase Auth's GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL default (config.toml: refresh_token_reuse_interval).
export const defaultRefreshReuseSeconds = 10;

function inTransaction(db, work) {
  return db.withClient(async (client) => {
    await client.query('begin');
    try {
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (e) {
      await client.query('rollback').catch(() => {});
      throw e;
    }
  });
}

/** Verifies the Bearer access token of a signed-in user, answering GoTrue's errors itself. */
async function authenticate(req, res, db, secret) {
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
  const { user, sessionLive } = await db.withClient(async (client) => ({
    user: await loadUser(client, claims.sub).catch((e) => {
      if (e?.code === '22P02') return undefined; // sub is not a uuid
      throw e;
    }),
    sessionLive: claims.session_id ? (await client.query(liveSessionSql, [String(claims.session_id)])).rowCount > 0 : true,
  }));
  if (!user) {
    sendAuthError(req, res, 403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return undefined;
  }
  if (!sessionLive) {
    sendAuthError(req, res, 403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    return undefined;
  }
  return { claims, user };
}

export function makeAuthHandlers({ db, secret, ttl, signInLimits = defaultSignInLimits, refreshReuseSeconds = defaultRefreshReuseSeconds }) {
  const issuerOf = (req) => `http://${req.headers.host ?? '127.0.0.1'}/auth/v1`;
  const byAddress = makeLimiter(signInLimits.perAddress);
  const byEmail = makeLimiter(signInLimits.perEmailFailures);
  const running = new Map();

  async function token(req, res, url) {
    let body;
    try {
      body = (await readJson(req)) ?? {};
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      return sendAuthError(req, res, 400, 'bad_json', 'Could not parse request body as JSON');
    }
    const grantType = url.searchParams.get('grant_type');
    const client = { ip: socketAddress(req), userAgent: String(req.headers['user-agent'] ?? '') };
    const opts = { issuer: issuerOf(req), secret, ttl, refreshReuseSeconds, client };

    if (grantType === 'password') {
      const email = typeof body.email === 'string' ? body.email.trim() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      if (!email) return sendAuthError(req, res, 400, 'validation_failed', 'missing email or phone');
      const emailKey = email.toLowerCase();
      const busy = (running.get(client.ip) ?? 0) >= signInLimits.concurrentPerAddress ? 1 : 0;
      const wait = Math.max(busy, byAddress.retryAfter(client.ip), byEmail.retryAfter(emailKey));
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        return sendAuthError(req, res, 429, 'over_request_rate_limit', 'Request rate limit reached');
      }
      byAddress.hit(client.ip);
      running.set(client.ip, (running.get(client.ip) ?? 0) + 1);
      const session = await inTransaction(db, async (tx) => {
        const { rows } = await tx.query(
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
        return startSession(tx, await loadUser(tx, found.id), opts);
      }).finally(() => {
        const left = running.get(client.ip) - 1;
        if (left > 0) running.set(client.ip, left);
        else running.delete(client.ip);
      });
      if (session.error?.[1] === 'invalid_credentials') byEmail.hit(emailKey);
      if (session.error) return sendAuthError(req, res, ...session.error);
      return sendJson(res, 200, session, versionHeaders(req));
    }

    if (grantType === 'refresh_token') {
      const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : '';
      if (!refreshToken) return sendAuthError(req, res, 400, 'validation_failed', 'refresh_token required');
      const result = await inTransaction(db, (tx) => refreshSession(tx, refreshToken, opts));
      if (result.error) return sendAuthError(req, res, 400, ...result.error);
      return sendJson(res, 200, result.session, versionHeaders(req));
    }

    return sendAuthError(req, res, 400, 'validation_failed', `The local stand-in supports grant_type=password and refresh_token only`);
  }

  async function user(req, res) {
    const who = await authenticate(req, res, db, secret);
    if (!who) return undefined;
    return sendJson(res, 200, userJson(who.user), versionHeaders(req));
  }

  // scope=global (default) ends every session of the user, local only this one, others the rest.
  async function logout(req, res, url) {
    const who = await authenticate(req, res, db, secret);
    if (!who) return undefined;
    const scope = url.searchParams.get('scope') ?? 'global';
    const { sub, session_id: sessionId } = who.claims;
    const session = sessionId ?? null;
    const [sql, params] = {
      local: ['delete from auth.sessions where id = $1 and user_id = $2', [session, sub]],
      others: ['delete from auth.sessions where id is distinct from $1 and user_id = $2', [session, sub]],
    }[scope] ?? ['delete from auth.sessions where user_id = $1', [sub]];
    await db.withClient((client) => client.query(sql, params));
    return sendEmpty(res, 204, versionHeaders(req));
  }

  return { token, user, logout };
}
