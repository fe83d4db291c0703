import type { Page } from '@playwright/test';

// Viewports a resident meets the site on: a small phone (320), a common phone (375×667) and a desktop.
export const viewports = [
  { name: '320', width: 320, height: 568 },
  { name: '375', width: 375, height: 667 },
  { name: '1280', width: 1280, height: 800 },
] as const;
export type TextSize = 'normal' | 'large';

/** Opens `path` with the text size a reader chose earlier (stored as the switch stores it). */
export async function openAs(page: Page, path: string, size: TextSize, viewport: { width: number; height: number }) {
  await page.setViewportSize(viewport);
  await page.addInitScript((s) => localStorage.setItem('text-size', s), size);
  await page.goto(path);
}

/** Bottom edge of the first match, in screens (1 = the bottom of the first screen). */
export async function screensDown(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => (el.getBoundingClientRect().bottom + window.scrollY) / window.innerHeight);
}
