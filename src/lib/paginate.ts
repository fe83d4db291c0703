// Long lists are split into numbered static pages (no JavaScript): page 1 lives at the list's own
// address, page n at `<base>page/n/`.

export const PAGE_SIZE = 20;

export interface PageSlice<T> {
  page: number;
  pages: number;
  items: T[];
}

/** Always at least one page, so an empty list still gets its (empty) page. */
export function paginate<T>(items: readonly T[], size = PAGE_SIZE): PageSlice<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('page size must be a positive integer');
  const pages = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pages }, (_, i) => ({ page: i + 1, pages, items: items.slice(i * size, (i + 1) * size) }));
}

/** `/articles/type/x/` + 3 → `/articles/type/x/page/3/`; page 1 is the base itself. */
export function pageHref(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`;
}

/** The rest-parameter value for page n (undefined for page 1), matching pageHref. */
export function pageParam(page: number): string | undefined {
  return page <= 1 ? undefined : `page/${page}`;
}

/** Page numbers to show: first, last and two either side of the current one; null marks a gap. */
export function pageWindow(current: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - current) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}
