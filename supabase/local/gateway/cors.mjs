// CORS for the site's origins. Only loopback origins are echoed: this server is for local use.
const allowHeaders = [
  'apikey', 'authorization', 'content-type', 'x-client-info', 'prefer', 'accept-profile',
  'content-profile', 'x-supabase-api-version', 'range', 'accept',
];
// supabase-js reads these from responses (API version of Auth errors, error codes, counts).
const exposeHeaders = ['content-range', 'x-supabase-api-version', 'x-sb-error-code', 'content-location'];

function isLocalOrigin(origin) {
  try {
    const { hostname, protocol } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') &&
      (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]');
  } catch {
    return false;
  }
}

/** Adds CORS headers; returns true when the request was a preflight and has been answered. */
export function applyCors(req, res) {
  const origin = req.headers.origin;
  if (origin && isLocalOrigin(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', exposeHeaders.join(', '));
  }
  if (req.method === 'OPTIONS') {
    if (origin && isLocalOrigin(origin)) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', allowHeaders.join(', '));
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.writeHead(204);
    res.end();
    return true;
  }
  return false;
}
