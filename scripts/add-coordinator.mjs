// Adds (or updates) a coordinator on the LOCAL database: an auth user with a bcrypt password, plus
// the xinghuo.coordinators row. On a real Supabase project, invite the user in the dashboard and
// insert the coordinators row with SQL instead.
//   node scripts/add-coordinator.mjs [--branch <branch id>] <email> <password> <display name>
// Without --branch the coordinator is a team lead (runs every branch); with it, only that 支行.
// Connects to DATABASE_URL, or to the `npm start` database (127.0.0.1:54322), which must be running.
import './require-node.mjs';
import pg from 'pg';

const args = process.argv.slice(2);
const branchFlag = args.indexOf('--branch');
const branchId = branchFlag >= 0 ? args.splice(branchFlag, 2)[1] : null;
const [email, password, ...nameParts] = args;
const name = nameParts.join(' ').trim();
if (!email || !password || !name || (branchFlag >= 0 && !branchId)) {
  console.error('Usage: node scripts/add-coordinator.mjs [--branch <branch id>] <email> <password> <display name>');
  process.exit(2);
}
if (!/^[^@\s]+@[^@\s]+$/.test(email) || password.length < 8) {
  console.error('Give a valid email and a password of at least 8 characters.');
  process.exit(2);
}

const url = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:54322/postgres';
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
} catch (e) {
  console.error(`Cannot reach the database at ${url.replace(/:[^:@/]+@/, ':***@')} (is \`npm start\` running?): ${e.message}`);
  process.exit(1);
}
try {
  await client.query('begin');
  const { rows } = await client.query(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       confirmation_token, recovery_token, email_change_token_new, email_change,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', lower($1),
       extensions.crypt($2, extensions.gen_salt('bf', 10)), now(), '', '', '', '',
       '{"provider":"email","providers":["email"]}', jsonb_build_object('display_name', $3::text), now(), now())
     on conflict (email) where is_sso_user = false
     do update set encrypted_password = excluded.encrypted_password, updated_at = now()
     returning id`,
    [email, password, name],
  );
  const userId = rows[0].id;
  await client.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
     values ($1::text, $1::uuid, jsonb_build_object('sub', $1::text, 'email', lower($2), 'email_verified', true), 'email', now(), now())
     on conflict (provider_id, provider) do nothing`,
    [userId, email],
  );
  await client.query(
    `insert into xinghuo.coordinators (user_id, display_name, active, branch_id, team_lead)
     values ($1, $2, true, $3::text, $3::text is null)
     on conflict (user_id) do update set display_name = excluded.display_name, active = true,
       branch_id = excluded.branch_id, team_lead = excluded.team_lead`,
    [userId, name, branchId],
  );
  await client.query('commit');
  const scope = branchId ? `branch ${branchId} only` : 'team lead, every branch';
  console.log(`Coordinator ready: ${email.toLowerCase()} (${name}, ${scope}). Sign in at /coordinator.`);
} catch (e) {
  await client.query('rollback').catch(() => {});
  console.error(`Could not add the coordinator: ${e.message}`);
  process.exitCode = 1;
} finally {
  await client.end();
}
