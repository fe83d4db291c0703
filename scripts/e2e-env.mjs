// Ports and build environment of the end-to-end run, kept apart from `npm start` (54321/54322/4321)
// and from the database suite (tests/db), so the three never collide; overridable so two runs on
// one machine need not collide either (as the database suite's ports are), and so a test can start
// a second e2e stack beside a running one.
const port = (name, fallback) => Number(process.env[`XINGHUO_E2E_${name}_PORT`] ?? fallback);
// site: the built site (astro preview); dev: astro dev on the same stack, for journeys that check the
// public side right after a workspace change, before any rebuild.
export const e2ePorts = { site: port('SITE', 4399), api: port('API', 54331), db: port('DB', 54332), dev: port('DEV', 4398) };
// The message stand-ins beside the e2e API (viewer, SMTP sink, SMS provider), as npm start's 54324/5/7.
export const e2eMessagePorts = { viewer: e2ePorts.api + 3, smtp: e2ePorts.api + 4, sms: e2ePorts.api + 6 };

// The demo programme has upcoming events in every district, so no district page would show its
// "no upcoming events" state and that state's axe check would never run. The e2e stack unpublishes
// this district's upcoming demo events (scripts/e2e-programme.mjs).
export const e2eEmptyDistrict = 'pingdu';

// Set by `npm test` (scripts/test.mjs) once it has started the e2e stack itself: Playwright then
// reuses that stack (the site was built from its events) instead of starting another.
export const e2eStackStartedFlag = 'XINGHUO_E2E_STACK_STARTED';

// The site is built (and astro dev runs) with these so pages and islands talk to the e2e stack.
export const e2eBuildEnv = {
  PUBLIC_SUPABASE_URL: `http://127.0.0.1:${e2ePorts.api}`,
  PUBLIC_SITE_URL: `http://127.0.0.1:${e2ePorts.site}`,
};
