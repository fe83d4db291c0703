import { expect, test } from '@playwright/test';
import type ICAL from 'ical.js';
import { filterLinks, listedEvents, openFilters, parseIcs } from './events-helpers';

test.describe('events list and map', () => {
  test('the map shows every listed event, clustered, with a popup linking to the event', async ({ page }) => {
    await page.goto('/events/');
    await expect(page.getByRole('heading', { level: 1, name: '社区活动' })).toBeVisible();
    const listed = await listedEvents(page);
    expect(listed.length, 'demo content has upcoming events at build time').toBeGreaterThan(0);

    const map = page.locator('[data-events-map]');
    await map.scrollIntoViewIfNeeded();
    await expect(map).toHaveAttribute('data-ready', 'true');
    // Every event that takes place somewhere is a single pin or counted inside a cluster bubble:
    // together they cover the list (cancelled talks and online events are listed but not mapped).
    await expect
      .poll(async () => {
        const pins = await page.locator('.leaflet-marker-pane .xh-pin').count();
        const inClusters = (await page.locator('.leaflet-marker-pane .xh-cluster').allInnerTexts()).reduce((n, t) => n + Number.parseInt(t, 10), 0);
        return pins + inClusters;
      })
      .toBe(listed.filter((e) => !e.cancelled && !e.online).length);

    // Open a pin's popup (zooming into clusters until a single pin shows).
    for (let i = 0; i < 6 && (await page.locator('.leaflet-marker-pane .xh-pin').count()) === 0; i++) {
      await page.locator('.leaflet-marker-pane .xh-cluster').first().click();
      await page.waitForTimeout(600);
    }
    const pin = page.locator('.leaflet-marker-pane .xh-pin').first();
    const title = (await pin.getAttribute('title')) ?? '';
    await pin.click();
    const popup = page.locator('.leaflet-popup-content');
    await expect(popup).toContainText(title);
    await expect(popup).toContainText(/\d{4}年\d{1,2}月\d{1,2}日.*\d\d:\d\d/);
    const href = await popup.getByRole('link', { name: '查看时间和地点' }).getAttribute('href');
    expect(listed.map((e) => e.href)).toContain(href);
  });

  test('keyboard users reach the events before the map (the list comes first)', async ({ page }) => {
    await page.goto('/events/');
    const first = (await listedEvents(page))[0]!;
    const before = await page.locator(`#event-list a[href="${first.href}"]`).evaluate((a) =>
      Boolean(a.compareDocumentPosition(document.querySelector('[data-events-map]')!) & Node.DOCUMENT_POSITION_FOLLOWING));
    expect(before).toBe(true);
  });

  test('the list works without JavaScript (no map drawn, every event listed)', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/events/');
    expect((await listedEvents(page)).length).toBeGreaterThan(0);
    await expect(page.locator('.leaflet-container')).toHaveCount(0);
    await context.close();
  });
});

test.describe('filters', () => {
  test('filter by district shows exactly that district’s events and marks the current filter', async ({ page }) => {
    await page.goto('/events/');
    const districts = await filterLinks(page, '按区域看即将举行的活动');
    expect(districts).toHaveLength(10);
    // Counts are of events that take place in a district: a cancelled talk is listed but not counted,
    // an online one has no district.
    const total = (await listedEvents(page)).filter((e) => !e.cancelled && !e.online).length;
    expect(districts.reduce((n, d) => n + d.count, 0)).toBe(total);
    const withEvents = districts.find((d) => d.count > 0)!;

    await page.getByRole('link', { name: `${withEvents.label}（${withEvents.count}）` }).click();
    await expect(page).toHaveURL(new RegExp(`${withEvents.href}$`));
    await openFilters(page);
    await expect(page.getByRole('link', { name: `${withEvents.label}（${withEvents.count}）` })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('[data-event-card]:not([data-event-state="cancelled"])')).toHaveCount(withEvents.count);
    for (const card of await page.locator('[data-event-card]').all()) await expect(card).toContainText(withEvents.label);
    // No map (and no Leaflet CSS) on filter pages; the district feed is offered (cancelled talks
    // stay in it, marked STATUS:CANCELLED, so subscribers see the cancellation).
    await expect(page.locator('[data-events-map]')).toHaveCount(0);
    const feed = new URL(await page.locator('[data-calendar-url]').inputValue()).pathname;
    const res = await page.request.get(feed);
    expect(res.status()).toBe(200);
    expect(parseIcs(await res.text()).events).toHaveLength(await page.locator('[data-event-card]').count());
  });

  test('past events page lists ended events, latest first', async ({ page }) => {
    await page.goto('/events/');
    const past = (await filterLinks(page, '按时间看')).find((l) => l.label === '往期活动');
    await page.getByRole('link', { name: /^往期活动/ }).click();
    await expect(page).toHaveURL(/\/events\/past\/$/);
    await openFilters(page);
    await expect(page.getByRole('link', { name: /^往期活动/ })).toHaveAttribute('aria-current', 'page');
    const cards = page.locator('[data-event-card]');
    await expect(cards).toHaveCount(past!.count);
    for (const card of await cards.all()) await expect(card).toContainText(/已结束|本场活动已取消/);
    const starts = await cards.locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });

  test('audience filter includes events for everyone', async ({ page }) => {
    await page.goto('/events/audience/elderly/');
    await openFilters(page);
    await expect(page.getByRole('link', { name: /^老年人（/ })).toHaveAttribute('aria-current', 'page');
    for (const card of await page.locator('[data-event-card]').all()) await expect(card).toContainText(/老年人|所有人/);
  });
});

test.describe('event page and calendar', () => {
  test('open an event, download its .ics and parse it', async ({ page, baseURL }) => {
    await page.goto('/events/');
    const first = (await listedEvents(page))[0]!;
    await page.getByRole('link', { name: first.title, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);

    const startIso = await page.locator('main dl time').getAttribute('datetime');
    expect(startIso).toMatch(/\+08:00$/);
    await expect(page.locator('main dl time')).toHaveText(/\d{4}年\d{1,2}月\d{1,2}日星期.\s\d\d:\d\d/);
    const amap = await page.locator('[data-map-app="amap"]').getAttribute('href');
    expect(amap).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=1\d\d\.\d+%2C3\d\.\d+/);
    expect(await page.locator('[data-map-app="geo"]').getAttribute('href')).toMatch(/^geo:3\d\.\d+,1\d\d\.\d+\?q=/);

    const icsHref = await page.getByRole('link', { name: '加入日历' }).getAttribute('href');
    expect(icsHref).toBe(`/events/${first.slug}.ics`);
    const res = await page.request.get(icsHref!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/calendar');
    const { events } = parseIcs(await res.text());
    expect(events).toHaveLength(1);
    const vevent = events[0]!;
    expect(vevent.getFirstPropertyValue('uid')).toBe(`${first.slug}@${new URL(baseURL!).hostname}`);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Shanghai');
    const start = (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate();
    expect(start.getTime()).toBe(Date.parse(startIso!));
    expect(vevent.getFirstPropertyValue('url')).toBe(new URL(first.href, baseURL).href);
    expect(vevent.getFirstPropertyValue('status')).toBe(first.cancelled ? 'CANCELLED' : 'CONFIRMED');
    if (!first.cancelled) {
      const trigger = vevent.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger') as ICAL.Duration;
      expect(trigger.toSeconds()).toBe(-86400);
    }
  });

  test('/calendar.ics carries every upcoming event with stable UIDs', async ({ page, baseURL }) => {
    await page.goto('/events/');
    const listed = await listedEvents(page);
    const res = await page.request.get('/calendar.ics');
    expect(res.headers()['content-type']).toContain('text/calendar');
    const { events } = parseIcs(await res.text());
    const host = new URL(baseURL!).hostname;
    expect(events.map((e) => e.getFirstPropertyValue('uid')).sort()).toEqual(listed.map((e) => `${e.slug}@${host}`).sort());
    for (const e of events) {
      const listedEvent = listed.find((l) => `${l.slug}@${host}` === e.getFirstPropertyValue('uid'))!;
      expect(e.getFirstPropertyValue('status')).toBe(listedEvent.cancelled ? 'CANCELLED' : 'CONFIRMED');
    }
  });
});

test.describe('events elsewhere on the site', () => {
  test('home page shows the next upcoming events, soonest first', async ({ page }) => {
    await page.goto('/events/');
    const open = (await listedEvents(page)).filter((e) => !e.cancelled);
    await page.goto('/');
    const section = page.locator('section[aria-labelledby="upcoming-events"]');
    await expect(section.getByRole('heading', { name: '近期社区活动' })).toBeVisible();
    const hrefs = await section.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(open.slice(0, 3).map((e) => e.href));
  });

  test('a case article lists upcoming events on its scam type', async ({ page }) => {
    await page.goto('/events/');
    const event = (await listedEvents(page)).find((e) => !e.cancelled)!;
    await page.goto(event.href);
    const topic = page.locator('main dl a[href^="/articles/type/"]').first();
    const topicLabel = (await topic.innerText()).trim();
    await topic.click();
    // Count articles only once the type page has loaded (counting during navigation reads 0).
    await page.waitForURL('**/articles/type/**');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const article = page.locator('main article h3 a').first();
    // Every scam type has at least one case article (the library covers them all).
    await expect(article).toHaveCount(1);
    await article.click();
    const section = page.locator('section[aria-labelledby="topic-events"]');
    await expect(section.getByRole('heading')).toContainText(topicLabel);
    // The event we came from is upcoming on this topic, so the list cannot be empty.
    await expect(section.locator('li a')).not.toHaveCount(0);
    // Every event listed there is upcoming and about this topic.
    for (const href of await section.locator('li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
      await page.goto(href);
      await expect(page.locator('[data-event-banner]')).toHaveCount(0);
      await expect(page.locator('main dl')).toContainText(topicLabel);
      await page.goBack();
    }
  });
});
