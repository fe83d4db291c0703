// /calendar/<district>.ics: upcoming events of one district, for people who only go near home.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { byDistrict, splitByTime } from '../../lib/events';
import { buildCalendar, icsResponse, toIcsEvent } from '../../lib/ics';
import { site } from '../../site.config';

export const getStaticPaths = (() => site.districts.map((d) => ({ params: { district: d.id }, props: { name: d.name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, props, site: siteUrl }) => {
  const now = new Date();
  const { upcoming } = splitByTime(await getCollection('events'), now);
  return icsResponse(
    buildCalendar(byDistrict(upcoming, params.district!).map(toIcsEvent), {
      name: `${site.name}社区活动·${(props as { name: string }).name}`,
      siteUrl: siteUrl ?? 'https://xinghuo.example.cn',
      generatedAt: now,
    }),
  );
};
