// HS256 JSON Web Tokens with node:crypto only, checked the way PostgREST checks them.
import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

export function signJwt(claims, secret) {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Thrown for a token PostgREST would refuse; `code` is its PGRST3xx code. */
export class JwtError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// PostgREST allows 30 s of clock skew on exp/nbf/iat.
const SKEW_SECONDS = 30;

/** Returns the claims of a valid token, or throws JwtError (PGRST301 invalid, PGRST303 claims). */
export function verifyJwt(token, secret, { nowSeconds = Math.floor(Date.now() / 1000), checkTimes = true } = {}) {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('PGRST301', `Expected 3 parts in JWT; got ${parts.length}`);
  const [h, p, s] = parts;
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError('PGRST301', 'JWT cryptographic operation failed');
  }
  if (header?.alg !== 'HS256') throw new JwtError('PGRST301', 'No suitable key or wrong key type');
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new JwtError('PGRST301', 'No suitable key or wrong key type');
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new JwtError('PGRST303', 'Parsing claims failed');
  }
  if (!checkTimes) return claims;
  if (typeof claims.exp === 'number' && nowSeconds - SKEW_SECONDS >= claims.exp) {
    throw new JwtError('PGRST303', 'JWT expired');
  }
  if (typeof claims.nbf === 'number' && nowSeconds + SKEW_SECONDS < claims.nbf) {
    throw new JwtError('PGRST303', 'JWT not yet valid');
  }
  if (typeof claims.iat === 'number' && nowSeconds + SKEW_SECONDS < claims.iat) {
    throw new JwtError('PGRST303', 'JWT issued at future');
  }
  return claims;
}
