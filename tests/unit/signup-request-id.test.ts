import { describe, expect, it } from 'vitest';
import { forgetSignupRequestId, signupRequestId, type RequestIdStore } from '../../src/lib/signup-request-id';
import type { SignupFormValues } from '../../src/lib/validate-signup';

function memoryStore(): RequestIdStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, getItem: (k) => entries.get(k) ?? null, setItem: (k, v) => void entries.set(k, v), removeItem: (k) => void entries.delete(k) };
}

const values: SignupFormValues = { role: 'volunteer', name: '王小明', phone: '13812345678', organisation: '', consent: true };

describe('signupRequestId', () => {
  it('reuses the id while the same submission is retried, also with other spacing or full-width digits', async () => {
    const store = memoryStore();
    const first = await signupRequestId(store, 'ev-1', values);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await signupRequestId(store, 'ev-1', values)).toBe(first);
    expect(await signupRequestId(store, 'ev-1', { ...values, name: ' 王小明 ', phone: '１３８ １２３４ ５６７８' })).toBe(first);
  });

  it('gives changed values, another event or a finished submission a new id', async () => {
    const store = memoryStore();
    const first = await signupRequestId(store, 'ev-1', values);
    expect(await signupRequestId(store, 'ev-2', values)).not.toBe(first);
    const changed = await signupRequestId(store, 'ev-1', { ...values, phone: '13812345679' });
    expect(changed).not.toBe(first);
    forgetSignupRequestId(store, 'ev-1');
    expect(await signupRequestId(store, 'ev-1', { ...values, phone: '13812345679' })).not.toBe(changed);
  });

  it('keeps no name or number in the store, and survives a damaged entry', async () => {
    const store = memoryStore();
    await signupRequestId(store, 'ev-1', values);
    const stored = [...store.entries.values()].join();
    expect(stored).not.toContain('王小明');
    expect(stored).not.toContain('13812345678');
    store.entries.set([...store.entries.keys()][0]!, '{not json');
    expect(await signupRequestId(store, 'ev-1', values, () => 'fresh-id')).toBe('fresh-id');
  });
});
