// Publishes src/content/events to the database: each event's slug, dates, district, status and
// places per role go to `public.sync_events` (service role, idempotent; events no longer in content
// become 'withdrawn'). Used by the local stack on start, and in CI/production as:
//   SUPABASE_URL=https://<ref>.supabase.co SUPABASE_SERVICE_ROLE_KEY=... node scripts/sync-events.mjs
import './require-node.mjs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const eventsDir = join(root, 'src', 'content', 'events');
const ROLES = ['bank_staff', 'police', 'street_office', 'lawyer', 'volunteer'];
const LOCAL_SERVICE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

function frontmatter(text, file) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) throw new Error(`${file}: no frontmatter`);
  return parse(m[1]) ?? {};
}

// Same id as Astro's glob loader: the frontmatter `slug` if given, else the file name.
function slugOf(data, file) {
  const raw = typeof data.slug === 'string' ? data.slug : basename(file).replace(/\.md$/i, '');
  return raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}

const iso = (v) => (v instanceof Date ? v.toISOString() : v);

/** One content event → the database contract (see supabase/migrations/*_sync_events.sql). */
export function toDbEvent(data, file) {
  const slots = {};
  for (const role of ROLES) slots[role] = data.slots?.[role] ?? 0;
  return {
    slug: slugOf(data, file),
    title: data.title,
    starts_at: iso(data.start),
    ends_at: iso(data.end),
    district: data.district,
    audiences: data.audiences ?? [],
    topics: data.topics ?? [],
    status: data.status ?? 'scheduled',
    lat: data.lat ?? null,
    lng: data.lng ?? null,
    slots,
  };
}

// Demo files the e2e run leaves out (scripts/e2e-env.mjs), as the build does: paths from the root.
const leftOut = new Set((process.env.XINGHUO_LEAVE_OUT_EVENTS ?? '').split(',').filter(Boolean).map((p) => resolve(root, p)));

async function readEventsIn(dir) {
  const files = (await readdir(dir).catch(() => []))
    .filter((f) => f.endsWith('.md') && !leftOut.has(join(dir, f)))
    .sort();
  return Promise.all(
    files.map(async (f) => toDbEvent(frontmatter(await readFile(join(dir, f), 'utf8'), f), f)),
  );
}

/** The content events, plus the e2e run's generated ones when XINGHUO_EXTRA_EVENTS_DIR is set. */
export async function readContentEvents(dir = eventsDir) {
  const extra = process.env.XINGHUO_EXTRA_EVENTS_DIR;
  const lists = await Promise.all([readEventsIn(dir), extra ? readEventsIn(resolve(root, extra)) : []]);
  return lists.flat();
}

/** Sends every content event to `apiUrl`; resolves to the summary sync_events returns. */
export async function syncEvents(apiUrl, { serviceKey = LOCAL_SERVICE_KEY, events, quiet = false } = {}) {
  const payload = events ?? (await readContentEvents());
  const res = await fetch(`${apiUrl.replace(/\/$/, '')}/rest/v1/rpc/sync_events`, {
    method: 'POST',
    headers: { apikey: serviceKey, Authorization: `Bearer ${serviceKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ p_events: payload }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new Error(`sync_events failed (HTTP ${res.status}): ${body?.message ?? ''} ${body?.details ?? ''}`.trim());
  }
  if (!quiet) console.log(`sync_events: ${payload.length} events in content →`, body);
  return body;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = process.env.SUPABASE_URL ?? 'http://127.0.0.1:54321';
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY ?? (process.env.SUPABASE_URL ? undefined : LOCAL_SERVICE_KEY);
  if (!key) {
    console.error('SUPABASE_SERVICE_ROLE_KEY is required when SUPABASE_URL is set.');
    process.exit(2);
  }
  syncEvents(url, { serviceKey: key }).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
