import { describe, expect, it } from 'vitest';
import { telHref, telText } from '../../src/lib/tel';

describe('tel links', () => {
  it('dials digits only, keeping a leading +', () => {
    expect(telHref('0532-00000000')).toBe('tel:053200000000');
    expect(telHref('+86 532 8888 0000')).toBe('tel:+8653288880000');
    expect(telHref('96110')).toBe('tel:96110');
  });
  it('shows hyphens as non-breaking hyphens so the number stays on one line', () => {
    expect(telText('0532-00000000')).toBe('0532\u201100000000');
    expect(telText('96110')).toBe('96110');
  });
});
