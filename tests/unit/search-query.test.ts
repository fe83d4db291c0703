import { describe, expect, it } from 'vitest';
import { fallbackQueries, searchTerms } from '../../src/lib/search-query';

describe('searchTerms', () => {
  it('turns a question into the words that name the scam', () => {
    expect(searchTerms('有人打电话说我涉嫌洗钱')).toEqual(['打电话', '涉嫌', '洗钱']);
    // The dictionary does not know 客服 or 征信 and splits them; the single characters are joined back.
    expect(searchTerms('客服说给我退款')).toContain('客服');
    expect(searchTerms('征信能花钱修复吗')).toEqual(['征信', '花钱', '修复']);
  });
  it('drops question and filler words entirely', () => {
    expect(searchTerms('怎么办？是不是')).toEqual([]);
  });
});

describe('fallbackQueries', () => {
  it('all words first, then fewer, keeping the longest, in question order', () => {
    expect(fallbackQueries(['养老', '金', '骗了'])).toEqual(['养老 金 骗了', '养老 骗了', '养老']);
  });
});
