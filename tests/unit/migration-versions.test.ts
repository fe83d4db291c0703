// `supabase db push` records each migration by the timestamp before the first underscore, so two
// files with one timestamp collide in supabase_migrations.schema_migrations and the push fails on a
// real project, although our own runner (which keys on the whole name) applies both.
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';

it('every migration has a timestamp of its own', () => {
  const files = readdirSync('supabase/migrations').filter((f) => f.endsWith('.sql'));
  expect(files.length).toBeGreaterThan(20);
  for (const f of files) expect(f).toMatch(/^\d{14}_[a-z0-9_]+\.sql$/);
  const versions = files.map((f) => f.slice(0, 14));
  expect(versions.filter((v, i) => versions.indexOf(v) !== i)).toEqual([]);
});
