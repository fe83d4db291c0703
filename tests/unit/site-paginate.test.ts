import { describe, expect, it } from 'vitest';
import { pageHref, pageParam, pageWindow, paginate } from '../../src/lib/paginate';

describe('paginate', () => {
  it('splits into full pages and a remainder', () => {
    const slices = paginate([1, 2, 3, 4, 5], 2);
    expect(slices.map((s) => s.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(slices.map((s) => [s.page, s.pages])).toEqual([[1, 3], [2, 3], [3, 3]]);
  });
  it('gives an empty list one empty page', () => {
    expect(paginate([], 20)).toEqual([{ page: 1, pages: 1, items: [] }]);
  });
  it('does not add an empty page when the list fills pages exactly', () => {
    expect(paginate([1, 2, 3, 4], 2)).toHaveLength(2);
  });
  it('rejects a page size below 1', () => {
    expect(() => paginate([1], 0)).toThrow(RangeError);
  });
});

describe('page addresses', () => {
  it('keeps page 1 at the base address', () => {
    expect(pageHref('/articles/', 1)).toBe('/articles/');
    expect(pageParam(1)).toBeUndefined();
  });
  it('puts later pages under page/n/', () => {
    expect(pageHref('/articles/type/online-loan/', 3)).toBe('/articles/type/online-loan/page/3/');
    expect(pageParam(3)).toBe('page/3');
  });
});

describe('pageWindow', () => {
  it('shows every page when there are few', () => {
    expect(pageWindow(2, 4)).toEqual([1, 2, 3, 4]);
  });
  it('shows first, last and the neighbourhood of the current page with gaps', () => {
    expect(pageWindow(10, 200)).toEqual([1, null, 8, 9, 10, 11, 12, null, 200]);
    expect(pageWindow(1, 200)).toEqual([1, 2, 3, null, 200]);
    expect(pageWindow(200, 200)).toEqual([1, null, 198, 199, 200]);
  });
});
