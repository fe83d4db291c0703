import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { openAs, type TextSize } from './phone-helpers';

// axe on every public template and state this issue touched, in both text sizes, at phone width:
// folded filters open, event page open / cancelled / ended, the notice, help, privacy, search results.
const pages = [
  '/', '/articles/', '/articles/fake-rights-agent-refund-fees/', '/articles/fake-rights-agent-refund-fees/print/',
  '/events/', '/events/e2e-open-soon/', '/events/e2e-cancelled/', '/events/e2e-ended/', '/events/e2e-open-soon/notice/',
  '/events/online/', '/events/e2e-online/', '/events/e2e-online/notice/',
  '/help/', '/privacy/', `/search/?q=${encodeURIComponent('养老金被骗了怎么办')}`,
];

for (const size of ['normal', 'large'] as TextSize[]) {
  test(`axe: 0 violations on every template and state, ${size} text`, async ({ page }) => {
    test.setTimeout(120_000);
    for (const path of pages) {
      await openAs(page, path, size, { width: 375, height: 667 });
      expect(await page.evaluate(() => document.documentElement.dataset.textSize ?? 'normal')).toBe(size);
      const filters = page.locator('details[data-filters]');
      if ((await filters.count()) > 0) await filters.locator('summary').click();
      if (path.startsWith('/search/')) await expect(page.getByRole('status')).toHaveText(/^找到/);
      await test.step(`${path} (${size})`, () => expectNoAxeViolations(page, ['.leaflet-tile-pane']));
    }
  });
}
