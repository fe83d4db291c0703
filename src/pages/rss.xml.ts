// RSS feed of the case articles, newest first.
import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getCollection } from 'astro:content';
import { articlePath, sortNewestFirst } from '../lib/articles';
import { scamTypes } from '../lib/taxonomy';
import { site } from '../site.config';

export async function GET(context: APIContext) {
  const articles = sortNewestFirst(await getCollection('articles'));
  return rss({
    title: `${site.fullName}：以案说险`,
    description: site.description,
    site: context.site ?? context.url.origin,
    customData: `<language>zh-cn</language>`,
    items: articles.map((a) => ({
      title: a.data.title,
      description: a.data.summary,
      pubDate: a.data.date,
      link: articlePath(a.id),
      categories: [scamTypes[a.data.scamType]],
    })),
  });
}
