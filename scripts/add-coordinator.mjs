// Adds (or updates) a coordinator on the LOCAL database: an auth user with a bcrypt password, plus
// the xinghuo.coordinators row. On a real Supabase project, invite the user in the dashboard and
// insert the coordinators row with SQL instead.
//   node scripts/add-coordinator.mjs <email> <password> <display name>
// Connects to DATABASE_URL, or to the `npm start` database (127.0.0.1:54322), which must be running.
import './require-node.mjs';
import pg from 'pg';

const [email, password, ...nameParts] = process.argv.slice(2);
const name = nameParts.join(' ').trim();
if (!email || !password || !name) {
  console.error('Usage: node scripts/add-coordinator.mjs <email> <password> <display name>');
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
    `insert into xinghuo.coordinators (user_id, display_name, active) values ($1, $2, true)
     on conflict (user_id) do update set display_name = excluded.display_name, active = true`,
    [userId, name],
  );
  await client.query('commit');
  console.log(`Coordinator ready: ${email.toLowerCase()} (${name}). Sign in at /coordinator.`);
} catch (e) {
  await client.query('rollback').catch(() => {});
  console.error(`Could not add the coordinator: ${e.message}`);
  process.exitCode = 1;
} finally {
  await client.end();
}
