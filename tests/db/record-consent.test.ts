// The volunteer record (issue 14) is kept only with its own consent, survives the 90-day
// anonymisation with name and hours only for those who gave it, and is erased on withdrawal.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { api } from './signup-fixtures';
import { attend, eventYear, moveEvent, myRecord, RECORD_CONSENT_VERSION, recordTokenSentTo, volunteer } from './record-fixtures';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

async function recordOf(phone: string) {
  const [row] = await sql(`select * from xinghuo.volunteer_records where phone_hash = xinghuo.record_phone_hash($1)`, [phone]);
  return row;
}

/** Ends the event 100 days ago with the volunteer present 90 minutes, then runs the daily anonymisation. */
async function serveLongAgoAndAnonymise(eventId: number, signupId: number): Promise<void> {
  await sql(`update xinghuo.signups set checked_in_at = null where id = $1`, [signupId]);
  await moveEvent(eventId, 100 * 24 + 2, 2);
  await attend(signupId, 0, 90);
  const anonymised = await rpc('anonymise_expired_signups', { p_retention_days: 90 }, t.service);
  expect(anonymised.status, JSON.stringify(anonymised.body)).toBe(200);
}

describe('without the record consent nothing changes', () => {
  it('keeps no record, sends no record link, and anonymisation leaves no name behind', async () => {
    const v = await volunteer({ keepRecord: false });
    expect(await recordOf(v.phone)).toBeUndefined();
    expect(await recordTokenSentTo(v.phone)).toBeNull();
    await serveLongAgoAndAnonymise(v.eventId, v.signupId);
    const [row] = await sql(`select name, phone, record_id from xinghuo.signups where id = $1`, [v.signupId]);
    expect(row).toEqual({ name: null, phone: null, record_id: null });
  });
});

describe('with the record consent', () => {
  it('keeps name and hours past anonymisation, keyed on a phone hash (no phone in the record)', async () => {
    const v = await volunteer({ keepRecord: true, name: '王小明' });
    const record = await recordOf(v.phone);
    expect(record).toMatchObject({ name: '王小明', consent_version: RECORD_CONSENT_VERSION });
    expect(JSON.stringify(record)).not.toContain(v.phone);
    expect(v.recordToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash of the link's token is stored.
    const [stored] = await sql(`select count(*)::int as n from xinghuo.volunteer_records where token_hash = extensions.digest($1, 'sha256')`, [v.recordToken]);
    expect(stored.n).toBe(1);

    await serveLongAgoAndAnonymise(v.eventId, v.signupId);
    const [row] = await sql(`select name, phone, record_id from xinghuo.signups where id = $1`, [v.signupId]);
    expect(row).toMatchObject({ name: null, phone: null, record_id: record.id });
    const mine = await myRecord(v.recordToken!);
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.name).toBe('王小明');
    expect(mine.body.services).toHaveLength(1);
    expect(mine.body.services[0].hours).toBe(1.5);
    expect(mine.body.years[0]).toMatchObject({ events: 1, hours: 1.5 });
  });

  it("a later sign-up from the same number joins the record", async () => {
    const first = await volunteer({ keepRecord: true });
    const second = await volunteer({ keepRecord: false, phone: first.phone });
    const [row] = await sql(`select record_id from xinghuo.signups where id = $1`, [second.signupId]);
    expect(row.record_id).toBe((await recordOf(first.phone)).id);
  });

  it('withdrawing from the record page erases it: no name, no link, no certificate', async () => {
    const v = await volunteer({ keepRecord: true });
    await moveEvent(v.eventId, 3, 2);
    await attend(v.signupId, 0, 60);
    const cert = await rpc('request_certificate', { p_token: v.recordToken, p_year: await eventYear(v.eventId) });
    expect(cert.status, JSON.stringify(cert.body)).toBe(200);
    const recordId = (await recordOf(v.phone)).id;
    const out = await rpc('withdraw_volunteer_record', { p_token: v.recordToken });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(await recordOf(v.phone)).toBeUndefined();
    const [left] = await sql(
      `select (select count(*) from xinghuo.signups where record_id = $1)::int as signups,
              (select count(*) from xinghuo.volunteer_certificates where record_id = $1)::int as certificates`, [recordId]);
    expect(left).toEqual({ signups: 0, certificates: 0 });
    const again = await myRecord(v.recordToken!);
    expect(again.status).toBe(400);
    expect(again.body.message).toBe('record_not_found');
  });

  it('withdrawing the sign-up consent (manage link) erases the record too', async () => {
    const v = await volunteer({ keepRecord: true });
    const out = await api('withdraw_signup', { p_token: v.manageToken });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(await recordOf(v.phone)).toBeUndefined();
  });

  it('a second consent within the hour sends no second link (the first one keeps working)', async () => {
    const v = await volunteer({ keepRecord: true });
    const again = await api('keep_volunteer_record', { p_token: v.manageToken, p_consent_version: RECORD_CONSENT_VERSION });
    expect(again.body).toEqual({ kept: true, link_sent: false });
    expect(await recordTokenSentTo(v.phone)).toBe(v.recordToken);
    expect((await myRecord(v.recordToken!)).status).toBe(200);
  });
});

describe('bad input stores nothing', () => {
  it('unknown consent version, malformed and unknown tokens each have their own code', async () => {
    const v = await volunteer({ keepRecord: false });
    const cases: [string, Record<string, unknown>, string][] = [
      ['keep_volunteer_record', { p_token: v.manageToken, p_consent_version: '1999-01' }, 'consent_version_unknown'],
      ['keep_volunteer_record', { p_token: v.manageToken, p_consent_version: null }, 'consent_version_unknown'],
      ['keep_volunteer_record', { p_token: 'short', p_consent_version: RECORD_CONSENT_VERSION }, 'token_invalid'],
      ['keep_volunteer_record', { p_token: 'x'.repeat(43), p_consent_version: RECORD_CONSENT_VERSION }, 'token_not_found'],
      ['my_volunteer_record', { p_token: 'short' }, 'record_token_invalid'],
      ['my_volunteer_record', { p_token: 'x'.repeat(43) }, 'record_not_found'],
      ['withdraw_volunteer_record', { p_token: null }, 'record_token_invalid'],
    ];
    for (const [fn, args, code] of cases) {
      const res = await api(fn, args);
      expect(res.status, `${fn} ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.message).toBe(code);
    }
    expect(await recordOf(v.phone)).toBeUndefined();
  });
});

describe('access: the token decides, not the caller', () => {
  it('anon, a signed-in volunteer and a coordinator may use a record link; the service role may not', async () => {
    const v = await volunteer({ keepRecord: true });
    for (const token of [t.anon, t.user, t.coordinator]) {
      const ok = await rpc('my_volunteer_record', { p_token: v.recordToken }, token);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      const refused = await rpc('my_volunteer_record', { p_token: 'y'.repeat(43) }, token);
      expect(refused.body.message).toBe('record_not_found');
    }
    for (const fn of ['keep_volunteer_record', 'withdraw_volunteer_record', 'my_volunteer_record']) {
      const service = await rpc(fn, { p_token: v.recordToken, ...(fn === 'keep_volunteer_record' ? { p_consent_version: RECORD_CONSENT_VERSION } : {}) }, t.service);
      expect(service.status, fn).toBe(403);
    }
    for (const token of [t.anon, t.user, t.coordinator]) {
      const kept = await rpc('keep_volunteer_record', { p_token: v.manageToken, p_consent_version: RECORD_CONSENT_VERSION }, token);
      expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    }
    const out = await rpc('withdraw_volunteer_record', { p_token: v.recordToken }, t.user);
    expect(out.status).toBe(200);
  });
});
