import { describe, expect, it } from 'vitest';
import {
  fieldForServerError,
  normaliseNumberText,
  parseFigure,
  reportErrorText,
  validateReport,
  type ReportFormInput,
} from '../../src/lib/report-validate';

const base: ReportFormInput = {
  people_reached: '320',
  reach: { elderly: '200', students: '', 'new-residents': '100', other: '20' },
  online_views: '',
  online_source: '',
  volunteers_present: '4',
  volunteers_adjust_reason: '',
  questions_answered: '',
  notes: '',
  materials: { leaflet: '150', booklet: '' },
};

describe('parseFigure', () => {
  it('accepts whole numbers, full-width digits and thousands separators', () => {
    expect(parseFigure('1200', true)).toEqual({ value: 1200 });
    expect(parseFigure('１２００', true)).toEqual({ value: 1200 });
    expect(parseFigure('1,200', true)).toEqual({ value: 1200 });
    expect(normaliseNumberText(' 3，000 ')).toBe('3000');
  });
  it('names each kind of bad figure', () => {
    expect(parseFigure('', true)).toEqual({ problem: 'required' });
    expect(parseFigure('', false)).toEqual({ value: null });
    expect(parseFigure('三百', true)).toEqual({ problem: 'invalid' });
    expect(parseFigure('-5', true)).toEqual({ problem: 'negative' });
    expect(parseFigure('12.5', true)).toEqual({ problem: 'not_integer' });
    expect(parseFigure('1000001', true)).toEqual({ problem: 'too_large' });
    expect(parseFigure('1000000', true)).toEqual({ value: 1000000 });
  });
});

describe('validateReport', () => {
  it('returns clean values, dropping empty material lines and defaulting questions to 0', () => {
    const r = validateReport(base, 4, false);
    expect(r).toEqual({
      ok: true,
      values: {
        people_reached: 320,
        reach_by_audience: { elderly: 200, students: 0, 'new-residents': 100, other: 20 },
        online_views: null,
        online_source: null,
        volunteers_present: 4,
        volunteers_adjust_reason: null,
        questions_answered: 0,
        notes: null,
        materials: { leaflet: 150 },
      },
    });
  });
  it('asks for a reason when volunteers present differs from check-ins', () => {
    const r = validateReport(base, 3, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual({ volunteers_adjust_reason: 'adjust_reason_required' });
    expect(validateReport({ ...base, volunteers_adjust_reason: '一人未扫码签到' }, 3, false).ok).toBe(true);
  });
  it('collects every field error at once', () => {
    const r = validateReport(
      { ...base, people_reached: '-1', volunteers_present: '2.5', materials: { leaflet: 'abc', poster: '2000000' } },
      4,
      false,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual({
        people_reached: 'people_reached_negative',
        volunteers_present: 'volunteers_present_not_integer',
        'material:leaflet': 'material_quantity_invalid',
        'material:poster': 'material_quantity_too_large',
      });
  });
  it('limits notes length', () => {
    const r = validateReport({ ...base, notes: '字'.repeat(2001) }, 4, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.notes).toBe('notes_too_long');
  });
});

describe('reach by audience and online reach', () => {
  it('the audiences must add up to the people reached', () => {
    const r = validateReport({ ...base, reach: { ...base.reach, other: '19' } }, 4, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual({ reach_by_audience: 'reach_audience_sum_mismatch' });
    const bad = validateReport({ ...base, reach: { ...base.reach, students: '-3' } }, 4, false);
    if (!bad.ok) expect(bad.errors).toEqual({ 'reach:students': 'reach_audience_negative' });
    expect(bad.ok).toBe(false);
  });
  it('an online event records reads/views and where they were counted, not people or a split', () => {
    const input = { ...base, people_reached: '', reach: { elderly: '', students: '', 'new-residents': '', other: '' } };
    const missing = validateReport(input, 4, true);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors).toEqual({ online_views: 'online_views_required', online_source: 'online_source_required' });
    const ok = validateReport({ ...input, online_views: '12,000', online_source: '公众号阅读' }, 4, true);
    expect(ok).toMatchObject({ ok: true, values: { people_reached: null, reach_by_audience: null, online_views: 12000, online_source: '公众号阅读' } });
  });
  it('names the audience or the split in server errors', () => {
    expect(fieldForServerError('reach_audience_negative', 'students')).toBe('reach:students');
    expect(fieldForServerError('reach_audience_sum_mismatch', 'reach_by_audience')).toBe('reach_by_audience');
    expect(fieldForServerError('online_source_required', 'online_source')).toBe('online_source');
    expect(fieldForServerError('material_kind_retired', 'calendar')).toBe('material:calendar');
    expect(reportErrorText('reach_audience_not_integer')).toBe('各对象人次请填写整数，不要带小数。');
    expect(reportErrorText('online_views_required')).toBe('请填写阅读/观看人次。');
  });
});

describe('error texts and fields', () => {
  it('turns codes into Chinese sentences naming the field', () => {
    expect(reportErrorText('people_reached_not_integer')).toBe('群众覆盖人次请填写整数，不要带小数。');
    expect(reportErrorText('volunteers_present_required')).toBe('请填写到场志愿者人数。');
    expect(reportErrorText('something_new')).toBe('保存没有成功，请稍后再试。');
  });
  it('maps server errors back to the form field', () => {
    expect(fieldForServerError('material_quantity_negative', 'leaflet')).toBe('material:leaflet');
    expect(fieldForServerError('people_reached_too_large', 'people_reached')).toBe('people_reached');
    expect(fieldForServerError('adjust_reason_required', 'volunteers_adjust_reason')).toBe('volunteers_adjust_reason');
    expect(fieldForServerError('report_conflict', 'expected_version')).toBeNull();
  });
});
