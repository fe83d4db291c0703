// The coordinator's events table on a 375 px phone, in normal and large text: every date stays on
// one line (it used to break one character per line), nothing scrolls sideways, an event starting
// tomorrow is marked 明天, and one in the next 48 hours short of people says which role lacks whom.
import { expect, test, type Page } from '@playwright/test';
import { apiToken, rpc, signInUi } from './coordinator-helpers';
import { expectAxeBothSizes, press, shanghaiLocal } from './programme-helpers';

test.use({ viewport: { width: 375, height: 800 } });
// Long journeys with an axe run in two text sizes at every state: slower than the default minute on 2 shared cores.
test.describe.configure({ timeout: 240_000 });

/** For each row, how many lines the start date ("2026/12/05") takes on screen. */
async function dateLineCounts(page: Page): Promise<number[]> {
  return page.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const m = /\d{4}\/\d{2}\/\d{2}/.exec(n.textContent ?? '');
        if (!m) continue;
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }
      return -1;
    }),
  );
}

test('events table: 明天 marker and the short-of-people warning for an event in the next 48 hours', async ({ page, request }) => {
  const token = await apiToken(request);
  const role = (await rpc<{ id: string; label: string; retired_at: string | null }[]>(request, 'coord_roles', {}, token)).body.find((r) => !r.retired_at)!;
  const venue = (await rpc<{ id: number; retired_at: string | null }[]>(request, 'coord_venues', {}, token)).body.find((v) => !v.retired_at)!;
  const title = `明日缺人测试${Date.now() % 100000}`;
  const saved = await rpc<{ id: number }>(request, 'coord_save_event', {
    p_event: {
      title, summary: '明天上午的社区讲座，检查缺人提醒', kind: 'community', venue_id: venue.id,
      starts_at: `${shanghaiLocal(1, 10)}:00+08:00`, ends_at: `${shanghaiLocal(1, 11)}:00+08:00`,
      audiences: ['elderly'], topics: ['fake-officials'], roles: { [role.id]: 3 },
    },
  }, token);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);

  await signInUi(page);
  await expect(page.getByRole('heading', { name: '活动与报名' })).toBeVisible();
  const row = page.locator(`tr[data-event-id="${saved.body.id}"]`);
  await expect(row.locator('[data-day-marker]')).toHaveText('明天');
  await expect(row).toContainText(`还缺人：${role.label}缺 3 人`);
  await expect(page.getByRole('note')).toContainText(title);

  await expectAxeBothSizes(page);
});

test('events table: every date on one line and no sideways scroll, in normal and large text', async ({ page }) => {
  await signInUi(page);
  await expect(page.getByRole('heading', { name: '活动与报名' })).toBeVisible();
  await expect(page.locator('tbody tr').first()).toBeVisible();
  for (const size of ['normal', 'large']) {
    if (size === 'large') await press(page.locator('[data-text-size-toggle]'));
    const lines = await dateLineCounts(page);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((n) => n === 1), `${size}: lines per date ${lines.join(',')}`).toBe(true);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), size).toBeLessThanOrEqual(375);
  }
});
