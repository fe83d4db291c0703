import { expect, type Page } from '@playwright/test';
import ICAL from 'ical.js';

// Events content changes and "upcoming" depends on the build date, so tests discover real events from
// the built pages instead of hard-coding slugs or dates.

export interface ListedEvent {
  href: string;
  slug: string;
  title: string;
  cancelled: boolean;
  /** Online events (线上) have no place: listed, never on the map or in a district. */
  online: boolean;
}

/** The events listed on a list page, in page order. */
export async function listedEvents(page: Page): Promise<ListedEvent[]> {
  const cards = page.locator('[data-event-card]');
  const out: ListedEvent[] = [];
  for (const card of await cards.all()) {
    const link = card.getByRole('heading').getByRole('link');
    const href = (await link.getAttribute('href')) ?? '';
    out.push({
      href,
      slug: (await card.getAttribute('data-event-card')) ?? '',
      title: (await link.innerText()).trim(),
      cancelled: (await card.getByText('本场活动已取消').count()) > 0,
      online: (await card.locator('[data-event-place="online"]').count()) > 0,
    });
  }
  return out;
}

/** First upcoming event that still takes place, i.e. one whose page offers volunteer sign-up. */
export async function firstOpenEvent(page: Page): Promise<ListedEvent> {
  await page.goto('/events/');
  const open = (await listedEvents(page)).find((e) => !e.cancelled);
  expect(open, 'the built site lists at least one upcoming, not cancelled event').toBeTruthy();
  return open!;
}

/** Parse iCalendar text with a real parser, registering its VTIMEZONEs as a calendar app would. */
export function parseIcs(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { root, events: root.getAllSubcomponents('vevent') };
}

/** Filter links of one nav ("按区域看…"): href, label, count. */
export async function filterLinks(page: Page, navName: RegExp | string) {
  await openFilters(page);
  const links = page.getByRole('navigation', { name: navName }).getByRole('link');
  const out: { href: string; label: string; count: number }[] = [];
  for (const link of await links.all()) {
    const m = /^(.+)（(\d+)）$/.exec((await link.innerText()).trim());
    if (m) out.push({ href: (await link.getAttribute('href')) ?? '', label: m[1]!, count: Number(m[2]) });
  }
  return out;
}

/** The filters are folded into one <details> on list pages; opens it if it is closed. */
export async function openFilters(page: Page): Promise<void> {
  const box = page.locator('details[data-filters]');
  if (!(await box.evaluate((d: HTMLDetailsElement) => d.open))) await box.locator('summary').click();
}
