import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

// What the issue found missing for residents, each checked on the built site.

test('a question finds the right article; results say 文章 or 活动 and mark past events', async ({ page }) => {
  const questions: [string, RegExp][] = [
    ['养老金被骗了怎么办', /\/articles\/(pension-house-mortgage-trap|health-products-investment-trap)\/$/],
    ['有人打电话说我涉嫌洗钱', /\/articles\/safe-account-video-call-scam\/$/],
    ['客服说给我退款让我共享屏幕', /\/articles\/fake-customer-service-refund\/$/],
    ['征信能花钱修复吗', /\/articles\/credit-report-repair-scam\/$/],
    ['炒股老师带我赚钱靠谱吗', /\/articles\/fake-investment-app-mentor\/$/],
  ];
  for (const [q, article] of questions) {
    await page.goto(`/search/?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole('status')).toHaveText(/^找到 \d+ 条/);
    const first = page.locator('#search-results > li').first();
    await expect(first.locator('h3 a'), q).toHaveAttribute('href', article);
    await expect(first).toHaveAttribute('data-result-kind', '文章');
  }
  // A word that hits both kinds: every result is labelled, and ended events carry "已结束".
  await page.goto(`/search/?q=${encodeURIComponent('养老')}`);
  await expect(page.getByRole('status')).toHaveText(/^找到 \d+ 条/);
  const kinds = await page.locator('#search-results > li').evaluateAll((ls) => ls.map((l) => (l as HTMLElement).dataset.resultKind));
  expect(kinds).toContain('文章');
  expect(kinds).toContain('活动');
  expect(kinds.every((k) => k === '文章' || k === '活动')).toBe(true);
  await expect(page.locator('#search-results [data-result-state="已结束"]').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a cancelled event: marked in the list, not counted or mapped, no calendar or navigation on its page', async ({ page }) => {
  await page.goto('/events/');
  const card = page.locator('[data-event-card="e2e-cancelled"]');
  await expect(card).toContainText('本场活动已取消');
  const open = page.locator('[data-event-card="e2e-open-soon"]');
  const look = (l: typeof card) => l.evaluate((el) => { const s = getComputedStyle(el); return `${s.backgroundColor} ${s.borderStyle}`; });
  expect(await look(card)).not.toBe(await look(open));
  const listed = await page.locator('[data-event-card]').count();
  const cancelled = await page.locator('[data-event-card][data-event-state="cancelled"]').count();
  expect(cancelled).toBeGreaterThan(0);
  await page.locator('details[data-filters] summary').click();
  await expect(page.getByRole('link', { name: /^即将举行（/ })).toHaveText(`即将举行（${listed - cancelled}）`);
  // Online events are listed (marked 线上) but have no place, so no pin either.
  const online = await page.locator('[data-event-card]:not([data-event-state="cancelled"]) [data-event-place="online"]').count();
  expect(online).toBeGreaterThan(0);
  await expect(page.locator('[data-event-card="e2e-online"] [data-event-place]')).toHaveText(/^线上 · /);
  const points = JSON.parse((await page.locator('[data-events-map]').getAttribute('data-points'))!) as { url: string }[];
  expect(points.map((p) => p.url)).not.toContain('/events/e2e-cancelled/');
  expect(points.map((p) => p.url)).not.toContain('/events/e2e-online/');
  expect(points).toHaveLength(listed - cancelled - online);

  for (const slug of ['e2e-cancelled', 'e2e-ended']) {
    await page.goto(`/events/${slug}/`);
    await expect(page.locator('[data-event-banner]')).toBeVisible();
    await expect(page.locator('main a[href$=".ics"], main a[href^="webcal:"], main a[href^="geo:"], main a[href*="amap.com"]')).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText('居民无需报名');
    expect((await page.request.get(`/events/${slug}/notice/`)).status()).toBe(404);
  }
});

test('article: numbers in the text are tap-to-call, share actions, og:image is a real 1200×630 PNG', async ({ page }) => {
  await page.goto('/articles/fake-rights-agent-refund-fees/');
  await expect(page.locator('.prose-zh a[href="tel:12348"]')).toHaveText('12348');
  await expect(page.getByRole('button', { name: '复制链接' })).toBeVisible();
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(image).toMatch(/^https?:\/\/.+\/og\/articles\/fake-rights-agent-refund-fees\.png$/);
  const res = await page.request.get(new URL(image!).pathname);
  expect(res.headers()['content-type']).toBe('image/png');
  const png = await res.body();
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  expect(png.length).toBeGreaterThan(20_000); // drawn text, not an empty canvas
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: '复制链接' }).click();
  await expect(page.locator('[data-share-status]')).toHaveText(/已复制/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.locator('link[rel="canonical"]').getAttribute('href'));
});

test('calendar subscription is a webcal: link with a copyable https address and steps per phone', async ({ page }) => {
  await page.goto('/events/');
  const box = page.locator('[data-calendar-subscribe]');
  const webcal = await box.locator('a[data-webcal]').getAttribute('href');
  expect(webcal).toMatch(/^webcal:\/\/.+\/calendar\.ics$/);
  const https = await box.locator('[data-calendar-url]').inputValue();
  expect(https.replace(/^https?:/, 'webcal:')).toBe(webcal);
  expect((await page.request.get(new URL(https).pathname)).status()).toBe(200);
  await box.locator('summary').click();
  for (const os of ['苹果手机', '华为', '小米', '其他安卓手机']) await expect(box).toContainText(os);
});

test('"已经被骗了怎么办" is linked from every page and names bank, 110, evidence, the app and 12378', async ({ page }) => {
  for (const path of ['/', '/articles/', '/events/', '/events/e2e-open-soon/', '/search/', '/privacy/', '/no-such-page/']) {
    await page.goto(path);
    await expect(page.locator('footer a[href="/help/"]'), path).toBeVisible();
  }
  await page.locator('footer a[href="/help/"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('已经被骗了怎么办');
  for (const s of ['银行', '冻结', '110', '证据', '国家反诈中心', '12378']) await expect(page.locator('[data-help-steps]')).toContainText(s);
  await expect(page.locator('[data-help-steps] a[href="tel:110"]')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('privacy page names who answers personal-data requests', async ({ page }) => {
  await page.goto('/privacy/');
  const contact = page.locator('#contact ~ ul');
  await expect(contact.locator('a[href^="tel:"]')).toBeVisible();
  await expect(contact.locator('a[href^="mailto:"]')).toBeVisible();
});

test('home counters never show a zero: unmeasured figures are left out', async ({ page }) => {
  await page.route('**/rest/v1/rpc/impact_totals', (route) =>
    route.fulfill({ json: { events_held: 12, materials_handed_out: 0, people_reached: 0 }, headers: { 'Access-Control-Allow-Origin': '*' } }));
  await page.goto('/');
  await expect(page.locator('[data-impact-item="events_held"]')).toBeVisible();
  await expect(page.locator('[data-impact="events_held"]')).toHaveText('12');
  await expect(page.locator('[data-impact-item="materials_handed_out"]')).toBeHidden();
  await expect(page.locator('[data-impact-item="people_reached"]')).toBeHidden();
  expect(await page.locator('[data-impact-counters]').innerText()).not.toMatch(/(^|\D)0 (份|人次|场)/);
});

test('sign-up unreachable: the message names the team number, not the emergency lines', async ({ page }) => {
  await page.goto('/events/e2e-open-soon/');
  await page.route('**/_astro/signup-submit*', (route) => route.abort());
  const form = page.locator('[data-signup-form]');
  await form.getByRole('button', { name: '提交报名' }).click();
  const summary = form.locator('[data-signup-summary]');
  await expect(summary).toContainText('0532-00000000');
  await expect(summary).not.toContainText(/96110|110|12378|热线/);
});
