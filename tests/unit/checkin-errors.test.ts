import { describe, expect, it } from 'vitest';
import { checkinErrorText } from '../../src/lib/checkin-errors';

describe('checkinErrorText', () => {
  it('says when check-in opens, in Asia/Shanghai, from the database time in details', () => {
    expect(checkinErrorText('checkin_not_open', '2026-12-03 06:00:00+00')).toBe('还没到签到时间：2026/12/03 14:00 开始签到。');
    expect(checkinErrorText('checkin_not_open', null)).toBe('还没到签到时间。');
  });
  it('uses the sign-up texts for a walk-in\'s name and phone, and its own for the rest', () => {
    expect(checkinErrorText('name_required')).toBe('请填写姓名。');
    expect(checkinErrorText('checkin_closed')).toMatch(/^活动当天已经结束/);
    expect(checkinErrorText('walk_in_already_signed_up')).toMatch(/已经报名/);
    expect(checkinErrorText('whatever')).toBe('操作没有成功，请稍后再试。');
  });
});
