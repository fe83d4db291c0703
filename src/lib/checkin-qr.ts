// What a volunteer's check-in QR code says: the event's slug and the 6-digit check-in code the
// volunteer already has ("XH1:2026-12-10-42:123456"). No name, phone or sign-up token: the code
// alone is what the coordinator would otherwise type, so the QR adds nothing worth stealing, and
// nothing new is stored. The slug lets the scanner refuse another event's QR on the spot, with no
// signal, before anything is queued. "XH1" marks the format so a later change can be told apart.
const prefix = 'XH1';

export function checkinQrText(eventSlug: string, code: string): string {
  return `${prefix}:${eventSlug}:${code}`;
}

export type ScannedCheckin =
  | { ok: true; code: string }
  | { ok: false; reason: 'other_event' | 'not_checkin' };

/** Reads a scanned text for the event being checked in; a bare 6-digit code counts too. */
export function readCheckinQr(text: string, eventSlug: string): ScannedCheckin {
  const clean = text.trim();
  if (/^\d{6}$/.test(clean)) return { ok: true, code: clean };
  const m = /^([A-Z0-9]+):([a-z0-9][a-z0-9-]{0,99}):(\d{6})$/.exec(clean);
  if (!m || m[1] !== prefix) return { ok: false, reason: 'not_checkin' };
  return m[2] === eventSlug ? { ok: true, code: m[3]! } : { ok: false, reason: 'other_event' };
}
