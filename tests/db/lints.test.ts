// Supabase's database linter (splinter) run as our own checks (tests/db/lints.ts) against the schema
// the migrations build. Every finding is either fixed in a migration or accepted below, by name and
// with its reason; an accepted finding that no longer occurs fails too, so the list stays true.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { sql } from './harness';
import { lints } from './lints';

// The schemas the API exposes, from the one place that sets them (supabase/config.toml [api] schemas).
const configToml = readFileSync(new URL('../../supabase/config.toml', import.meta.url), 'utf8');
const apiSchemas = JSON.parse(/^\[api\][^[]*?^schemas\s*=\s*(\[[^\]]*\])/ms.exec(configToml)![1]!) as string[];

interface Accepted {
  /** the finding, or a pattern for a family of findings */
  match: string | RegExp;
  why: string;
}
const matches = (a: Accepted, finding: string) => (typeof a.match === 'string' ? a.match === finding : a.match.test(finding));

// The API (PostgREST) runs these as their owner; each checks its caller inside (coordinator
// functions refuse anyone who is not an active coordinator), which tests/db/*-access.test.ts hold.
const apiFunction = (name: string, who: string): Accepted => ({ match: `public.${name}`, why: `API function for ${who}; checks its caller itself` });
const forAnon = ['cancel_signup', 'event_availability', 'impact_totals', 'published_events', 'recover_signups', 'request_recovery', 'respond_reminder', 'sign_up', 'signup_status', 'verify_signup', 'withdraw_signup',
  'keep_volunteer_record', 'withdraw_volunteer_record', 'my_volunteer_record', 'request_certificate', 'certificate_pdf', 'verify_certificate'];
const forSignedIn = ['coord_add_material_kind', 'coord_add_walk_in', 'coord_cancel_event', 'coord_check_in', 'coord_check_in_by_code', 'coord_clone_event', 'coord_create_series', 'coord_dashboard',
  'coord_dead_messages', 'coord_event_history', 'coord_events', 'coord_get_event', 'coord_held_events', 'coord_import_events', 'coord_material_kinds', 'coord_publish_event', 'coord_restore_material_kind', 'coord_retire_material_kind', 'coord_retire_venue', 'coord_save_event',
  'coord_save_venue', 'coord_unpublish_event', 'coord_venues', 'coord_roles', 'coord_save_role', 'coord_retire_role', 'coord_restore_role',
  'coord_export_roster', 'coord_get_report', 'coord_resend_message', 'coord_reveal_phone', 'coord_roster', 'coord_save_report', 'coord_send_reminders', 'coord_sync_offline', 'coord_undo_check_in',
  'coord_check_out', 'coord_confirm_planned_hours',
  'coord_save_branch', 'coord_retire_branch', 'coord_restore_branch', 'coord_coordinators', 'coord_set_coordinator_scope', 'coord_branches',
  'coord_figures', 'coord_campaigns', 'coord_save_campaign',
  'my_coordinator_profile'];

// The job queue's own schema: installed and upgraded by graphile-worker's migrations (not ours), not
// exposed by the API, no usage for its roles (held below); its functions are called by the worker's
// owner connection and our producers.
const graphileWorker: Accepted = { match: /^graphile_worker\./, why: "graphile-worker's own schema, not exposed by the API" };

const accepted: Record<string, Accepted[]> = {
  '0008_rls_enabled_no_policy': [
    {
      match: /^xinghuo\./,
      why: 'the private schema is not exposed by the API and is deny-all by design: only security-definer functions, running as the owner, read or write it',
    },
    graphileWorker,
  ],
  '0011_function_search_path_mutable': [graphileWorker],
  '0028_anon_security_definer_function_executable': forAnon.map((f) => apiFunction(f, 'the public (the sign-up link works without an account)')),
  // Anyone anon may call, a signed-in user may call as well; the coordinator functions on top.
  '0029_authenticated_security_definer_function_executable': [...forAnon, ...forSignedIn].map((f) => apiFunction(f, 'signed-in users')),
};

describe('splinter lints', () => {
  it('reads the API schemas from supabase/config.toml', () => {
    expect(apiSchemas).toEqual(['public']);
  });

  it("keeps the API's roles out of graphile-worker's schema (why its findings are accepted)", async () => {
    const rows = await sql(`select r as role, has_schema_privilege(r, 'graphile_worker', 'usage') as usage
                            from unnest(array['anon', 'authenticated']) r`);
    expect(rows).toEqual([{ role: 'anon', usage: false }, { role: 'authenticated', usage: false }]);
  });

  for (const lint of lints) {
    it(lint.name, async () => {
      const rows = await sql<{ finding: string }>(lint.sql, lint.sql.includes('$1') ? [apiSchemas] : []);
      const allowed = accepted[lint.name] ?? [];
      expect(rows.map((r) => r.finding).filter((f) => !allowed.some((a) => matches(a, f)))).toEqual([]);
      // An acceptance that no longer matches anything is stale: remove it.
      expect(allowed.filter((a) => !rows.some((r) => matches(a, r.finding))).map((a) => String(a.match))).toEqual([]);
    });
  }
});

// Each check must be able to fail: commit its fault in a scratch schema, inside a transaction that
// is rolled back, and the check must name it.
describe('each lint check finds the fault it is named after', () => {
  for (const lint of lints) {
    it(lint.name, async () => {
      const client = new pg.Client({ connectionString: inject('dbUrl') });
      await client.connect();
      try {
        await client.query('begin');
        await client.query('create schema lint_probe');
        await client.query(lint.probe);
        const { rows } = await client.query<{ finding: string }>(lint.sql, lint.sql.includes('$1') ? [['lint_probe']] : []);
        expect(rows.map((r) => r.finding)).toContain(lint.probeFinding);
      } finally {
        await client.query('rollback').catch(() => {});
        await client.end();
      }
    });
  }
});
