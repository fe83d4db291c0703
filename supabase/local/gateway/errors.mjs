// PostgreSQL errors → HTTP, following PostgREST's documented table ("HTTP Status Codes" in
// docs.postgrest.org/en/stable/references/errors.html). Exact codes first, then prefixes.
const exact = {
  23503: 409, // foreign key violation
  23505: 409, // uniqueness violation
  25006: 405, // read only sql transaction
  53400: 500, // config limit exceeded
  P0001: 400, // default code for "raise"
  42883: 404, // undefined function
  '42P01': 404, // undefined table
  '42P17': 500, // infinite recursion
};
const prefixes = [
  ['08', 503], ['09', 500], ['0L', 403], ['0P', 403], ['25', 500], ['28', 403], ['2D', 500],
  ['38', 500], ['39', 500], ['3B', 500], ['40', 500], ['53', 503], ['54', 500], ['55', 500],
  ['57', 500], ['58', 500], ['F0', 500], ['HV', 500], ['P0', 500], ['XX', 500],
];

/** HTTP status PostgREST answers for a SQLSTATE; `authenticated` = the request carried a user JWT. */
export function statusForSqlState(code, authenticated) {
  if (!code) return 500;
  if (code === '42501') return authenticated ? 403 : 401;
  // RAISE sqlstate 'PTxyz' chooses the status itself.
  const pt = /^PT(\d{3})$/.exec(code);
  if (pt) return Number(pt[1]);
  if (code in exact) return exact[code];
  for (const [prefix, status] of prefixes) if (code.startsWith(prefix)) return status;
  return 400;
}

/** The JSON body PostgREST sends for any error: always these four keys, null when absent. */
export function errorBody(code, message, details = null, hint = null) {
  return { code, details: details ?? null, hint: hint ?? null, message };
}

export function fromPgError(err, authenticated) {
  return {
    status: statusForSqlState(err.code, authenticated),
    body: errorBody(err.code ?? 'PGRSTX00', err.message, err.detail, err.hint),
  };
}
