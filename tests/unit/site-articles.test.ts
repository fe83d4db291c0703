import { describe, expect, it } from 'vitest';
import {
  audienceFacets,
  brokenRelated,
  facetsOf,
  byAudience,
  byType,
  pickFeatured,
  relatedOf,
  sortNewestFirst,
  typeFacets,
  withNeighbours,
  type ArticleLike,
} from '../../src/lib/articles';
import { scamTypeIds } from '../../src/lib/taxonomy';

const a = (id: string, date: string, extra: Partial<ArticleLike['data']> = {}): ArticleLike => ({
  id,
  data: { title: id, date: new Date(date), scamType: 'task-rebate', audiences: ['elderly'], ...extra },
});

const list = [
  a('old', '2026-01-01', { scamType: 'pension-scam' }),
  a('mid', '2026-03-01', { audiences: ['students'], featured: true }),
  a('new', '2026-05-01', { audiences: ['everyone'], related: [{ id: 'old' }, { id: 'gone' }, { id: 'new' }, { id: 'old' }] }),
  a('same-day-b', '2026-02-01'),
  a('same-day-a', '2026-02-01'),
];

describe('sortNewestFirst', () => {
  it('orders by date descending and breaks ties by id', () => {
    expect(sortNewestFirst(list).map((x) => x.id)).toEqual(['new', 'mid', 'same-day-a', 'same-day-b', 'old']);
  });
  it('does not mutate its input', () => {
    const before = list.map((x) => x.id);
    sortNewestFirst(list);
    expect(list.map((x) => x.id)).toEqual(before);
  });
});

describe('pickFeatured', () => {
  it('puts featured first, then tops up with the newest', () => {
    expect(pickFeatured(list, 3).map((x) => x.id)).toEqual(['mid', 'new', 'same-day-a']);
  });
  it('never returns more than asked or than exist', () => {
    expect(pickFeatured(list, 99)).toHaveLength(list.length);
    expect(pickFeatured([], 4)).toEqual([]);
  });
});

describe('filters and counts', () => {
  it('filters by type, newest first', () => {
    expect(byType(list, 'task-rebate').map((x) => x.id)).toEqual(['new', 'mid', 'same-day-a', 'same-day-b']);
    expect(byType(list, 'online-loan')).toEqual([]);
  });
  it('lists "everyone" articles under every audience', () => {
    expect(byAudience(list, 'students').map((x) => x.id)).toEqual(['new', 'mid']);
    expect(byAudience(list, 'everyone').map((x) => x.id)).toEqual(['new']);
  });
  it('counts every scam type in taxonomy order, zeros included', () => {
    const facets = typeFacets(list);
    expect(facets.map((f) => f.id)).toEqual(scamTypeIds);
    expect(facets.find((f) => f.id === 'task-rebate')?.count).toBe(4);
    expect(facets.find((f) => f.id === 'pension-scam')).toMatchObject({ count: 1, label: '养老诈骗' });
    expect(facets.find((f) => f.id === 'online-loan')?.count).toBe(0);
  });
  it('counts audiences the same way the audience pages list them', () => {
    const facets = audienceFacets(list);
    for (const f of facets) expect(f.count).toBe(byAudience(list, f.id).length);
    expect(facets.find((f) => f.id === 'elderly')?.count).toBe(4);
  });
});

describe('relatedOf', () => {
  it('keeps the given order, drops unknown ids, duplicates and the article itself', () => {
    const self = list.find((x) => x.id === 'new')!;
    expect(relatedOf(list, self).map((x) => x.id)).toEqual(['old']);
  });
  it('is empty without related', () => {
    expect(relatedOf(list, list[0]!)).toEqual([]);
  });
});

describe('brokenRelated', () => {
  it('names each article and related id that does not exist', () => {
    expect(brokenRelated(list)).toEqual(['new → related: gone']);
  });
  it('is empty when every related id exists', () => {
    expect(brokenRelated(list.filter((x) => x.id !== 'new'))).toEqual([]);
  });
});

describe('withNeighbours', () => {
  it('orders newest first; prev is the next older article, next the next newer one', () => {
    const all = withNeighbours(list);
    expect(all.map((e) => e.article.id)).toEqual(sortNewestFirst(list).map((x) => x.id));
    const by = Object.fromEntries(all.map((e) => [e.article.id, e]));
    expect(by.mid!.prev?.id).toBe('same-day-a');
    expect(by.mid!.next?.id).toBe('new');
    expect(by.new!.next).toBeUndefined();
    expect(by.old!.prev).toBeUndefined();
    expect(by.old!.next?.id).toBe('same-day-b');
  });
});

describe('facetsOf', () => {
  it('returns the same counts as typeFacets/audienceFacets, computed once per list', () => {
    const f = facetsOf(list);
    expect(f.types).toEqual(typeFacets(list));
    expect(f.audiences).toEqual(audienceFacets(list));
    expect(facetsOf(list)).toBe(f);
    expect(facetsOf([...list])).not.toBe(f);
  });
});
