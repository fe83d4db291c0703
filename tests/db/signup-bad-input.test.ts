// At least 40 bad sign-ups: each is refused with its own stable code (or, for malformed requests,
// the API's own error) and leaves nothing behind — no sign-up row and no rate-limit log entry.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, sql } from './harness';
import { api, signupArgs, storedRows } from './signup-fixtures';

let upcoming = '';
let past = '';
let cancelled = '';
let draft = '';
const takenPhone = '13800138000';
// The request id of takenPhone's sign-up: sent again with another number, it must be refused.
const takenRequestId = randomUUID();

beforeAll(async () => {
  upcoming = (await createEvent({ slots: { volunteer: 3, police: 0 } })).slug;
  past = (await createEvent({ startsInHours: -3, hours: 1 })).slug;
  cancelled = (await createEvent({ status: 'cancelled' })).slug;
  draft = (await createEvent()).slug;
  await sql(`update xinghuo.events set publication = 'draft' where slug = $1`, [draft]);
  const first = await api('sign_up', signupArgs(upcoming, { p_phone: takenPhone, p_request_id: takenRequestId }));
  expect(first.status).toBe(200);
});

type Case = [label: string, over: () => Record<string, unknown>, code: string, hint?: string];
const long = 'x'.repeat(10_000);

const businessCases: Case[] = [
  ['empty name', () => ({ p_name: '' }), 'name_required', 'name'],
  ['blank name', () => ({ p_name: '   ' }), 'name_required', 'name'],
  ['ideographic-space name', () => ({ p_name: '\u3000\u3000' }), 'name_required', 'name'],
  ['null name', () => ({ p_name: null }), 'name_required', 'name'],
  ['10,000-character name', () => ({ p_name: long }), 'name_too_long', 'name'],
  ['41-character name', () => ({ p_name: '张'.repeat(41) }), 'name_too_long', 'name'],
  ['HTML script name', () => ({ p_name: '<script>alert(1)</script>' }), 'name_invalid', 'name'],
  ['HTML img name', () => ({ p_name: '<img src=x onerror=alert(1)>' }), 'name_invalid', 'name'],
  ['SQL drop-table name', () => ({ p_name: "Robert'); DROP TABLE xinghuo.signups;--" }), 'name_invalid', 'name'],
  ['SQL tautology name', () => ({ p_name: "' OR '1'='1" }), 'name_invalid', 'name'],
  ['name with digits', () => ({ p_name: '张三123' }), 'name_invalid', 'name'],
  ['name as a JSON number', () => ({ p_name: 123 }), 'name_invalid', 'name'],
  ['name as a JSON array', () => ({ p_name: ['张三'] }), 'name_invalid', 'name'],
  ['name as a JSON object', () => ({ p_name: { first: '张' } }), 'name_invalid', 'name'],
  ['name with a control character', () => ({ p_name: '张\u0007三' }), 'name_invalid', 'name'],
  ['empty phone', () => ({ p_phone: '' }), 'phone_required', 'phone'],
  ['null phone', () => ({ p_phone: null }), 'phone_required', 'phone'],
  ['five-digit phone', () => ({ p_phone: '12345' }), 'phone_invalid', 'phone'],
  ['phone starting 12', () => ({ p_phone: '12812345678' }), 'phone_invalid', 'phone'],
  ['10-digit phone', () => ({ p_phone: '1381234567' }), 'phone_invalid', 'phone'],
  ['12-digit phone', () => ({ p_phone: '138123456789' }), 'phone_invalid', 'phone'],
  ['landline', () => ({ p_phone: '0532-88888888' }), 'phone_invalid', 'phone'],
  ['phone with letters', () => ({ p_phone: '138abcd5678' }), 'phone_invalid', 'phone'],
  ['10,000-digit phone', () => ({ p_phone: '1'.repeat(10_000) }), 'phone_invalid', 'phone'],
  ['SQL in phone', () => ({ p_phone: "13812345678' OR '1'='1" }), 'phone_invalid', 'phone'],
  ['HTML in phone', () => ({ p_phone: '<b>13812345678</b>' }), 'phone_invalid', 'phone'],
  ['US number', () => ({ p_phone: '+1 415 555 0100' }), 'phone_invalid', 'phone'],
  ['full-width letters in a phone', () => ({ p_phone: '１３８ａｂｃｄ５６７８' }), 'phone_invalid', 'phone'],
  ['phone as a JSON boolean', () => ({ p_phone: true }), 'phone_invalid', 'phone'],
  ['10,000-character organisation', () => ({ p_organisation: long }), 'organisation_too_long', 'organisation'],
  ['61-character organisation', () => ({ p_organisation: '单'.repeat(61) }), 'organisation_too_long', 'organisation'],
  ['HTML organisation', () => ({ p_organisation: '<script>alert(1)</script>' }), 'organisation_invalid', 'organisation'],
  ['SQL organisation', () => ({ p_organisation: "x'; DELETE FROM xinghuo.signups; --" }), 'organisation_invalid', 'organisation'],
  ['missing request id', () => ({ p_request_id: null }), 'request_id_invalid', 'request_id'],
  ['request id not a uuid', () => ({ p_request_id: 'retry-1' }), 'request_id_invalid', 'request_id'],
  ['request id with SQL', () => ({ p_request_id: "' OR '1'='1" }), 'request_id_invalid', 'request_id'],
  ['request id of another sign-up', () => ({ p_request_id: takenRequestId }), 'request_id_reused', 'request_id'],
  ['empty role', () => ({ p_role: '' }), 'role_invalid', 'role'],
  ['unknown role', () => ({ p_role: 'admin' }), 'role_invalid', 'role'],
  ['null role', () => ({ p_role: null }), 'role_invalid', 'role'],
  ['SQL in role', () => ({ p_role: "volunteer' OR 1=1 --" }), 'role_invalid', 'role'],
  ['upper-case role', () => ({ p_role: 'VOLUNTEER' }), 'role_invalid', 'role'],
  ['role with 0 slots', () => ({ p_role: 'police' }), 'role_has_no_slots', 'role'],
  ['role the event does not list', () => ({ p_role: 'lawyer' }), 'role_has_no_slots', 'role'],
  ['consent false', () => ({ p_consent: false }), 'consent_required', 'consent'],
  ['consent null', () => ({ p_consent: null }), 'consent_required', 'consent'],
  ['consent as the string "false"', () => ({ p_consent: 'false' }), 'consent_required', 'consent'],
  ['empty notice version', () => ({ p_consent_version: '' }), 'consent_version_unknown', 'consent'],
  ['unknown notice version', () => ({ p_consent_version: '1999-01' }), 'consent_version_unknown', 'consent'],
  ['null notice version', () => ({ p_consent_version: null }), 'consent_version_unknown', 'consent'],
  ['unknown event', () => ({ p_event_slug: 'no-such-event' }), 'event_not_found', 'event'],
  ['empty event slug', () => ({ p_event_slug: '' }), 'event_not_found', 'event'],
  ['10,000-character slug', () => ({ p_event_slug: long }), 'event_not_found', 'event'],
  ['SQL in slug', () => ({ p_event_slug: "x' or '1'='1" }), 'event_not_found', 'event'],
  ['draft event (never published or unpublished)', () => ({ p_event_slug: draft }), 'event_not_found', 'event'],
  ['past event', () => ({ p_event_slug: past }), 'event_past', 'event'],
  ['cancelled event', () => ({ p_event_slug: cancelled }), 'event_cancelled', 'event'],
  ['honeypot filled', () => ({ p_website: 'http://spam.example' }), 'honeypot', 'website'],
  ['honeypot with spaces around text', () => ({ p_website: ' x ' }), 'honeypot', 'website'],
];

describe('sign_up refuses bad input with a specific code and stores nothing', () => {
  // Read from the deployed function, so a refusal added to sign_up without a case here fails the suite.
  it('has a case for every code public.sign_up refuses with', async () => {
    const [fn] = await sql<{ src: string }>(`select prosrc as src from pg_proc where oid = 'public.sign_up'::regproc`);
    const raised = new Set([...fn!.src.matchAll(/signup_fail\(\s*'([a-z_]+)'/g)].map((m) => m[1]!));
    expect(raised.size).toBeGreaterThanOrEqual(15);
    const covered = new Set(businessCases.map(([, , code]) => code));
    expect([...raised].filter((code) => !covered.has(code))).toEqual([]);
  });

  it.each(businessCases)('%s → %s', async (_label, over, code, hint) => {
    const before = await storedRows();
    const res = await api('sign_up', signupArgs(upcoming, over()));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'P0001', message: code, hint });
    expect(await storedRows()).toEqual(before);
  });
});

describe('malformed requests are refused by the API layer and store nothing', () => {
  const cases: [string, () => unknown, number, string][] = [
    ['consent as a non-boolean string', () => signupArgs(upcoming, { p_consent: 'maybe' }), 400, '22P02'],
    ['missing required argument', () => {
      const { p_consent: _omit, ...rest } = signupArgs(upcoming);
      return rest;
    }, 404, 'PGRST202'],
    ['unknown extra argument', () => signupArgs(upcoming, { p_admin: true }), 404, 'PGRST202'],
    ['body is an array', () => [signupArgs(upcoming)], 400, 'PGRST102'],
  ];
  it.each(cases)('%s → %s %s', async (_label, body, status, code) => {
    const before = await storedRows();
    const res = await api('sign_up', body());
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await storedRows()).toEqual(before);
  });
});
