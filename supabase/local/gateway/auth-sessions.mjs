// Sessions and rotating refresh tokens in auth.sessions / auth.refresh_tokens. Only a SHA-256 of
// each refresh token is stored, so the table alone cannot be replayed.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { signJwt } from './jwt.mjs';

export const hashToken = (token) => createHash('sha256').update(token).digest('hex');

// A session is live while its row exists and `not_after` (if set) is ahead. The coordinator gate
// (xinghuo.coord_assert) applies the same rule in SQL.
export const liveSessionSql = `select 1 from auth.sessions
  where id = case when $1 ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then $1::uuid end
    and (not_after is null or not_after > now())`;
const newRefreshToken = () => randomBytes(24).toString('base64url');

export async function loadUser(db, userId) {
  const { rows } = await db.query(
    `select u.*, coalesce((select json_agg(json_build_object(
        'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id, 'identity_data', i.identity_data,
        'provider', i.provider, 'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
        'updated_at', i.updated_at, 'email', i.email)) from auth.identities i where i.user_id = u.id), '[]') as identities
     from auth.users u where u.id = $1 and u.deleted_at is null`,
    [userId],
  );
  return rows[0];
}

const iso = (d) => (d ? new Date(d).toISOString() : undefined);

/** The user object Supabase Auth returns (GET /user, and inside sessions). */
export function userJson(u) {
  return {
    id: u.id,
    aud: u.aud ?? 'authenticated',
    role: u.role ?? 'authenticated',
    email: u.email ?? '',
    email_confirmed_at: iso(u.email_confirmed_at),
    phone: u.phone ?? '',
    confirmed_at: iso(u.confirmed_at),
    last_sign_in_at: iso(u.last_sign_in_at),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    identities: u.identities ?? [],
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    is_anonymous: Boolean(u.is_anonymous),
  };
}

function accessToken(u, sessionId, issuer, secret, ttl, signedInAt) {
  const iat = Math.floor(Date.now() / 1000);
  const claims = {
    iss: issuer,
    sub: u.id,
    aud: u.aud ?? 'authenticated',
    exp: iat + ttl,
    iat,
    email: u.email ?? '',
    phone: u.phone ?? '',
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: u.raw_user_meta_data ?? {},
    role: u.role ?? 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: signedInAt }],
    session_id: sessionId,
    is_anonymous: Boolean(u.is_anonymous),
  };
  return { token: signJwt(claims, secret), exp: claims.exp };
}

async function issueRefreshToken(db, userId, sessionId, parentHash) {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ($1, $2, false, now(), now(), $3, $4)`,
    [hashToken(token), userId, parentHash ?? null, sessionId],
  );
  return token;
}

function sessionJson(u, access, refreshToken, ttl) {
  return {
    access_token: access.token,
    token_type: 'bearer',
    expires_in: ttl,
    expires_at: access.exp,
    refresh_token: refreshToken,
    user: userJson(u),
  };
}

export async function startSession(db, u, { issuer, secret, ttl, client }) {
  const sessionId = randomUUID();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', nullif($3, ''), nullif($4, '')::inet)`,
    [sessionId, u.id, client?.userAgent ?? '', client?.ip ?? ''],
  );
  await db.query(`update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1`, [u.id]);
  const fresh = await loadUser(db, u.id);
  const refresh = await issueRefreshToken(db, u.id, sessionId);
  const access = accessToken(fresh, sessionId, issuer, secret, ttl, Math.floor(Date.now() / 1000));
  return { ...sessionJson(fresh, access, refresh, ttl), weak_password: null };
}

/**
 * Rotates a refresh token. Returns the new session, or `{ error: [code, message] }`. A token used
 * again within `refreshReuseSeconds` of its rotation (two tabs refreshing at once, a response lost
 * on the way) gets a valid session too, as Supabase Auth's reuse interval allows. Supabase Auth hands
 * back the already issued child token; only its hash is stored here, so a sibling is issued instead.
 * Reuse after the interval ends the whole session (token theft is assumed), as Supabase Auth does:
 * deleting the session row also ends its access tokens for coordinator RPCs.
 */
export async function refreshSession(db, token, { issuer, secret, ttl, refreshReuseSeconds }) {
  const { rows } = await db.query(
    `select r.id, r.token, r.revoked, r.session_id, r.user_id, s.created_at as session_created,
            r.revoked and r.updated_at > now() - make_interval(secs => $2) as within_reuse_interval
     from auth.refresh_tokens r join auth.sessions s on s.id = r.session_id
     where r.token = $1 and (s.not_after is null or s.not_after > now())
     for update of r`,
    [hashToken(token), refreshReuseSeconds],
  );
  const row = rows[0];
  if (!row) return { error: ['refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found'] };
  if (row.revoked && !row.within_reuse_interval) {
    await db.query('delete from auth.sessions where id = $1', [row.session_id]);
    return { error: ['refresh_token_already_used', 'Invalid Refresh Token: Already Used'] };
  }
  const u = await loadUser(db, row.user_id);
  if (!u) return { error: ['user_not_found', 'User not found'] };
  // A reuse inside the interval keeps the token's rotation time, so the interval cannot be stretched.
  if (!row.revoked) await db.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [row.id]);
  await db.query('update auth.sessions set updated_at = now(), refreshed_at = now() where id = $1', [row.session_id]);
  const refresh = await issueRefreshToken(db, u.id, row.session_id, row.token);
  const signedInAt = Math.floor(new Date(row.session_created).getTime() / 1000);
  const access = accessToken(u, row.session_id, issuer, secret, ttl, signedInAt);
  return { session: sessionJson(u, access, refresh, ttl) };
}
