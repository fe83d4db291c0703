import { defineCollection, reference } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { audienceIds, scamTypeIds } from './lib/taxonomy';
import { supabaseAnonKey, supabaseUrl } from './lib/db/config';
import { eventsLoader } from './lib/events-loader';

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

// Events live in Supabase: the build reads every published one through the anonymous RPC
// (lib/events-loader, schema in lib/event-schema). PUBLIC_SUPABASE_URL picks the project.
const events = defineCollection({
  loader: eventsLoader({ url: supabaseUrl, anonKey: supabaseAnonKey, allowEmpty: process.env.XINGHUO_ALLOW_EMPTY_PROGRAMME === '1' }),
});

export const collections = { articles, events };
