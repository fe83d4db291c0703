// The demo secret and keys that `supabase start` uses, so switching between this stand-in, the
// Supabase CLI stack and a hosted project is one environment variable. Public knowledge: local only.
export const jwtSecret =
  process.env.SUPABASE_JWT_SECRET ?? 'super-secret-jwt-token-with-at-least-32-characters-long';

export const anonKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export const serviceRoleKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

// Password of the `authenticator` login role (platform.sql); the gateway connects as it.
export const authenticatorPassword = 'authenticator-local-only';

// Access tokens live as long as `auth.jwt_expiry` in supabase/config.toml.
export const accessTokenSeconds = 3600;

export const demoPassword = 'xinghuo-demo-2026';
export const demoAccounts = {
  coordinator: 'coordinator@xinghuo.local',
  branchCoordinator: 'branch@xinghuo.local',
  volunteer: 'volunteer@xinghuo.local',
};
