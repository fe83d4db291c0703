// /events/<slug>.ics: one event, for the "加入日历" button (past events too, so old links keep working).
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildCalendar, icsResponse, toIcsEvent } from '../../lib/ics';
import { site } from '../../site.config';

export const getStaticPaths = (async () =>
  (await getCollection('events')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site: siteUrl }) => {
  const { entry } = props as { entry: CollectionEntry<'events'> };
  return icsResponse(
    buildCalendar([toIcsEvent(entry)], { name: `${site.name}：${entry.data.title}`, siteUrl: siteUrl ?? 'https://xinghuo.example.cn', generatedAt: new Date() }),
  );
};
