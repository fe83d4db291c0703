// What the SQL side may read of the request headers (the `request.headers` setting), as a proxy in
// front of PostgREST would pass them: credentials removed (they are already in request.jwt.claims,
// and a setting's value can end up in PostgreSQL's log), and the client address taken from the socket.
// A client-written X-Forwarded-For / X-Real-IP is overwritten, never trusted.

// Credentials and cookies never reach SQL; the JWT's claims are there already.
const hidden = new Set(['authorization', 'apikey', 'cookie', 'proxy-authorization']);

/** The socket's peer address without the IPv4-mapped IPv6 prefix (::ffff:127.0.0.1 → 127.0.0.1). */
export function socketAddress(req) {
  const address = req.socket?.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

export function forwardedHeaders(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!hidden.has(name)) headers[name] = value;
  }
  const address = socketAddress(req);
  headers['x-forwarded-for'] = address;
  headers['x-real-ip'] = address;
  return headers;
}
