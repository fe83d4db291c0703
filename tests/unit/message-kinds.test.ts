import { describe, expect, it } from 'vitest';
import { messageKindIds, messageKinds, renderMessage, smsSegments } from '../../src/lib/message-kinds';

const signName = '星火反诈志愿队';

describe('message templates', () => {
  for (const id of messageKindIds) {
    const kind = messageKinds[id];
    it(`${id}: every variable filled, within ${kind.segments} SMS part(s) with the signature`, () => {
      const text = renderMessage(id, kind.sample);
      expect(text).not.toMatch(/[{}]/);
      expect(smsSegments(text, signName)).toBeLessThanOrEqual(kind.segments);
      // The declared variables are exactly those in the text (Tencent sends them by position).
      expect([...kind.text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])).toEqual([...kind.params]);
    });
  }

  it('counts 70 characters as one part and 71 as two (67 per part)', () => {
    expect(smsSegments('字'.repeat(70 - 9), signName)).toBe(1);
    expect(smsSegments('字'.repeat(71 - 9), signName)).toBe(2);
    expect(smsSegments('字'.repeat(134 - 9), signName)).toBe(2);
    expect(smsSegments('字'.repeat(135 - 9), signName)).toBe(3);
  });

  it('leaves a missing variable visible instead of printing "undefined"', () => {
    expect(renderMessage('verification_code', {})).toContain('{code}');
  });
});
