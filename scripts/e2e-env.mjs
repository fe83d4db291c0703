import { readdirSync, readFileSync } from 'node:fs';

// Ports and build environment of the end-to-end run, kept apart from `npm start` (54321/54322/4321)
// and from the database suite (tests/db), so the three never collide; overridable so two runs on
// one machine need not collide either (as the database suite's ports are), and so a test can start
// a second e2e stack beside a running one.
const port = (name, fallback) => Number(process.env[`XINGHUO_E2E_${name}_PORT`] ?? fallback);
export const e2ePorts = { site: port('SITE', 4399), api: port('API', 54331), db: port('DB', 54332) };
// The message stand-ins beside the e2e API (viewer, SMTP sink, SMS provider), as npm start's 54324/5/7.
export const e2eMessagePorts = { viewer: e2ePorts.api + 3, smtp: e2ePorts.api + 4, sms: e2ePorts.api + 6 };

// Generated events dated relative to the run (scripts/e2e-events.mjs), read by the build and the sync.
export const e2eEventsDir = 'tests/e2e/generated-events';

// The demo programme has upcoming events in every district, so no district page would show its
// "no upcoming events" state and that state's axe check would never run. The e2e build and sync
// leave out the demo events of this one district (found by their frontmatter, not their names).
export const e2eEmptyDistrict = 'pingdu';
const demoEventsDir = new URL('../src/content/events/', import.meta.url);
const leftOutEvents = readdirSync(demoEventsDir)
  .filter((f) => f.endsWith('.md'))
  .filter((f) => new RegExp(`^district:\\s*${e2eEmptyDistrict}\\s*$`, 'm').test(readFileSync(new URL(f, demoEventsDir), 'utf8')))
  .map((f) => `src/content/events/${f}`); // relative to the project root, as the build and the sync read them

// The site is built with these so its islands talk to the e2e stack.
export const e2eBuildEnv = {
  XINGHUO_EXTRA_EVENTS_DIR: e2eEventsDir,
  XINGHUO_LEAVE_OUT_EVENTS: leftOutEvents.join(','),
  PUBLIC_SUPABASE_URL: `http://127.0.0.1:${e2ePorts.api}`,
  PUBLIC_SITE_URL: `http://127.0.0.1:${e2ePorts.site}`,
};
