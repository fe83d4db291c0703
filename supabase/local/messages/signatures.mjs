// Request signatures checked as each provider documents them, from what arrived on the wire (not by
// calling the SDKs' own signers), so a tampered or mis-signed request is refused as the real
// provider would refuse it.
//   Aliyun ACS3-HMAC-SHA256 ("V3"):  https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature
//   Tencent TC3-HMAC-SHA256:         https://cloud.tencent.com/document/api/382/52072
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const sha256Hex = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();
const sameHex = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

// RFC 3986 percent-encoding as ACS3 specifies (space → %20, * → %2A, ~ kept).
const rfc3986 = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function fail(code, message) {
  return { ok: false, code, message };
}

/**
 * @param {{ method: string, path: string, search: string, headers: Record<string, string>, body: Buffer,
 *   secretFor: (id: string) => string | undefined, now?: number, seenNonce: (nonce: string) => boolean }} req
 */
export function verifyAcs3(req) {
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!m) return fail('IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  const [, accessKeyId, signedHeaderList, signature] = m;
  const secret = req.secretFor(accessKeyId);
  if (!secret) return fail('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const signed = signedHeaderList.split(';');
  for (const required of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']) {
    if (!signed.includes(required)) return fail('IncompleteSignature', `The header ${required} must be signed.`);
  }
  const date = Date.parse(req.headers['x-acs-date'] ?? '');
  if (!Number.isFinite(date) || Math.abs((req.now ?? Date.now()) - date) > 15 * 60_000) {
    return fail('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }
  const payloadHash = sha256Hex(req.body);
  if (req.headers['x-acs-content-sha256'] !== payloadHash) return fail('SignatureDoesNotMatch', 'The payload hash does not match.');

  const query = [...new URLSearchParams(req.search)]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = signed.map((name) => `${name}:${(req.headers[name] ?? '').trim()}\n`).join('');
  const canonical = [req.method, req.path || '/', query, headers, signedHeaderList, payloadHash].join('\n');
  const expected = createHmac('sha256', secret).update(`ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`).digest('hex');
  if (!sameHex(expected, signature)) {
    return fail('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
  }
  // Checked last, so a refused request does not use up its nonce.
  if (req.seenNonce(req.headers['x-acs-signature-nonce'])) return fail('SignatureNonceUsed', 'Specified signature nonce was used already.');
  return { ok: true, accessKeyId };
}

/**
 * @param {{ method: string, path: string, search: string, headers: Record<string, string>, body: Buffer,
 *   secretFor: (id: string) => string | undefined, service: string, now?: number }} req
 */
export function verifyTc3(req) {
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    req.headers.authorization ?? '',
  );
  if (!m) return fail('AuthFailure.InvalidAuthorization', 'Authorization header is not well formed.');
  const [, secretId, day, service, signedHeaderList, signature] = m;
  const secret = req.secretFor(secretId);
  if (!secret) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
  const timestamp = Number(req.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs((req.now ?? Date.now()) / 1000 - timestamp) > 300) {
    return fail('AuthFailure.SignatureExpire', 'Signature expired.');
  }
  if (service !== req.service || day !== new Date(timestamp * 1000).toISOString().slice(0, 10)) {
    return fail('AuthFailure.SignatureFailure', 'The credential scope does not match the request.');
  }
  const signed = signedHeaderList.split(';');
  if (!signed.includes('host') || !signed.includes('content-type')) {
    return fail('AuthFailure.SignatureFailure', 'content-type and host must be signed.');
  }
  // Keys and values lower-cased and trimmed; host is the domain the client addressed.
  const value = (name) => {
    const v = (req.headers[name] ?? '').trim().toLowerCase();
    return name === 'host' ? v.replace(/:\d+$/, '') : v;
  };
  const headers = signed.map((name) => `${name}:${value(name)}\n`).join('');
  const canonical = [req.method, req.path || '/', req.search.replace(/^\?/, ''), headers, signedHeaderList, sha256Hex(req.body)].join('\n');
  const scope = `${day}/${service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256Hex(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${secret}`, day), service), 'tc3_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (!sameHex(expected, signature)) return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
  return { ok: true, secretId };
}
