// Finds the `public` function a PostgREST-style RPC call means: same name, and the JSON keys are
// exactly some of its named input parameters covering every one without a default.
const LOOKUP = `
  select p.oid::int as oid, p.pronargdefaults as ndefaults, p.proretset as retset,
         rt.typname = 'void' and rt.typnamespace = 'pg_catalog'::regnamespace as returns_void,
         coalesce(p.proargnames, '{}') as argnames,
         coalesce(p.proargmodes::text[], '{}') as argmodes,
         array(select format_type(t, null)
               from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as a(t, i)
               order by i) as argtypes
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  join pg_catalog.pg_type rt on rt.oid = p.prorettype
  where n.nspname = 'public' and p.proname = $1 and p.prokind = 'f'`;

function inputParams(row) {
  const params = [];
  row.argtypes.forEach((type, i) => {
    const mode = row.argmodes[i] ?? 'i';
    if (mode === 'i' || mode === 'b' || mode === 'v') params.push({ name: row.argnames[i] ?? '', type });
  });
  const firstOptional = params.length - row.ndefaults;
  return params.map((p, i) => ({ ...p, required: i < firstOptional }));
}

// A short-lived schema cache, like PostgREST's (which keeps its cache until told to reload): saves
// one catalog round trip per request under load, yet DDL (tests create functions on the fly) is
// seen within CACHE_MS. Misses are never cached, and callers drop an entry when a call hits a
// changed signature (see `forgetFunction`).
const CACHE_MS = 2000;
const cache = new Map();

export function forgetFunction(name) {
  cache.delete(name);
}

async function lookup(client, name) {
  const hit = cache.get(name);
  if (hit && performance.now() - hit.at < CACHE_MS) return { rows: hit.rows, cached: true };
  const { rows } = await client.query(LOOKUP, [name]);
  if (rows.length > 0) cache.set(name, { rows, at: performance.now() });
  else cache.delete(name);
  return { rows, cached: false };
}

function matching(rows, keys) {
  return rows
    .map((row) => ({ ...row, params: inputParams(row) }))
    .filter((row) => {
      const names = new Set(row.params.map((p) => p.name));
      return keys.every((k) => names.has(k)) && row.params.every((p) => !p.required || keys.includes(p.name));
    })
    .sort((a, b) => a.params.length - b.params.length);
}

/**
 * Resolves the call; returns `{ fn, cached }` or `{ notFound: body }` (PGRST202, as PostgREST words
 * it). `cached` says the answer came from the cache (a failing call may then retry with `fresh`).
 */
export async function resolveFunction(client, name, keys, { fresh = false } = {}) {
  if (fresh) forgetFunction(name);
  let { rows, cached } = await lookup(client, name);
  let matches = matching(rows, keys);
  if (matches.length === 0 && cached) {
    forgetFunction(name); // perhaps redefined since: look again before saying "not found"
    ({ rows, cached } = await lookup(client, name));
    matches = matching(rows, keys);
  }
  if (matches.length > 0) return { fn: matches[0], cached };

  const sorted = [...keys].sort();
  const withParams = sorted.length ? `(${sorted.join(', ')})` : ' without parameters';
  const searched = sorted.length ? `with parameters ${sorted.join(', ')}` : 'without parameters';
  return {
    notFound: {
      code: 'PGRST202',
      details: `Searched for the function public.${name} ${searched} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
      hint: rows.length ? `Perhaps you meant to call the function public.${name} with other parameters` : null,
      message: `Could not find the function public.${name}${withParams} in the schema cache`,
    },
  };
}
