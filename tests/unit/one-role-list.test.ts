// One definition of the volunteer roles (issue #10): the table xinghuo.volunteer_roles, filled by
// the one migration that inserts into it; SQL, TypeScript, scripts and tests get roles from the data
// (coordinators add and rename them). This fails when a role list is written out again anywhere:
//   - a line that pairs a catalogue role's id with its label (an id → label map, a CASE, an enum), or
//   - four or more of the catalogue's ids within eight lines (an id list, a places-per-role object).
// A test or page naming one or two roles as data (places for "volunteer") is fine; prose naming
// 民警 or 律师 is too, as it carries no id.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const migrations = join(root, 'supabase/migrations');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// The migration inserting roles written out as values (the RPCs insert the coordinators' roles from variables).
const definers = readdirSync(migrations).filter((f) => /insert into xinghuo\.volunteer_roles[^;]*values\s*\(\s*'/.test(readFileSync(join(migrations, f), 'utf8')));
const catalogueFile = definers[0]!;
const roles = [...readFileSync(join(migrations, catalogueFile), 'utf8').matchAll(/\(\s*'([a-z][a-z0-9_]*)'\s*,\s*'([^']+)'\s*,\s*\d+\s*\)/g)].map(
  ([, id, label]) => ({ id: id!, label: label!, token: new RegExp(`(?<![A-Za-z0-9_])${id}(?![A-Za-z0-9_])`) }),
);

// Earlier migrations are history (they ran; they cannot be edited): only what comes after counts.
const scanned = [
  ...['src', 'scripts', 'worker', 'bench', 'tests', 'supabase/local'].flatMap((d) => filesUnder(join(root, d))),
  join(root, 'supabase/seed.sql'),
  ...filesUnder(join(root, 'supabase/seed')),
  ...readdirSync(migrations).filter((f) => f > catalogueFile).map((f) => join(migrations, f)),
]
  .filter((f) => /\.(ts|mts|mjs|js|astro|svelte|sql|md)$/.test(f) && f !== import.meta.filename)
  .map((f) => relative(root, f));

function roleLists(file: string): string[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found: string[] = [];
  lines.forEach((line, n) => {
    const paired = roles.filter((r) => r.token.test(line) && line.includes(r.label));
    if (paired.length) found.push(`${file}:${n + 1} pairs ${paired.map((r) => r.id).join(', ')} with its label`);
    const window = lines.slice(n, n + 8).join('\n');
    const ids = roles.filter((r) => r.token.test(window));
    if (ids.length >= 4 && !found.some((f) => f.includes('lists'))) {
      found.push(`${file}:${n + 1} lists ${ids.map((r) => r.id).join(', ')}`);
    }
  });
  return found;
}

describe('one list of volunteer roles', () => {
  it('is defined by exactly one migration, and has roles to look for', () => {
    expect(definers).toEqual([catalogueFile]);
    expect(roles.length).toBeGreaterThanOrEqual(4);
  });

  it('is written out nowhere else', () => {
    const lists = scanned.flatMap(roleLists);
    expect(lists).toEqual([]);
  });

  it('the catalogue migration itself is found by the same rules (they can fail)', () => {
    const found = roleLists(relative(root, join(migrations, catalogueFile)));
    expect(found.filter((f) => f.includes(' pairs '))).toHaveLength(roles.length);
    expect(found.filter((f) => f.includes(' lists '))).toHaveLength(1);
  });
});
