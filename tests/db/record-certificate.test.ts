// 志愿时长证明: serials unique (constraint) and unguessable, one certificate per set of figures,
// and the public verification answering exactly the masked name, period, hours and count.
import { beforeAll, describe, expect, it } from 'vitest';
import { rpc, sql, tokens, type Tokens } from './harness';
import { attend, eventYear, moveEvent, volunteer, type Volunteer } from './record-fixtures';

let t: Tokens;
let v: Volunteer;
let year: number;
let serial: string;
beforeAll(async () => {
  t = await tokens();
  v = await volunteer({ keepRecord: true, name: '王小明' });
  await moveEvent(v.eventId, 4, 3);
  await attend(v.signupId, 0, 150); // 2.5 h
  year = await eventYear(v.eventId);
  const res = await rpc('request_certificate', { p_token: v.recordToken, p_year: year });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  serial = res.body.serial;
});

describe('serials', () => {
  it('look like XH<year>-<12 of 32 letters> and do not repeat', async () => {
    expect(serial).toMatch(new RegExp(`^XH${year}-[A-HJ-NP-Z2-9]{12}$`));
    const rows = await sql<{ s: string }>(`select xinghuo.new_certificate_serial(2026) as s from generate_series(1, 500)`);
    expect(new Set(rows.map((r) => r.s)).size).toBe(500);
  });

  it('are unique by constraint', async () => {
    await expect(sql(
      `insert into xinghuo.volunteer_certificates (serial, record_id, year, period_from, period_to, minutes, events_count)
       select serial, record_id, year, period_from, period_to, minutes, events_count from xinghuo.volunteer_certificates where serial = $1`,
      [serial])).rejects.toMatchObject({ code: '23505' });
  });

  it('the same figures give the same certificate; more hours a new one', async () => {
    const same = await rpc('request_certificate', { p_token: v.recordToken, p_year: year });
    expect(same.body.serial).toBe(serial);
    await attend(v.signupId, 0, 180);
    const more = await rpc('request_certificate', { p_token: v.recordToken, p_year: year });
    expect(more.body.serial).not.toBe(serial);
    const old = await rpc('verify_certificate', { p_serial: serial });
    expect(old.body.hours).toBe(2.5); // the older one still says what it certified
    await attend(v.signupId, 0, 150);
  });
});

describe('verify_certificate', () => {
  it('answers exactly the six stated fields, the name masked', async () => {
    const res = await rpc('verify_certificate', { p_serial: ` ${serial.toLowerCase()} ` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['events', 'hours', 'name', 'period_from', 'period_to', 'serial']);
    expect(res.body).toMatchObject({ serial, name: '王*明', hours: 2.5, events: 1 });
    expect(res.body.period_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(res.body)).not.toContain(v.phone);
  });

  it('masks names of every length', async () => {
    const rows = await sql(`select xinghuo.mask_name(n) as m from unnest(array['王小明','李雷','欧阳娜娜','林']) with ordinality u(n, i) order by i`);
    expect(rows.map((r) => r.m)).toEqual(['王*明', '李*', '欧**娜', '*']);
  });

  it('bad and unknown serials have their own codes', async () => {
    expect((await rpc('verify_certificate', { p_serial: 'nope' })).body.message).toBe('certificate_serial_invalid');
    expect((await rpc('verify_certificate', { p_serial: null })).body.message).toBe('certificate_serial_invalid');
    expect((await rpc('verify_certificate', { p_serial: `XH${year}-AAAAAAAAAAAA` })).body.message).toBe('certificate_not_found');
  });

  it('anon, signed-in and coordinator may verify; the service role holds no grant', async () => {
    for (const token of [t.anon, t.user, t.coordinator]) {
      expect((await rpc('verify_certificate', { p_serial: serial }, token)).status).toBe(200);
    }
    expect((await rpc('verify_certificate', { p_serial: serial }, t.service)).status).toBe(403);
  });
});

describe('request_certificate and certificate_pdf', () => {
  it('refuse a year without hours, a bad year, and another record\'s serial', async () => {
    const none = await rpc('request_certificate', { p_token: v.recordToken, p_year: 2001 });
    expect(none.body.message).toBe('certificate_no_hours');
    const future = await rpc('request_certificate', { p_token: v.recordToken, p_year: year + 2 });
    expect(future.body.message).toBe('certificate_year_invalid');
    const other = await volunteer({ keepRecord: true });
    const foreign = await rpc('certificate_pdf', { p_token: other.recordToken, p_serial: serial });
    expect(foreign.body.message).toBe('certificate_not_found');
    const before = await sql(`select count(*)::int as n from xinghuo.volunteer_certificates`);
    expect((await rpc('request_certificate', { p_token: 'bad', p_year: year })).body.message).toBe('record_token_invalid');
    expect(await sql(`select count(*)::int as n from xinghuo.volunteer_certificates`)).toEqual(before);
  });

  it('the record holder gets the PDF once the worker stored it; the caller kind does not matter, the token does', async () => {
    await sql(`select xinghuo.store_certificate_pdf($1, convert_to('%PDF-test', 'UTF8'))`, [serial]);
    for (const token of [t.anon, t.user, t.coordinator]) {
      const res = await rpc('certificate_pdf', { p_token: v.recordToken, p_serial: serial }, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.ready).toBe(true);
      expect(Buffer.from(res.body.pdf, 'base64').toString()).toBe('%PDF-test');
    }
    const calls: [string, Record<string, unknown>][] = [
      ['request_certificate', { p_token: v.recordToken, p_year: year }],
      ['certificate_pdf', { p_token: v.recordToken, p_serial: serial }],
    ];
    for (const [fn, args] of calls) expect((await rpc(fn, args, t.service)).status, fn).toBe(403);
  });
});
