// Dates are stored in UTC and always shown in the site's zone (Asia/Shanghai), whatever the build machine's zone.
import { site } from '../site.config';

const longDate = new Intl.DateTimeFormat('zh-CN', {
  timeZone: site.timeZone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** 2026年11月27日 */
export function formatDateZh(date: Date): string {
  return longDate.format(date);
}

/** 2026-11-27 in the site's zone, for <time datetime>. */
export function isoDateInZone(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: site.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
