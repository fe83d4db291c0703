import { describe, expect, it } from 'vitest';
import { manageUrl, SignupRpcError } from '../../src/lib/db/signup';

describe('manageUrl', () => {
  it('carries the token in the fragment, never the query string', () => {
    const url = new URL(manageUrl('https://xinghuo.example.cn', 'abc_DEF-123'));
    expect(url.pathname).toBe('/signup/manage/');
    expect(url.search).toBe('');
    expect(url.hash).toBe('#t=abc_DEF-123');
  });
});

describe('SignupRpcError', () => {
  it('keeps the stable code the UI maps to Chinese', () => {
    const e = new SignupRpcError('phone_invalid');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('phone_invalid');
  });
});
