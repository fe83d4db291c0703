// /calendar.ics: every upcoming event (cancelled ones included, so subscribers see the cancellation).
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { splitByTime } from '../lib/events';
import { buildCalendar, icsResponse, toIcsEvent } from '../lib/ics';
import { site } from '../site.config';

export const GET: APIRoute = async ({ site: siteUrl }) => {
  const now = new Date();
  const { upcoming } = splitByTime(await getCollection('events'), now);
  return icsResponse(
    buildCalendar(upcoming.map(toIcsEvent), { name: `${site.name}社区活动`, siteUrl: siteUrl ?? 'https://xinghuo.example.cn', generatedAt: now }),
  );
};
