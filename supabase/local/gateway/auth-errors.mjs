// Supabase Auth (GoTrue) error bodies. Since API version 2024-01-01 (which supabase-js requests with
// the X-Supabase-Api-Version header) the body is `{code, message}`; older clients get
// `{code: <status>, error_code, msg}`. Either way the `x-sb-error-code` header names the error.
import { sendJson } from './http.mjs';

const API_VERSION_HEADER = 'x-supabase-api-version';
const API_2024 = '2024-01-01';

function requestedVersion(req) {
  const v = req.headers[API_VERSION_HEADER];
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= API_2024 ? API_2024 : undefined;
}

export function versionHeaders(req) {
  const v = requestedVersion(req);
  return v ? { 'X-Supabase-Api-Version': v } : {};
}

export function sendAuthError(req, res, status, errorCode, message) {
  const headers = { ...versionHeaders(req), 'x-sb-error-code': errorCode };
  const body = requestedVersion(req)
    ? { code: errorCode, message }
    : { code: status, error_code: errorCode, msg: message };
  return sendJson(res, status, body, headers);
}
