// Dead code that keeps its tests looks alive: a function in src/lib that no site code imports is
// tested, reviewed and kept in step with the SQL for nothing. Every exported function of src/lib must
// be imported by name somewhere in the product: src/, the message worker (worker/), the local stack
// (supabase/local/) or astro.config.mjs (or called inside its own module). Tests do not count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const sources = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'worker')), ...filesUnder(join(root, 'supabase/local')), join(root, 'astro.config.mjs')].filter((f) =>
  /\.(ts|mts|mjs|astro|svelte)$/.test(f),
);
const text = new Map(sources.map((f) => [f, readFileSync(f, 'utf8')]));

/** The module file an import specifier points at, if it is one of ours. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((f) => text.has(f));
}

/** module file → names other files import from it. */
function importedNames(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const importRe = /import\s+(?:type\s+)?(?:\w+\s*,\s*)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;
  // Lazy imports: `const { a } = await import('./x')` and `import('./x').then(({ a }) => …)`.
  const awaitImportRe = /\{([^}]*)\}\s*=\s*await\s+import\(\s*['"]([^'"]+)['"]\s*\)/g;
  const thenImportRe = /import\(\s*['"]([^'"]+)['"]\s*\)\s*\.then\(\s*(?:async\s*)?\(\s*\{([^}]*)\}/g;
  for (const [file, src] of text) {
    const found = [
      ...[...src.matchAll(importRe), ...src.matchAll(awaitImportRe)].map(([, names, spec]) => [names, spec]),
      ...[...src.matchAll(thenImportRe)].map(([, spec, names]) => [names, spec]),
    ];
    for (const [names, spec] of found) {
      const target = resolveImport(file, spec!);
      if (!target) continue;
      const set = out.get(target) ?? new Set<string>();
      for (const n of names!.split(',')) {
        const name = n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim();
        if (name) set.add(name);
      }
      out.set(target, set);
    }
  }
  return out;
}

describe('src/lib has no dead functions', () => {
  it('every exported function is imported by product code or used in its own module', () => {
    const imported = importedNames();
    const libModules = [...text.keys()].filter((f) => f.startsWith(join(root, 'src/lib/')) && f.endsWith('.ts'));
    expect(libModules.length).toBeGreaterThan(5);
    const dead: string[] = [];
    for (const file of libModules) {
      const src = text.get(file)!;
      for (const [, name] of src.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)) {
        const usesInside = src.match(new RegExp(`\\b${name}\\b`, 'g'))!.length > 1;
        if (!usesInside && !imported.get(file)?.has(name!)) dead.push(`${file.slice(root.length + 1)}: ${name}`);
      }
    }
    expect(dead).toEqual([]);
  });
});
