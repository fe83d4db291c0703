// The one shape of a published event, as `published_events()` returns it (programme contract), checked
// row by row before anything is rendered. Times become Dates; everything else keeps the RPC's names, so
// the site, the database and the contract use one word for each field.
import { z } from 'astro/zod';
import { districtIds } from '../site.config';
import { audienceIds, eventKindIds, onlineChannelIds, scamTypeIds, type EventKind } from './taxonomy';

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const offlineKindIds = eventKindIds.filter((k) => k !== 'online') as [Exclude<EventKind, 'online'>, ...Exclude<EventKind, 'online'>[]];

const common = {
  // The one key of an event (URL, calendar UID, database): lower-case words joined by hyphens.
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: z.string().min(4).max(60),
  summary: z.string().min(10).max(140),
  description: z.string().max(5000),
  starts_at: instant,
  ends_at: instant,
  audiences: z.array(z.enum(audienceIds)).min(1),
  topics: z.array(z.enum(scamTypeIds)).min(1),
  partners: z.array(z.string()),
  // Roles with places, in the role catalogue's order; labels come from the database, never from here.
  roles: z.array(z.object({ id: z.string().min(1), label: z.string().min(1), slots: z.number().int().min(1).max(1000) })),
  status: z.enum(['scheduled', 'cancelled']),
  cancel_reason: z.string().nullable(),
  series: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  // Grows with every change of the event: the calendar feeds' SEQUENCE.
  revision: z.number().int().min(1),
  updated_at: instant,
};

// Online events have a channel (and maybe a link) and no place; the others have a place and no channel.
// Two shapes, so a page that checks `kind === 'online'` gets the right fields from the type checker.
const onlineEvent = z.object({
  ...common,
  kind: z.literal('online'),
  channel: z.enum(onlineChannelIds),
  online_url: z.url({ protocol: /^https$/ }).nullable(),
  venue: z.null(),
  district: z.null(),
  lat: z.null(),
  lng: z.null(),
});

const placeEvent = z.object({
  ...common,
  kind: z.enum(offlineKindIds),
  channel: z.null(),
  online_url: z.null(),
  venue: z.object({ name: z.string().min(2), address: z.string().min(4) }),
  district: z.enum(districtIds),
  // WGS-84, inside the city bounds the map and the venue book use.
  lat: z.number().min(35).max(37.5),
  lng: z.number().min(119).max(121.5),
});

export const eventSchema = z
  .discriminatedUnion('kind', [onlineEvent, placeEvent])
  .refine((e) => e.ends_at > e.starts_at, { message: 'ends_at must be after starts_at', path: ['ends_at'] });

export type PublishedEvent = z.output<typeof eventSchema>;
