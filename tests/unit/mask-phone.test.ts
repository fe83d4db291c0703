import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/lib/mask-phone';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('19900001111')).toBe('199****1111');
  });
  it('ignores spaces', () => {
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
  });
  it('shows nothing useful for short values and nothing at all for empty ones', () => {
    expect(maskPhone('12345')).toBe('****');
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBe('');
  });
});
