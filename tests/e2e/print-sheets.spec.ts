import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

// Printed as the browser prints them (page.pdf, A4 from the page's @page rule): every article
// leaflet is one sheet (one side, or front and back) with the numbers and the QR code on the first
// side; an event notice is one page.
const mm = 96 / 25.4;
// A4 minus PrintLayout's @page margins (14mm sides, 14mm top, 12mm bottom), in CSS px.
const content = { width: Math.floor((210 - 28) * mm), height: Math.floor((297 - 26) * mm) };

async function pdfPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  return pdf.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

/** Bottom of an element on paper, laid out at the printed width with print styles. */
async function printedBottom(page: Page, selector: string): Promise<number> {
  await page.setViewportSize({ width: content.width, height: content.height });
  await page.emulateMedia({ media: 'print' });
  const bottom = await page.locator(selector).evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
  await page.emulateMedia({ media: null });
  return bottom;
}

test('every article leaflet prints on one sheet, numbers and QR on the first side', async ({ page }) => {
  const rss = await (await page.request.get('/rss.xml')).text();
  const articles = [...rss.matchAll(/<link>(https?:\/\/[^<]+\/articles\/[^<]+\/)<\/link>/g)].map((m) => new URL(m[1]!).pathname);
  expect(articles.length).toBeGreaterThan(10);
  const counts: Record<string, number> = {};
  for (const path of articles) {
    await page.goto(`${path}print/`);
    counts[path] = await pdfPages(page);
    expect(await printedBottom(page, '.call-panel'), `${path}: call panel on the first side`).toBeLessThan(content.height);
    await expect(page.locator('.call-panel a[href="tel:96110"]')).toBeVisible();
  }
  for (const [path, n] of Object.entries(counts)) expect(n, `${path} pages`).toBeGreaterThanOrEqual(1);
  for (const [path, n] of Object.entries(counts)) expect(n, `${path} pages`).toBeLessThanOrEqual(2);
  await expectNoAxeViolations(page);
});

test('an upcoming event has a one-page A4 notice: time, place, who, no registration, QR to the event', async ({ page }) => {
  await page.goto('/events/e2e-open-soon/');
  await page.locator('[data-event-notice]').click();
  await expect(page).toHaveURL(/\/events\/e2e-open-soon\/notice\/$/);
  const notice = page.locator('.event-notice');
  for (const s of ['时间', '地点', '欢迎', '居民无需报名，直接到场']) await expect(notice).toContainText(s);
  await expect(page.locator('[data-qr] figcaption')).toContainText('/events/e2e-open-soon/');
  const big = await page.locator('.notice-facts dd').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(big).toBeGreaterThanOrEqual(24);
  expect(await pdfPages(page)).toBe(1);
  await expectNoAxeViolations(page);
});
