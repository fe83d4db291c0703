import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cachedPng } from '../../src/lib/og-cache';

const dir = await mkdtemp(join(tmpdir(), 'xinghuo-og-cache-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

it('draws a card once, reads it back after, and draws again when the design changes', async () => {
  let drawn = 0;
  const draw = (bytes: number[]) => async () => {
    drawn++;
    return new Uint8Array(bytes);
  };
  expect([...(await cachedPng('<svg>a</svg>', draw([1, 2, 3]), dir))]).toEqual([1, 2, 3]);
  expect([...(await cachedPng('<svg>a</svg>', draw([9, 9, 9]), dir))]).toEqual([1, 2, 3]);
  expect(drawn).toBe(1);
  expect([...(await cachedPng('<svg>b</svg>', draw([4, 5]), dir))]).toEqual([4, 5]);
  expect(drawn).toBe(2);
  // Only finished files, named by the SVG's hash: no partial file left behind.
  expect((await readdir(dir)).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.png$/), expect.stringMatching(/^[0-9a-f]{64}\.png$/)]);
});

it('without a cache folder, always draws', async () => {
  let drawn = 0;
  const draw = async () => {
    drawn++;
    return new Uint8Array([7]);
  };
  await cachedPng('<svg>c</svg>', draw, '');
  await cachedPng('<svg>c</svg>', draw, '');
  expect(drawn).toBe(2);
});
