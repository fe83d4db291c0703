// Pure helpers over article entries: ordering, neighbours, grouping and counts.
// They take plain objects so unit tests need no Astro runtime.
import { audiences, scamTypes, type Audience, type ScamType } from './taxonomy';

export interface ArticleLike {
  id: string;
  data: {
    title: string;
    date: Date;
    scamType: ScamType;
    audiences: Audience[];
    featured?: boolean;
    related?: { id: string }[];
  };
}

/** Newest first; equal dates fall back to the id so every build orders them the same way. */
export function sortNewestFirst<T extends ArticleLike>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id),
  );
}

/**
 * Every article with its previous (older) and next (newer) neighbour, from one sort: O(n log n) for
 * the whole site instead of a sort per page, which matters at thousands of articles.
 */
export function withNeighbours<T extends ArticleLike>(list: readonly T[]): { article: T; prev?: T; next?: T }[] {
  const sorted = sortNewestFirst(list);
  return sorted.map((article, i) => {
    const entry: { article: T; prev?: T; next?: T } = { article };
    const older = sorted[i + 1];
    const newer = sorted[i - 1];
    if (older) entry.prev = older;
    if (newer) entry.next = newer;
    return entry;
  });
}

/** Featured articles first (newest first); topped up with the newest others so the home page is never empty. */
export function pickFeatured<T extends ArticleLike>(list: readonly T[], count: number): T[] {
  const sorted = sortNewestFirst(list);
  const featured = sorted.filter((a) => a.data.featured);
  const rest = sorted.filter((a) => !a.data.featured);
  return [...featured, ...rest].slice(0, count);
}

export function byType<T extends ArticleLike>(list: readonly T[], type: ScamType): T[] {
  return sortNewestFirst(list.filter((a) => a.data.scamType === type));
}

/** "everyone" articles are meant for every audience, so they appear under each audience too. */
export function byAudience<T extends ArticleLike>(list: readonly T[], audience: Audience): T[] {
  return sortNewestFirst(
    list.filter((a) => a.data.audiences.includes(audience) || a.data.audiences.includes('everyone')),
  );
}

export interface Facet<Id extends string> {
  id: Id;
  label: string;
  count: number;
}

/** Every scam type with its article count, in taxonomy order (types without articles included, count 0). */
export function typeFacets(list: readonly ArticleLike[]): Facet<ScamType>[] {
  return (Object.keys(scamTypes) as ScamType[]).map((id) => ({
    id,
    label: scamTypes[id],
    count: list.filter((a) => a.data.scamType === id).length,
  }));
}

export function audienceFacets(list: readonly ArticleLike[]): Facet<Audience>[] {
  return (Object.keys(audiences) as Audience[]).map((id) => ({
    id,
    label: audiences[id],
    // Same rule as byAudience, counted without sorting.
    count: list.filter((a) => a.data.audiences.includes(id) || a.data.audiences.includes('everyone')).length,
  }));
}

const facetCache = new WeakMap<readonly ArticleLike[], { types: Facet<ScamType>[]; audiences: Facet<Audience>[] }>();

/**
 * Both facet lists, computed once per article list: every list page shows them, and at thousands of
 * articles recounting on each of hundreds of pages is a measurable share of the build.
 */
export function facetsOf(list: readonly ArticleLike[]): { types: Facet<ScamType>[]; audiences: Facet<Audience>[] } {
  let hit = facetCache.get(list);
  if (!hit) {
    hit = { types: typeFacets(list), audiences: audienceFacets(list) };
    facetCache.set(list, hit);
  }
  return hit;
}

/** Related articles named in frontmatter, in the order given; unknown ids and the article itself dropped. */
export function relatedOf<T extends ArticleLike>(list: readonly T[], article: T): T[] {
  const ids = (article.data.related ?? []).map((r) => r.id);
  return ids
    .filter((id, i) => id !== article.id && ids.indexOf(id) === i)
    .map((id) => list.find((a) => a.id === id))
    .filter((a): a is T => a !== undefined);
}

/**
 * `related` entries naming no existing article. Astro's reference() does not check ids for
 * loader-based collections, so the article page fails the build with this list instead.
 */
export function brokenRelated(list: readonly ArticleLike[]): string[] {
  const ids = new Set(list.map((a) => a.id));
  return list.flatMap((a) =>
    (a.data.related ?? []).filter((r) => !ids.has(r.id)).map((r) => `${a.id} → related: ${r.id}`),
  );
}

export const articlePath = (id: string): string => `/articles/${id}/`;
export const printPath = (id: string): string => `/articles/${id}/print/`;
export const ogImagePath = (id: string): string => `/og/articles/${id}.png`;
export const typePath = (id: ScamType): string => `/articles/type/${id}/`;
export const audiencePath = (id: Audience): string => `/articles/audience/${id}/`;
