import { defineCollection, reference } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { audienceIds, scamTypeIds } from './lib/taxonomy';
import { districtIds } from './site.config';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.md', base: './src/content/articles' }),
  schema: z.object({
    title: z.string().min(4).max(60),
    summary: z.string().min(10).max(140),
    scamType: z.enum(scamTypeIds),
    audiences: z.array(z.enum(audienceIds)).min(1),
    date: z.coerce.date(),
    related: z.array(reference('articles')).default([]),
    featured: z.boolean().default(false),
  }),
});

// Times carry an explicit offset (e.g. '2026-12-05T09:30:00+08:00') so nothing depends on the build
// machine's zone. Unquoted YAML timestamps arrive as Date (an absolute instant), which is fine too.
const isoWithOffset = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
]);

// Volunteer places per role (ids as in lib/taxonomy volunteerRoles); a role left out has none.
const slotCount = z.number().int().min(0).max(500).default(0);
const slots = z
  .object({
    bank_staff: slotCount,
    police: slotCount,
    street_office: slotCount,
    lawyer: slotCount,
    volunteer: slotCount,
  })
  .strict();

// The end-to-end run adds events dated relative to its own build (scripts/e2e-events.mjs) from a
// git-ignored folder, and leaves out a few demo files (comma-separated paths) so one district has
// none; ids stay the file names either way, as the events sync computes them.
const extraEventsDir = process.env.XINGHUO_EXTRA_EVENTS_DIR;
const leftOutEvents = (process.env.XINGHUO_LEAVE_OUT_EVENTS ?? '').split(',').filter(Boolean);
const events = defineCollection({
  loader: glob({
    pattern: [
      'src/content/events/**/*.md',
      ...(extraEventsDir ? [`${extraEventsDir}/*.md`] : []),
      ...leftOutEvents.map((path) => `!${path}`),
    ],
    base: '.',
    generateId: ({ entry }) => entry.replace(/^.*\//, '').replace(/\.md$/i, '').toLowerCase(),
  }),
  schema: z
    .object({
      title: z.string().min(4).max(60),
      summary: z.string().min(10).max(140),
      venue: z.string().min(2),
      address: z.string().min(4),
      district: z.enum(districtIds),
      // WGS-84, as a phone's GPS reports it.
      lat: z.number().min(35).max(37.5),
      lng: z.number().min(119).max(121.5),
      start: isoWithOffset,
      end: isoWithOffset,
      audiences: z.array(z.enum(audienceIds)).min(1),
      topics: z.array(z.enum(scamTypeIds)).min(1),
      partners: z.array(z.string()).default([]),
      slots,
      status: z.enum(['scheduled', 'cancelled']).default('scheduled'),
    })
    .refine((e) => e.end > e.start, { message: 'end must be after start', path: ['end'] }),
});

export const collections = { articles, events };
