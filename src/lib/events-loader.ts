// The `events` collection's loader: every published event from the anonymous RPC `published_events()`,
// checked row by row with the one event schema, stored with id = slug. Anything wrong (API down, an
// error answer, one invalid row) stops the build with one line saying what and where: a site with a
// silently empty or partial programme would send residents to no talk at all.
import type { Loader } from 'astro/loaders';
import { eventSchema, type PublishedEvent } from './event-schema';

export interface EventsSource {
  /** The Supabase API (PUBLIC_SUPABASE_URL), e.g. http://127.0.0.1:54321 */
  url: string;
  anonKey: string;
  /** A brand-new programme may really be empty; only then, and only when asked, is that a valid site. */
  allowEmpty?: boolean;
}

/** A failure the build shows as its one line. No stack: the message says everything, and Astro adds
 *  a "Stack trace:" section to the build's error output only when the error has one. */
export class EventsLoadError extends Error {
  constructor(message: string) {
    super(`星火: ${message}`);
    this.name = 'EventsLoadError';
    this.stack = '';
  }
}

// Undici reports the reason ("connect ECONNREFUSED 127.0.0.1:54321", ENOTFOUND…) on the error's cause.
function reason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.message || cause?.code || (e instanceof Error ? e.message : String(e));
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 300);

/** Calls published_events() and validates every row; throws EventsLoadError with one line otherwise. */
export async function fetchPublishedEvents({ url, anonKey, allowEmpty = false }: EventsSource): Promise<PublishedEvent[]> {
  const where = `cannot read published events from ${url}`;
  let response: Response;
  try {
    // Appended, as supabase-js does, so a gateway under a path prefix keeps it.
    response = await fetch(`${url.replace(/\/+$/, '')}/rest/v1/rpc/published_events`, {
      method: 'POST',
      headers: { apikey: anonKey, authorization: `Bearer ${anonKey}`, 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    throw new EventsLoadError(`${where}: ${reason(e)}`);
  }
  const text = await response.text().catch((e) => { throw new EventsLoadError(`${where}: ${reason(e)}`); });
  if (!response.ok) {
    let detail = text;
    try {
      const body = JSON.parse(text) as { code?: string; message?: string };
      detail = [body.code, body.message].filter(Boolean).join(' ');
    } catch { /* not PostgREST JSON: show the text itself */ }
    throw new EventsLoadError(`${where}: HTTP ${response.status} ${oneLine(detail)}`);
  }
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    throw new EventsLoadError(`${where}: the answer is not JSON: ${oneLine(text)}`);
  }
  if (!Array.isArray(rows)) throw new EventsLoadError(`${where}: expected an array of events, got ${oneLine(JSON.stringify(rows))}`);
  if (rows.length === 0 && !allowEmpty) {
    throw new EventsLoadError(`published_events() at ${url} returned no events; refusing to build an empty programme (set XINGHUO_ALLOW_EMPTY_PROGRAMME=1 if the programme really is empty)`);
  }
  const events: PublishedEvent[] = [];
  const bad: string[] = [];
  rows.forEach((row, i) => {
    const parsed = eventSchema.safeParse(row);
    if (parsed.success) return void events.push(parsed.data);
    const name = typeof (row as { slug?: unknown })?.slug === 'string' ? `"${(row as { slug: string }).slug}"` : `#${i + 1}`;
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).join('; ');
    bad.push(`${name} (${issues})`);
  });
  if (bad.length > 0) {
    const more = bad.length > 1 ? ` and ${bad.length - 1} more invalid event(s)` : '';
    throw new EventsLoadError(`invalid published event from ${url}: ${oneLine(bad[0]!)}${more}`);
  }
  return events;
}

// Typed with its schema, so `CollectionEntry<'events'>` is the schema's output, not `any`.
export function eventsLoader(source: EventsSource): Loader & { schema: typeof eventSchema } {
  return {
    name: 'xinghuo-events',
    schema: eventSchema,
    async load({ store, generateDigest, logger }) {
      const started = performance.now();
      const events = await fetchPublishedEvents(source);
      // Replaced whole on every load: an unpublished event must disappear, not linger from the last run.
      store.clear();
      for (const event of events) {
        store.set({ id: event.slug, data: event, digest: generateDigest(event as unknown as Record<string, unknown>) });
      }
      logger.info(`${events.length} published events in ${Math.round(performance.now() - started)} ms`);
    },
  };
}
