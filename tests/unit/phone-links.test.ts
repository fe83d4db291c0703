import { describe, expect, it } from 'vitest';
import { splitPhoneNumbers } from '../../src/lib/phone-links';

const tels = (text: string) => splitPhoneNumbers(text).flatMap((p) => ('tel' in p ? [p.tel] : []));

describe('splitPhoneNumbers', () => {
  it('finds hotlines, mobiles and landlines in running zh text', () => {
    expect(tels('可以打 12348 咨询，或拨打96110；急事打110。')).toEqual(['12348', '96110', '110']);
    expect(tels('联系电话 0532-88886666 或 13812345678')).toEqual(['053288886666', '13812345678']);
  });
  it('leaves amounts, years, dates and longer digit runs alone', () => {
    expect(tels('损失 12000 元，2026 年 3 月，共 110 人次，订单号 1234567，2026-11-12')).toEqual([]);
    expect(tels('账号 6222021234567890123')).toEqual([]);
  });
  it('keeps every character of the text, in order', () => {
    const text = '先打 110，再打 12378 投诉。';
    expect(splitPhoneNumbers(text).map((p) => p.text).join('')).toBe(text);
  });
});
