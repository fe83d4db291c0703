import { describe, expect, it } from 'vitest';
import { rendersContent, throttle } from '../../src/lib/events-dev-refresh';

describe('rendersContent', () => {
  it('is true for pages and feeds astro dev renders from content', () => {
    for (const path of ['/', '/events/', '/events/e2e-open-soon/', '/events/x.ics', '/calendar.ics', '/rss.xml', '/search?q=1', '/index.html']) {
      expect(rendersContent(path), path).toBe(true);
    }
  });
  it('is false for the dev server\'s own modules and static assets', () => {
    for (const path of ['/@vite/client', '/@fs/work/x.ts', '/_astro/a.css', '/node_modules/.vite/deps/x.js', '/src/styles/global.css', '/favicon.svg', '/og/a.png', '/x.js']) {
      expect(rendersContent(path), path).toBe(false);
    }
  });
});

describe('throttle', () => {
  it('says yes at most once per interval', () => {
    const due = throttle(2000);
    expect([0, 500, 1999, 2000, 2100, 4100].map((t) => due(t))).toEqual([true, false, false, true, false, true]);
  });
});
