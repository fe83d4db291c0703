// Sliding-window limits kept in the gateway's memory (as Supabase Auth keeps its own): per key, at
// most `max` hits within `windowMs`. A restart forgets them, which only ever errs towards allowing.
const SWEEP_AT = 10_000;

export function makeLimiter({ max, windowMs }) {
  const hits = new Map();

  function recent(key, now) {
    const list = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  }

  function sweep(now) {
    if (hits.size < SWEEP_AT) return;
    for (const key of [...hits.keys()]) recent(key, now);
  }

  return {
    /** Seconds until `key` may try again, or 0 when it is under its limit now. */
    retryAfter(key, now = Date.now()) {
      const list = recent(key, now);
      return list.length < max ? 0 : Math.max(1, Math.ceil((list[0] + windowMs - now) / 1000));
    },
    hit(key, now = Date.now()) {
      sweep(now);
      hits.set(key, [...recent(key, now), now]);
    },
  };
}
