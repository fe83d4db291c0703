// POST /rest/v1/rpc/<fn> with PostgREST's semantics: one transaction, role switch, request.* settings,
// named JSON arguments converted by Postgres itself (json_to_record), results shaped as PostgREST does.
import { errorBody, fromPgError } from './errors.mjs';
import { identifyCaller } from './caller.mjs';
import { BodyError, readJson, sendEmpty, sendJson, sendJsonText } from './http.mjs';
import { forgetFunction, resolveFunction } from './rpc-resolve.mjs';

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;
// Custom settings must be valid "prefix.name" identifiers; PostgREST's legacy per-claim settings too.
const settingName = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** The settings PostgREST puts in every request transaction (plus the legacy per-claim ones). */
function requestSettings(caller, req, path) {
  const settings = [
    ['role', caller.role],
    ['search_path', '"public", "extensions"'],
    ['request.jwt.claims', JSON.stringify(caller.claims)],
    ['request.method', req.method],
    ['request.path', path],
    ['request.headers', JSON.stringify(req.headers)],
    ['request.cookies', '{}'],
  ];
  for (const [key, value] of Object.entries(caller.claims)) {
    if (!settingName.test(key)) continue;
    settings.push([`request.jwt.claim.${key}`, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return settings;
}

/** SQL calling `fn` with the given JSON keys; `body` is the JSON body as an SQL literal. */
function callSql(name, fn, keys, body) {
  const byName = new Map(fn.params.map((p) => [p.name, p]));
  const named = keys.map((k) => `${quoteIdent(k)} => _args.${quoteIdent(k)}`).join(', ');
  const call = `public.${quoteIdent(name)}(${named})`;
  const from = keys.length
    ? `from json_to_record(${body}::json) as _args(${keys.map((k) => `${quoteIdent(k)} ${byName.get(k).type}`).join(', ')})`
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

export function makeRpcHandler({ pool, secret }) {
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
    const client = await pool.connect();
    let broken;
    try {
      for (let attempt = 0; ; attempt++) {
        const resolved = await resolveFunction(client, name, keys, { fresh: attempt > 0 });
        if (resolved.notFound) return sendJson(res, 404, resolved.notFound);
        const { fn } = resolved;
        // begin + settings + call in ONE simple-protocol round trip (was three), then commit. Values
        // travel as escaped literals, so this is no less safe than bind parameters. (Folding the
        // commit in too saves one more trip, but then tests/db/signup-concurrency's control, a
        // sign_up without its lock, rarely gets to overbook: see bench/RESULTS.md.)
        const lit = (v) => client.escapeLiteral(String(v));
        const set = `select ${settings.map(([k, v]) => `set_config(${lit(k)}, ${lit(v)}, true)`).join(', ')}`;
        const call = callSql(name, fn, keys, keys.length ? lit(JSON.stringify(args)) : undefined);
        let result;
        try {
          const results = await client.query(`begin; ${set}; ${call}`);
          result = results[2];
          await client.query('commit');
        } catch (e) {
          await client.query('rollback').catch((rollbackError) => {
            broken = rollbackError;
          });
          // A cached signature that no longer exists: forget it and resolve again (once).
          if (resolved.cached && attempt === 0 && !broken && staleSignature(e)) {
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
    } catch (e) {
      if (e && typeof e === 'object' && 'severity' in e) {
        const { status, body } = fromPgError(e, authenticated);
        return sendJson(res, status, body);
      }
      broken = e;
      throw e;
    } finally {
      client.release(broken);
    }
  };
}
