import { describe, expect, it } from 'vitest';
import { checkinQrText, readCheckinQr } from '../../src/lib/checkin-qr';

describe('check-in QR text', () => {
  it('carries the event slug and the code, nothing else, and reads back for that event', () => {
    const text = checkinQrText('2026-12-10-42', '012345');
    expect(text).toBe('XH1:2026-12-10-42:012345');
    expect(readCheckinQr(text, '2026-12-10-42')).toEqual({ ok: true, code: '012345' });
  });
  it('refuses another event\'s QR and texts that are not ours', () => {
    expect(readCheckinQr(checkinQrText('2026-12-11-43', '123456'), '2026-12-10-42')).toEqual({ ok: false, reason: 'other_event' });
    for (const t of ['https://example.cn/', 'XH2:2026-12-10-42:123456', 'XH1:2026-12-10-42:12345', 'XH1:Bad_Slug:123456', ''])
      expect(readCheckinQr(t, '2026-12-10-42')).toEqual({ ok: false, reason: 'not_checkin' });
  });
  it('takes a bare 6-digit code as well (a QR of the code alone, or typed)', () => {
    expect(readCheckinQr(' 654321 ', 'x')).toEqual({ ok: true, code: '654321' });
  });
});
