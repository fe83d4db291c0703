// Checks of the built files themselves (dist/, as `npm test` builds it before Playwright runs): every
// page passes html-validate's recommended preset (.htmlvalidate.json), every canonical link names a
// page that exists, every calendar is byte-exact RFC 5545. One test per file, so the closing line of
// `npm test` counts the broken files.
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { coordinatorApi } from '../../scripts/e2e-programme.mjs';
import { parseIcs } from './events-helpers';
import { apiUrl } from './signup-helpers';

const dist = 'dist';
const files = existsSync(dist)
  ? readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('pagefind/') && !f.startsWith('_astro/'))
  : [];
const pages = files.filter((f) => f.endsWith('.html')).sort();
const calendars = files.filter((f) => f.endsWith('.ics')).sort();
const htmlvalidate = new HtmlValidate(new FileSystemConfigLoader());

test('dist/ holds the built site: pages and calendars to check', () => {
  expect(pages).toEqual(expect.arrayContaining(['index.html', '404.html', 'events/index.html']));
  expect(pages.length).toBeGreaterThan(50);
  expect(calendars).toEqual(expect.arrayContaining(['calendar.ics', 'events/e2e-cancelled.ics']));
});

test.describe('html-validate (recommended preset): no errors', () => {
  for (const page of pages) {
    test(page, async () => {
      const report = await htmlvalidate.validateFile(join(dist, page));
      const problems = report.results.flatMap((r) =>
        r.messages.map((m) => `${page}:${m.line}:${m.column} [${m.ruleId}] ${m.message}`),
      );
      expect(problems).toEqual([]);
    });
  }
});

/** The built file an absolute URL on our own site is served from, if any. */
function builtFileFor(url: URL): string | undefined {
  const path = decodeURIComponent(url.pathname).replace(/^\//, '');
  return [path, join(path, 'index.html'), `${path}.html`].find((f) => files.includes(f));
}

test('every canonical link names a page that exists; the 404 page names none and is not indexed', () => {
  const broken: string[] = [];
  for (const page of pages) {
    const html = readFileSync(join(dist, page), 'utf8');
    const href = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
    if (href && !builtFileFor(new URL(href))) broken.push(`${page} → ${href}`);
  }
  expect(broken).toEqual([]);
  const notFound = readFileSync(join(dist, '404.html'), 'utf8');
  expect(notFound).not.toContain('rel="canonical"');
  expect(notFound).not.toContain('og:url');
  expect(notFound).toContain('<meta name="robots" content="noindex">');
});

test.describe('calendars are byte-exact RFC 5545', () => {
  for (const file of calendars) {
    test(file, () => {
      const bytes = readFileSync(join(dist, file));
      const text = bytes.toString('utf8');
      // 3.1: every content line ends in CRLF, the last one included; no bare CR or LF; ≤ 75 octets a line.
      expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      const lines = text.split('\r\n').slice(0, -1);
      const tooLong = lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75);
      expect(tooLong).toEqual([]);
      // A real parser reads it, and a calendar holds at least one component (3.6).
      const { root, events } = parseIcs(text);
      expect(root.getAllSubcomponents().length).toBeGreaterThan(0);
      for (const e of events) {
        // 3.8.7.4: SEQUENCE grows with each revision of the event; a cancelled one has been revised.
        const cancelled = e.getFirstPropertyValue('status') === 'CANCELLED';
        expect(e.getFirstPropertyValue('sequence'), `${file} ${e.getFirstPropertyValue('uid')}`).toBeGreaterThanOrEqual(cancelled ? 1 : 0);
      }
    });
  }
});

test("the cancelled e2e event calendar says CANCELLED, its SEQUENCE the event's revision less one", async () => {
  const text = readFileSync(join(dist, 'events/e2e-cancelled.ics'), 'utf8');
  expect(text).toContain('\r\nSTATUS:CANCELLED\r\n');
  const { call } = await coordinatorApi(apiUrl);
  const { revision } = (await call('published_events', {}, { anon: true })).find((e: { slug: string }) => e.slug === 'e2e-cancelled');
  // Saved, published, then cancelled: at least two revisions after the first.
  expect(revision).toBeGreaterThanOrEqual(3);
  expect(text).toContain(`\r\nSEQUENCE:${revision - 1}\r\n`);
});
