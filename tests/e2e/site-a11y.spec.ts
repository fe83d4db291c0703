import { expect, test, type Page } from '@playwright/test';
import { openFilters } from './events-helpers';
import { expectNoAxeViolations } from './axe';
import { firstArticlePath, horizontalOverflow, typeWithArticles } from './site-helpers';

const rootFontPx = (page: Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

test('axe: 0 violations on every public template', async ({ page }) => {
  const article = await firstArticlePath(page);
  const type = await typeWithArticles(page);
  const pages = ['/', '/articles/', type.href, '/articles/audience/elderly/', article, `${article}print/`, '/search/', '/no-such-page/'];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }), path).toBeVisible();
    await test.step(path, () => expectNoAxeViolations(page));
  }
});

test('axe: 0 violations with large text on', async ({ page }) => {
  const article = await firstArticlePath(page);
  await page.getByRole('button', { name: '大字模式' }).click();
  for (const path of ['/', article]) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
    await test.step(path, () => expectNoAxeViolations(page));
  }
});

test('404 page answers with status 404 and a way back', async ({ page }) => {
  const res = await page.goto('/no-such-page/');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('没有找到这个页面');
  await expect(page.getByRole('main').getByRole('link', { name: '回到首页' })).toHaveAttribute('href', '/');
});

test('base text is at least 18px', async ({ page }) => {
  await page.goto(await firstArticlePath(page));
  expect(await rootFontPx(page)).toBe(18);
  const bodyText = await page.locator('.prose-zh p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(bodyText).toBeGreaterThanOrEqual(18);
});

test('large-text switch changes the font size, persists across pages and reloads, and turns off', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: '大字模式' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  const h1Before = await page.locator('h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  expect(await rootFontPx(page)).toBe(18);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await rootFontPx(page)).toBeGreaterThanOrEqual(22);
  const h1After = await page.locator('h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  expect(h1After).toBeGreaterThan(h1Before);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '以案说险' }).click();
  await expect(page).toHaveURL(/\/articles\/$/);
  expect(await rootFontPx(page)).toBeGreaterThanOrEqual(22);
  await expect(page.getByRole('button', { name: '大字模式' })).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  expect(await rootFontPx(page)).toBeGreaterThanOrEqual(22);

  await page.getByRole('button', { name: '大字模式' }).click();
  expect(await rootFontPx(page)).toBe(18);
  await page.goto('/search/');
  expect(await rootFontPx(page)).toBe(18);
  await expect(page.getByRole('button', { name: '大字模式' })).toHaveAttribute('aria-pressed', 'false');
});

test('keyboard: the first Tab shows the skip link, which moves focus to the main content', async ({ page }) => {
  await page.goto('/articles/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  // The next Tab continues inside main, not back at the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});

test('no horizontal scrolling at 320px wide, in normal and large text', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const article = await firstArticlePath(page);
  const type = await typeWithArticles(page);
  const paths = ['/', '/articles/', type.href, article, `${article}print/`, '/search/', '/no-such-page/'];
  for (const large of [false, true]) {
    if (large) await page.getByRole('button', { name: '大字模式' }).click();
    for (const path of paths) {
      await page.goto(path);
      expect(await horizontalOverflow(page), `${path} large=${large}`).toBeLessThanOrEqual(0);
    }
  }
});

test('touch targets in header, hotline bar and filters are at least 44px tall', async ({ page }) => {
  await page.goto('/articles/');
  await openFilters(page);
  const targets = page.locator('header a, header button, aside[aria-label="求助热线"] a:visible, main summary, main nav a');
  expect(await targets.count()).toBeGreaterThan(5);
  for (const t of await targets.all()) {
    const box = await t.boundingBox();
    expect(box!.height, await t.innerText()).toBeGreaterThanOrEqual(44);
  }
});
