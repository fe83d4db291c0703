import { describe, expect, it } from 'vitest';
import { formatDateZh, isoDateInZone } from '../../src/lib/format';

describe('dates in Asia/Shanghai', () => {
  it('formats a date the Chinese way', () => {
    expect(formatDateZh(new Date('2026-11-27T04:00:00Z'))).toBe('2026年11月27日');
  });
  it('uses Shanghai time, not UTC: 20:00 UTC is already the next day', () => {
    const d = new Date('2026-12-31T20:00:00Z');
    expect(formatDateZh(d)).toBe('2027年1月1日');
    expect(isoDateInZone(d)).toBe('2027-01-01');
  });
  it('pads month and day in the machine-readable form', () => {
    expect(isoDateInZone(new Date('2026-03-05T01:00:00Z'))).toBe('2026-03-05');
  });
});
