import { expect, type Page } from '@playwright/test';
import { openFilters } from './events-helpers';

// Content changes; tests discover real articles and types from the built pages instead of hard-coding them.

/** A scam-type filter link that leads to at least one article: its path, label and count. */
export async function typeWithArticles(page: Page): Promise<{ href: string; label: string; count: number }> {
  await page.goto('/articles/');
  await openFilters(page);
  const links = page.getByRole('navigation', { name: '按骗局类型看' }).getByRole('link');
  for (const link of await links.all()) {
    const href = (await link.getAttribute('href')) ?? '';
    const m = /^(.+)（(\d+)）$/.exec((await link.innerText()).trim());
    if (href.includes('/type/') && m && Number(m[2]) > 0) return { href, label: m[1]!, count: Number(m[2]) };
  }
  throw new Error('no scam type has any article');
}

/** Path of the first article in the case library. */
export async function firstArticlePath(page: Page): Promise<string> {
  await page.goto('/articles/');
  const href = await page.locator('main article h3 a').first().getAttribute('href');
  expect(href).toMatch(/^\/articles\/[^/]+\/$/);
  return href!;
}

/** The page scrolls sideways if the document is wider than the viewport. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
