// POST /rest/v1/rpc/<fn> with PostgREST's semantics: one transaction, role switch, request.* settings,
// named JSON arguments converted by Postgres itself (json_to_record), results shaped as PostgREST does.
// Every value (arguments, claims, headers) travels as a bind parameter, so a failed call's statement in
// PostgreSQL's log holds only `$1`, never a phone number or a token.
import { errorBody, fromPgError } from './errors.mjs';
import { identifyCaller } from './caller.mjs';
import { forwardedHeaders } from './forwarded.mjs';
import { isConnectionLoss } from './pool.mjs';
import { BodyError, readJson, sendEmpty, sendJson, sendJsonText } from './http.mjs';
import { forgetFunction, resolveFunction } from './rpc-resolve.mjs';

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;
// Custom settings must be valid "prefix.name" identifiers; PostgREST's legacy per-claim settings too.
const settingName = /^[A-Za-z_][A-Za-z0-9_$]*$/;

const SET_REQUEST = `select pg_catalog.set_config(k, v, true) from unnest($1::text[], $2::text[]) with ordinality as s(k, v, i) order by i`;

// PostgREST's "impersonated role settings": after switching role, the role's own settings apply
// (e.g. `alter role anon set statement_timeout = '3s'`), which `set role` alone would ignore. Only
// user-settable ones, database-specific after global so they win.
const SET_ROLE_SETTINGS = `
  select pg_catalog.set_config(p.name, pg_catalog.substr(c, pg_catalog.strpos(c, '=') + 1), true)
  from pg_catalog.pg_db_role_setting s
  cross join lateral unnest(s.setconfig) as c
  join pg_catalog.pg_settings p on p.name = pg_catalog.split_part(c, '=', 1) and p.context = 'user'
  where s.setrole = (select oid from pg_catalog.pg_roles where rolname = current_user)
    and s.setdatabase in (0, (select oid from pg_catalog.pg_database where datname = pg_catalog.current_database()))
  order by s.setdatabase`;

/** The settings PostgREST puts in every request transaction (plus the legacy per-claim ones). */
function requestSettings(caller, req, path) {
  const settings = [
    ['role', caller.role],
    ['search_path', '"public", "extensions"'],
    ['request.jwt.claims', JSON.stringify(caller.claims)],
    ['request.method', req.method],
    ['request.path', path],
    ['request.headers', JSON.stringify(forwardedHeaders(req))],
    ['request.cookies', '{}'],
  ];
  for (const [key, value] of Object.entries(caller.claims)) {
    if (!settingName.test(key)) continue;
    settings.push([`request.jwt.claim.${key}`, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return settings;
}

/** SQL calling `fn` with the given JSON keys; the JSON body is bind parameter $1. */
function callSql(name, fn, keys) {
  const byName = new Map(fn.params.map((p) => [p.name, p]));
  const named = keys.map((k) => `${quoteIdent(k)} => _args.${quoteIdent(k)}`).join(', ');
  const call = `public.${quoteIdent(name)}(${named})`;
  const from = keys.length
    ? `from json_to_record($1::json) as _args(${keys.map((k) => `${quoteIdent(k)} ${byName.get(k).type}`).join(', ')})`
    : '';
  if (fn.retset) {
    const source = from ? `${from} cross join lateral ${call} as _r` : `from ${call} as _r`;
    return `select coalesce(json_agg(_r), '[]')::text as body, count(*)::int as n ${source}`;
  }
  if (fn.returns_void) return `select ${call} ${from}`;
  return `select to_json(${call})::text as body ${from}`;
}

// undefined function / cannot cast / wrong argument type / ambiguous: the function changed under the cache.
const staleCodes = new Set(['42883', '42846', '42804', '42725']);
const staleSignature = (e) => e && typeof e === 'object' && staleCodes.has(e.code);

/**
 * begin + settings + call go out together (pipelined: one round trip), then commit alone. (Folding
 * the commit in too saves one more trip, but then tests/db/signup-concurrency's control, a sign_up
 * without its lock, rarely gets to overbook: see bench/RESULTS.md.) Returns the call's result or
 * throws the first error after rolling back.
 */
async function runCall(client, settings, sql, values) {
  const sent = [
    client.query('begin'),
    client.query(SET_REQUEST, [settings.map(([k]) => k), settings.map(([, v]) => String(v))]),
    client.query(SET_ROLE_SETTINGS),
    client.query(sql, values),
  ];
  const outcomes = await Promise.allSettled(sent);
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) {
    await client.query('rollback').catch(() => {}); // a lost connection is reported by the error below
    throw failed.reason;
  }
  await client.query('commit');
  return outcomes[3].value;
}

export function makeRpcHandler({ db, secret }) {
  return async function handleRpc(req, res, name, path) {
    const caller = identifyCaller(req, secret);
    if (caller.failure) return sendJson(res, caller.failure.status, caller.failure.body, caller.failure.headers);

    let args;
    try {
      args = (await readJson(req)) ?? {};
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      return sendJson(res, 400, errorBody('PGRST102', e.message));
    }
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      return sendJson(res, 400, errorBody('PGRST102', 'Request body must be a JSON object of named arguments'));
    }
    const keys = Object.keys(args);
    const authenticated = caller.role !== 'anon';
    const settings = requestSettings(caller, req, path);
    const values = keys.length ? [JSON.stringify(args)] : [];

    try {
      return await db.withClient(async (client) => {
        for (let attempt = 0; ; attempt++) {
          const resolved = await resolveFunction(client, name, keys, { fresh: attempt > 0 });
          if (resolved.notFound) return sendJson(res, 404, resolved.notFound);
          const { fn } = resolved;
          let result;
          try {
            result = await runCall(client, settings, callSql(name, fn, keys), values);
          } catch (e) {
            // A cached signature that no longer exists: forget it and resolve again (once).
            if (resolved.cached && attempt === 0 && staleSignature(e)) {
              forgetFunction(name);
              continue;
            }
            throw e;
          }
          if (fn.returns_void) return sendEmpty(res, 204);
          const row = result.rows[0];
          if (fn.retset) {
            const range = row.n > 0 ? `0-${row.n - 1}/*` : '*/*';
            return sendJsonText(res, 200, row.body, { 'Content-Range': range });
          }
          return sendJsonText(res, 200, row?.body ?? 'null');
        }
      });
    } catch (e) {
      if (e && typeof e === 'object' && 'severity' in e && !isConnectionLoss(e)) {
        const { status, body } = fromPgError(e, authenticated);
        return sendJson(res, status, body);
      }
      throw e;
    }
  };
}
