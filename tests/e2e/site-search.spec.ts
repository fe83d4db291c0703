import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

test('search finds an article by a Chinese word, loading Pagefind only on search', async ({ page }) => {
  // Take the word from a real article: the label of its scam type, which the schema guarantees.
  await page.goto('/articles/');
  const cards = page.locator('main article');
  let word = '';
  let title = '';
  for (const card of await cards.all()) {
    const type = (await card.locator('p span').first().innerText()).trim();
    if (/^[\u4e00-\u9fff]{2,}$/.test(type)) {
      word = type;
      title = (await card.locator('h3').innerText()).trim();
      break;
    }
  }
  expect(word, 'an article whose type label is plain Chinese').not.toBe('');

  const pagefindRequests: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/pagefind/')) pagefindRequests.push(r.url()); });
  await page.goto('/search/');
  await expectNoAxeViolations(page);
  expect(pagefindRequests, 'nothing loaded before searching').toEqual([]);

  await page.getByLabel(/输入您的问题/).fill(word);
  await page.getByRole('button', { name: '搜索' }).click();
  const status = page.getByRole('status');
  await expect(status).toHaveText(/^找到 \d+ 条/);
  expect(pagefindRequests.some((u) => u.endsWith('/pagefind/pagefind.js'))).toBe(true);
  const results = page.locator('#search-results > li');
  const n = Number(/找到 (\d+) 条/.exec(await status.innerText())![1]);
  await expect(results).toHaveCount(Math.min(n, 30));
  await expect(results.getByRole('link', { name: title })).toHaveAttribute('href', /^\/articles\/[^/]+\/$/);
  await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(word)}$`));
  await expectNoAxeViolations(page);

  // Only content pages are indexed (articles, and events if their pages opt in): never a list,
  // a print view, the search page or the home page.
  for (const href of await results.locator('h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/^\/(articles|events)\/(?!type\/|audience\/|page\/|district\/|past\/)[^/]+\/$/);
  }
});

test('search with no match says so, and a shared ?q= link runs the search', async ({ page }) => {
  await page.goto('/search/?q=' + encodeURIComponent('qzxqzxqzx'));
  await expect(page.getByRole('status')).toHaveText(/没有找到/);
  await expect(page.locator('#search-results > li')).toHaveCount(0);
  await expect(page.getByLabel(/输入您的问题/)).toHaveValue('qzxqzxqzx');
  await expectNoAxeViolations(page);
});

test('without JavaScript the search page explains and offers browsing by type', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/search/');
  await expect(page.getByText('搜索需要浏览器开启 JavaScript')).toBeVisible();
  await page.locator('details[data-filters] summary').click();
  const typeLinks = page.getByRole('navigation', { name: '按骗局类型看' }).locator('a[href*="/type/"]');
  expect(await typeLinks.count()).toBeGreaterThan(0);
  await typeLinks.first().click();
  await expect(page).toHaveURL(/\/articles\/type\/[^/]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await context.close();
});
