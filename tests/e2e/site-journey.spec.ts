import { expect, test } from '@playwright/test';
import { openFilters } from './events-helpers';

// The public reader's path: home → case library → one scam type → an article → its printable leaflet.
test('home → library → filter by type → article → print view', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /停一停、查一查、报一报/ })).toBeVisible();
  for (const n of ['96110', '110', '12378']) {
    await expect(page.getByRole('complementary', { name: '求助热线' }).getByRole('link', { name: new RegExp(`^${n}\\D`) })).toHaveAttribute('href', `tel:${n}`);
  }
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '以案说险' }).click();
  await expect(page).toHaveURL(/\/articles\/$/);
  // The list is paged 20 at a time; the heading gives the total.
  const total = Number(/共 (\d+) 篇/.exec(await page.getByRole('heading', { name: /^共 \d+ 篇$/ }).innerText())![1]);
  expect(total).toBeGreaterThanOrEqual(1);
  await expect(page.locator('main article')).toHaveCount(Math.min(total, 20));
  await openFilters(page);
  await expect(page.getByRole('link', { name: `全部（${total}）` })).toHaveAttribute('aria-current', 'page');

  // Pick the first type that has articles, as the reader would.
  const typeNav = page.getByRole('navigation', { name: '按骗局类型看' });
  const typeLink = typeNav.locator('a[href*="/type/"]').filter({ hasNotText: '（0）' }).first();
  const text = (await typeLink.innerText()).trim();
  const [, label = '', count = '0'] = /^(.+)（(\d+)）$/.exec(text) ?? [];
  expect(label).not.toBe('');
  await typeLink.click();
  await expect(page).toHaveURL(/\/articles\/type\/[^/]+\/$/);
  await openFilters(page);
  await expect(typeNav.getByRole('link', { name: text })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('[aria-current="page"]', { hasText: '全部' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: `共 ${count} 篇` })).toBeVisible();
  const cards = page.locator('main article');
  await expect(cards).toHaveCount(Math.min(Number(count), 20));
  for (const card of await cards.all()) await expect(card).toContainText(label);

  const typePath = new URL(page.url()).pathname;
  const firstTitle = (await cards.first().getByRole('link').innerText()).trim();
  await cards.first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstTitle);
  const articleUrl = page.url();
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', firstTitle);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', /^https?:\/\/.+\/articles\/[^/]+\/$/);
  expect((await page.locator('meta[property="og:description"]').getAttribute('content'))!.length).toBeGreaterThan(9);
  // The type tag leads back to the filtered list we came from.
  await expect(page.locator('main header').getByRole('link', { name: label, exact: true })).toHaveAttribute('href', typePath);
  await expect(page.getByRole('heading', { name: '遇到可疑情况，请拨打' })).toBeVisible();

  await page.getByRole('link', { name: /打印版/ }).click();
  await expect(page).toHaveURL(/\/articles\/[^/]+\/print\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstTitle);
  const qr = page.locator('[data-qr] svg');
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute('role', 'img');
  expect(await qr.locator('path').count()).toBeGreaterThan(0);
  // The QR points at the online article: its absolute URL is printed under it.
  const slugPath = new URL(articleUrl).pathname;
  await expect(page.locator('[data-qr] figcaption')).toContainText(slugPath);
  for (const n of ['96110', '110', '12378']) await expect(page.locator('main')).toContainText(n);
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible();

  // On paper: no toolbar, no site header or hotline bar, just the leaflet.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  await expect(page.getByRole('link', { name: '返回网页版' })).toBeHidden();
  await expect(qr).toBeVisible();
});

test('article page: related cases, previous/next, read-aloud, and no external scripts', async ({ page }) => {
  await page.goto('/articles/');
  // An article in the middle of the list has both neighbours.
  const links = page.locator('main article h3 a');
  expect(await links.count()).toBeGreaterThanOrEqual(3);
  await links.nth(1).click();
  const nav = page.getByRole('navigation', { name: '上一篇和下一篇' });
  await expect(nav.locator('a[rel="prev"]')).toHaveCount(1);
  await expect(nav.locator('a[rel="next"]')).toHaveCount(1);
  const nextTitle = (await nav.locator('a[rel="next"]').innerText()).trim();
  await nav.locator('a[rel="next"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(nextTitle);
  await expect(page.locator('script[src]')).toHaveCount(0);

  // Chromium has speechSynthesis, so the button shows and toggles its visible label.
  const speak = page.getByRole('button', { name: '开始朗读' });
  await expect(speak).toBeVisible();
  await speak.click();
  await expect(page.getByRole('button', { name: '停止朗读' })).toBeVisible();
  await page.getByRole('button', { name: '停止朗读' }).click();
  await expect(page.getByRole('button', { name: '开始朗读' })).toBeVisible();
});

test('read-aloud button stays hidden where speech is not supported', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error simulate a browser without the Web Speech API
    delete window.speechSynthesis;
    Object.defineProperty(window, 'speechSynthesis', { value: undefined });
  });
  await page.goto('/articles/');
  await page.locator('main article h3 a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[data-read-aloud]')).toBeHidden();
});

test('related articles listed on an article link to real articles', async ({ page, request }) => {
  await page.goto('/articles/');
  const hrefs = await page.locator('main article h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  let checked = 0;
  for (const href of hrefs) {
    await page.goto(href);
    const related = page.getByRole('region', { name: '相关案例' }).locator('h3 a');
    for (const r of await related.all()) {
      const res = await request.get((await r.getAttribute('href'))!);
      expect(res.status()).toBe(200);
      checked++;
    }
    if (checked >= 3) break;
  }
  expect(checked).toBeGreaterThan(0);
});

test('RSS lists every article with an absolute link that resolves', async ({ page, request }) => {
  await page.goto('/articles/');
  const total = Number(/共 (\d+) 篇/.exec(await page.getByRole('heading', { name: /^共 \d+ 篇$/ }).innerText())![1]);
  const res = await request.get('/rss.xml');
  expect(res.status()).toBe(200);
  const xml = await res.text();
  const links = [...xml.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => m[1]!);
  expect(links).toHaveLength(total);
  const first = new URL(links[0]!);
  expect(first.pathname).toMatch(/^\/articles\/[^/]+\/$/);
  expect((await request.get(first.pathname)).status()).toBe(200);
});
