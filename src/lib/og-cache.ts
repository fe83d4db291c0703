// og:images are the costliest part of a build (≈ 50 ms of CPU each, against ≈ 4 ms a page), and a
// rebuild after an event change would draw every article's card again. Each PNG is kept under the
// SHA-256 of a description of everything it shows (layout, texts, colours, size, font: its caller
// builds it), in Astro's cacheDir (astro.config.mjs passes the folder), so a changed title, type or
// design draws anew and everything else is read back. A cold build (no
// cacheDir, as bench/build-speed.mjs makes) still draws them all.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const ogCacheEnv = 'XINGHUO_OG_CACHE_DIR';

/** The PNG for `design` from the cache folder, else `draw()`'s, stored for next time. */
export async function cachedPng(design: string, draw: () => Promise<Uint8Array>, dir = process.env[ogCacheEnv]): Promise<Uint8Array> {
  if (!dir) return draw();
  const file = join(dir, `${createHash('sha256').update(design).digest('hex')}.png`);
  const kept = await readFile(file).catch(() => undefined);
  if (kept) return kept;
  const png = await draw();
  await mkdir(dir, { recursive: true });
  // Written aside and renamed, so a build stopped mid-write never leaves half a PNG to be read back.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, png);
  await rename(partial, file);
  return png;
}
