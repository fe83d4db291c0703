// /og/articles/<slug>.png: each article's link preview picture, made at build time (src/lib/og-image.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { ogImagePng } from '../../../lib/og-image';
import { scamTypes } from '../../../lib/taxonomy';

export const getStaticPaths = (async () =>
  (await getCollection('articles')).map((a) => ({ params: { slug: a.id }, props: { title: a.data.title, kind: scamTypes[a.data.scamType] } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(Buffer.from(await ogImagePng(props as { title: string; kind: string })), { headers: { 'Content-Type': 'image/png' } });
