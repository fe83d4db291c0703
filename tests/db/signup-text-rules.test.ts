// The name and phone rules of the README, per character class, through the API — and the SQL
// helpers held equal to the browser's copy (src/lib/validate-signup.ts) on every sample.
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanText, normalisePhone, validateSignup } from '../../src/lib/validate-signup';
import { createEvent, sql } from './harness';
import { api, randomPhone, signupArgs, storedRows } from './signup-fixtures';

// One sample string per class of character that shows nothing on screen.
const invisible: [label: string, chars: string][] = [
  ['zero-width space, joiners, word joiner, BOM', '\u200B\u200C\u200D\u2060\uFEFF'],
  ['bidi marks, embeddings, overrides, isolates', '\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069'],
  ['soft hyphen, grapheme joiner, invisible operators', '\u00AD\u034F\u2061\u2062\u2063\u2064'],
  ['Hangul fillers, Mongolian vowel separator', '\u115F\u1160\u3164\uFFA0\u180E'],
  ['variation selectors and tag characters', '\uFE0F\u{E0041}\u{E0100}'],
  ['no-break, em, narrow and ideographic spaces', '\u00A0\u2003\u202F\u205F\u3000'],
];

// Each with its own number, so the per-phone limit never joins in.
const foldedPhones: [label: string, typed: string, stored: string][] = [
  ['full-width digits', '１３８１２３４５６７１', '13812345671'],
  ['full-width plus, country code and hyphens', '＋８６ １３８－１２３４－５６７２', '13812345672'],
  ['full-width digits with ideographic spaces', '１３８　１２３４　５６７３', '13812345673'],
  ['dashes an input method types', '138—1234–5674', '13812345674'],
  ['no-break and thin spaces', '138\u00A01234\u20095675', '13812345675'],
  ['a zero-width space pasted with it', '\u200B13812345676\u200B', '13812345676'],
];

let slug = '';
beforeAll(async () => {
  slug = (await createEvent({ slots: { volunteer: 50 } })).slug;
});
const tsCodes = (name: string, phone: string) =>
  validateSignup({ role: 'volunteer', name, phone, organisation: '', consent: true }, ['volunteer']).map((p) => p.code);

describe('names of invisible characters only', () => {
  it.each(invisible)('%s → name_required, nothing stored (TS says the same)', async (_label, chars) => {
    const before = await storedRows();
    const res = await api('sign_up', signupArgs(slug, { p_name: chars }));
    expect(res.body).toMatchObject({ message: 'name_required', hint: 'name' });
    expect(await storedRows()).toEqual(before);
    expect(tsCodes(chars, '13812345678')).toEqual(['name_required']);
  });
});

describe('invisible characters inside a name are stripped before it is checked and stored', () => {
  it.each(invisible.filter(([label]) => !label.includes('spaces')))('%s', async (_label, chars) => {
    const ev = await createEvent();
    const res = await api('sign_up', signupArgs(ev.slug, { p_name: `${chars}王${chars}小明${chars}` }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [row] = await sql(`select name from xinghuo.signups where event_id = $1`, [ev.id]);
    expect(row.name).toBe('王小明');
    expect(tsCodes(`王${chars}小明`, '13812345678')).toEqual([]);
  });

  it('other control and line-break characters inside a name are refused', async () => {
    const ev = await createEvent();
    for (const ch of ['\u0085', '\u009B', '\u2028', '\u2029']) {
      const res = await api('sign_up', signupArgs(ev.slug, { p_name: `王${ch}小明` }));
      expect(res.body.message, JSON.stringify(ch)).toBe('name_invalid');
      expect(tsCodes(`王${ch}小明`, '13812345678')).toEqual(['name_invalid']);
    }
  });
});

describe('phones typed in full width or with other dashes and spaces are folded, then checked', () => {
  it.each(foldedPhones)('%s', async (_label, typed, stored) => {
    const ev = await createEvent();
    const res = await api('sign_up', signupArgs(ev.slug, { p_phone: typed }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [row] = await sql(`select phone from xinghuo.signups where event_id = $1`, [ev.id]);
    expect(row.phone).toBe(stored);
    expect(normalisePhone(typed)).toBe(stored);
  });

  it('a folded number is the same number: the one-place rule sees through the width', async () => {
    const ev = await createEvent();
    const phone = randomPhone();
    expect((await api('sign_up', signupArgs(ev.slug, { p_phone: phone }))).status).toBe(200);
    const wide = [...phone].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect((await api('sign_up', signupArgs(ev.slug, { p_phone: wide }))).status).toBe(200);
    const [{ n }] = await sql(`select count(*)::int as n from xinghuo.signups where event_id = $1`, [ev.id]);
    expect(n).toBe(1);
  });

  it('full-width letters or an ideographic digit are still not a number', async () => {
    for (const typed of ['１３８ａｂｃｄ５６７８', '一三八一二三四五六七八']) {
      expect((await api('sign_up', signupArgs(slug, { p_phone: typed }))).body.message).toBe('phone_invalid');
      expect(tsCodes('王小明', typed)).toEqual(['phone_invalid']);
    }
  });
});

describe('the SQL helpers and src/lib/validate-signup.ts agree', () => {
  const samples = [
    ...invisible.flatMap(([, chars]) => [chars, ` ${chars}王${chars}五 ${chars}`]),
    ...foldedPhones.map(([, typed]) => typed),
    '  王 五 ', '\u3000中国银行（市南支行） ', '+86 137-0000 1111', '0086-13812345678', '１３８ａｂｃｄ５６７８',
  ];
  it('cleanText = xinghuo.clean_text and normalisePhone = xinghuo.normalise_phone on every sample', async () => {
    const rows = await sql<{ clean: string; phone: string }>(
      `select xinghuo.clean_text(s) as clean, xinghuo.normalise_phone(s) as phone from unnest($1::text[]) with ordinality as t(s, i) order by i`,
      [samples],
    );
    expect(rows).toEqual(samples.map((s) => ({ clean: cleanText(s), phone: normalisePhone(s) })));
  });
});
