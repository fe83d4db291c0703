import { describe, expect, it } from 'vitest';
import { cleanText, normalisePhone, validateSignup, type SignupFormValues } from '../../src/lib/validate-signup';
import { knownSignupErrorCodes, signupError } from '../../src/lib/signup-errors';

const good: SignupFormValues = { role: 'volunteer', name: '张三', phone: '13812345678', organisation: '', consent: true };
const codes = (v: Partial<SignupFormValues>) => validateSignup({ ...good, ...v }).map((p) => `${p.field}:${p.code}`);

describe('validateSignup', () => {
  it('accepts a complete, plausible sign-up', () => {
    expect(validateSignup(good)).toEqual([]);
    expect(codes({ name: 'Anna-Lena Müller', organisation: '中国银行（市南支行）' })).toEqual([]);
    expect(codes({ name: '阿卜杜·热合曼' })).toEqual([]);
  });

  it('lists every problem in form order', () => {
    expect(validateSignup({ role: '', name: '', phone: '', organisation: '', consent: false })).toEqual([
      { field: 'role', code: 'role_invalid' },
      { field: 'name', code: 'name_required' },
      { field: 'phone', code: 'phone_required' },
      { field: 'consent', code: 'consent_required' },
    ]);
  });

  it.each([
    [{ role: 'admin' }, 'role:role_invalid'],
    [{ name: '   　' }, 'name:name_required'],
    [{ name: '张'.repeat(41) }, 'name:name_too_long'],
    [{ name: '<script>alert(1)</script>' }, 'name:name_invalid'],
    [{ name: "x'; drop table xinghuo.signups; --" }, 'name:name_invalid'],
    [{ name: '张三1' }, 'name:name_invalid'],
    [{ phone: '12812345678' }, 'phone:phone_invalid'],
    [{ phone: '1381234567' }, 'phone:phone_invalid'],
    [{ phone: '138123456789' }, 'phone:phone_invalid'],
    [{ phone: '010-12345678' }, 'phone:phone_invalid'],
    [{ phone: '１３８１２３４５６７８' }, 'phone:phone_invalid'],
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

describe('phone helpers', () => {
  it('normalises the ways people type a mobile number', () => {
    expect(normalisePhone(' 138 1234-5678 ')).toBe('13812345678');
    expect(normalisePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('0086-13812345678')).toBe('13812345678');
    expect(cleanText('\u3000王五 ')).toBe('王五');
  });
});

describe('signupError', () => {
  it('gives every code the database raises a Chinese message and a field', () => {
    const dbCodes = ['honeypot', 'role_invalid', 'role_has_no_slots', 'name_required', 'name_too_long', 'name_invalid',
      'phone_required', 'phone_invalid', 'organisation_too_long', 'organisation_invalid', 'consent_required',
      'consent_version_unknown', 'event_not_found', 'event_past', 'event_cancelled', 'duplicate_signup',
      'rate_limited_phone', 'rate_limited_client', 'token_invalid', 'token_not_found', 'already_checked_in'];
    for (const code of dbCodes) {
      expect(knownSignupErrorCodes).toContain(code);
      expect(signupError(code).message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(signupError('phone_invalid').field).toBe('phone');
    expect(signupError('duplicate_signup').field).toBe('phone');
  });
  it('falls back to a general message for unknown codes', () => {
    expect(signupError('no_such_code')).toEqual({ field: 'form', message: '提交没有成功，请稍后再试。' });
  });
});
