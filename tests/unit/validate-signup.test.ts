import { describe, expect, it } from 'vitest';
import { cleanText, normalisePhone, validateSignup, type SignupFormValues } from '../../src/lib/validate-signup';
import { knownSignupErrorCodes, signupError } from '../../src/lib/signup-errors';

// The roles one event's form offers (any ids: roles come from the coordinators' catalogue).
const offered = ['speaker', 'helper'];
const good: SignupFormValues = { role: 'helper', name: '张三', phone: '13812345678', organisation: '', consent: true };
const codes = (v: Partial<SignupFormValues>) => validateSignup({ ...good, ...v }, offered).map((p) => `${p.field}:${p.code}`);

describe('validateSignup', () => {
  it('accepts a complete, plausible sign-up', () => {
    expect(validateSignup(good, offered)).toEqual([]);
    expect(codes({ role: 'speaker' })).toEqual([]);
    expect(codes({ name: 'Anna-Lena Müller', organisation: '中国银行（市南支行）' })).toEqual([]);
    expect(codes({ name: '阿卜杜·热合曼' })).toEqual([]);
  });

  it('lists every problem in form order', () => {
    expect(validateSignup({ role: '', name: '', phone: '', organisation: '', consent: false }, offered)).toEqual([
      { field: 'role', code: 'role_invalid' },
      { field: 'name', code: 'name_required' },
      { field: 'phone', code: 'phone_required' },
      { field: 'consent', code: 'consent_required' },
    ]);
  });

  it.each([
    [{ role: 'admin' }, 'role:role_invalid'],
    [{ role: 'volunteer' }, 'role:role_invalid'], // a real role, but not one this event offers
    [{ name: '   　' }, 'name:name_required'],
    [{ name: '张'.repeat(41) }, 'name:name_too_long'],
    [{ name: '<script>alert(1)</script>' }, 'name:name_invalid'],
    [{ name: "x'; drop table xinghuo.signups; --" }, 'name:name_invalid'],
    [{ name: '张三1' }, 'name:name_invalid'],
    [{ phone: '12812345678' }, 'phone:phone_invalid'],
    [{ phone: '1381234567' }, 'phone:phone_invalid'],
    [{ phone: '138123456789' }, 'phone:phone_invalid'],
    [{ phone: '010-12345678' }, 'phone:phone_invalid'],
    [{ phone: '１３８ａｂｃｄ５６７８' }, 'phone:phone_invalid'],
    [{ name: '\u200B\u200D\uFEFF' }, 'name:name_required'],
    [{ name: '\u202E\u2066\u200F' }, 'name:name_required'],
    [{ name: '\u00AD\u3164\u{E0041}' }, 'name:name_required'],
    [{ name: '\u00A0\u2003\u3000' }, 'name:name_required'],
    [{ name: '张\u0085三' }, 'name:name_invalid'],
    [{ name: '张\u2028三' }, 'name:name_invalid'],
    [{ organisation: '单'.repeat(61) }, 'organisation:organisation_too_long'],
    [{ organisation: '<b>银行</b>' }, 'organisation:organisation_invalid'],
    [{ organisation: 'a; delete from x' }, 'organisation:organisation_invalid'],
    [{ consent: false }, 'consent:consent_required'],
  ])('rejects %j with %s', (v, expected) => {
    expect(codes(v)).toEqual([expected]);
  });

  it('allows exactly 40 and 60 characters, counting characters not UTF-16 units', () => {
    expect(codes({ name: '张'.repeat(40), organisation: '单'.repeat(60) })).toEqual([]);
    expect(codes({ name: '𠀀'.repeat(40) })).toEqual([]);
  });
});

describe('characters that show nothing (the same classes as xinghuo.clean_text)', () => {
  it.each([
    ['zero-width space, joiners, word joiner, BOM', '\u200B\u200C\u200D\u2060\uFEFF'],
    ['bidi marks, embeddings, overrides, isolates', '\u200E\u200F\u061C\u202A\u202E\u2066\u2069'],
    ['soft hyphen, grapheme joiner, invisible operators', '\u00AD\u034F\u2061\u2064'],
    ['Hangul fillers, Mongolian vowel separator', '\u115F\u1160\u3164\uFFA0\u180E'],
    ['variation selectors and tag characters', '\uFE0F\u{E0041}\u{E0100}'],
  ])('%s are removed anywhere, so only they make an empty name', (_label, chars) => {
    expect(cleanText(chars)).toBe('');
    expect(cleanText(`${chars}王${chars}五${chars}`)).toBe('王五');
    expect(codes({ name: `王${chars}五` })).toEqual([]);
  });

  it('trims every kind of space at the ends, keeps one inside', () => {
    expect(cleanText('\u00A0\u2003王\u00A0五\u202F\u205F\u3000')).toBe('王\u00A0五');
  });
});

describe('phone helpers', () => {
  it('normalises the ways people type a mobile number', () => {
    expect(normalisePhone(' 138 1234-5678 ')).toBe('13812345678');
    expect(normalisePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('0086-13812345678')).toBe('13812345678');
    expect(cleanText('\u3000王五 ')).toBe('王五');
  });
  it.each([
    ['full-width digits', '１３８１２３４５６７８'],
    ['full-width plus and hyphens', '＋８６ １３８－１２３４－５６７８'],
    ['full-width digits and ideographic spaces', '１３８　１２３４　５６７８'],
    ['other dashes', '138—1234–5678 '],
    ['no-break and thin spaces', '138\u00A01234\u20095678'],
    ['a pasted zero-width space', '\u200B13812345678'],
  ])('folds %s to ASCII before checking', (_label, typed) => {
    expect(normalisePhone(typed)).toBe('13812345678');
    expect(codes({ phone: typed })).toEqual([]);
  });
});

describe('signupError', () => {
  it('gives every code the database raises a Chinese message and a field', () => {
    const dbCodes = ['honeypot', 'role_invalid', 'role_has_no_slots', 'name_required', 'name_too_long', 'name_invalid',
      'phone_required', 'phone_invalid', 'organisation_too_long', 'organisation_invalid', 'consent_required',
      'consent_version_unknown', 'event_not_found', 'event_past', 'event_cancelled', 'code_invalid', 'signup_not_found',
      'rate_limited_phone', 'rate_limited_client', 'token_invalid', 'token_not_found', 'already_checked_in'];
    for (const code of dbCodes) {
      expect(knownSignupErrorCodes).toContain(code);
      expect(signupError(code).message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(signupError('phone_invalid').field).toBe('phone');
    expect(signupError('code_invalid').field).toBe('code');
  });
  it('falls back to a general message for unknown codes', () => {
    expect(signupError('no_such_code')).toEqual({ field: 'form', message: '提交没有成功，请稍后再试。' });
  });
});
