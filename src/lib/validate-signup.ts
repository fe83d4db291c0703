// The sign-up rules, repeated in the browser for instant feedback. PostgreSQL (public.sign_up) is
// the authority and applies the same rules again; keep both in step (tests/db checks the DB side).

export type SignupField = 'role' | 'name' | 'phone' | 'organisation' | 'consent';

export interface SignupFormValues {
  role: string;
  name: string;
  phone: string;
  organisation: string;
  consent: boolean;
}

export interface FieldProblem {
  field: SignupField;
  code: string;
}

export const NAME_MAX = 40;
export const ORGANISATION_MAX = 60;

// Same character classes as xinghuo.name_has_bad_chars / organisation_has_bad_chars.
const nameBadChars = /[0-9０-９!"#$%&'()*+,/:;<=>?@[\\\]^_`{|}~\u0000-\u001f\u007f\u0080-\u009f\u2028\u2029]/;
const organisationBadChars = /[<>"'`;=\\{}\u0000-\u001f\u007f]/;
const mainlandMobile = /^1[3-9][0-9]{9}$/;

// Characters that show nothing (zero-width, bidi controls, fillers, variation selectors, tags):
// removed anywhere, as xinghuo.clean_text does, so a name of only these is empty.
const invisibleChars =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E0FFF}]/gu;
// Every Unicode space (and tab, CR, LF), trimmed at both ends.
const edgeSpaces = /^[ \t\r\n\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+|[ \t\r\n\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+$/g;
// Spaces and dashes of every kind inside a phone number (full-width "－" is folded to "-" first).
const phoneSeparators = /[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u2010-\u2015\u2212\uFE63-]/g;

/** Removes invisible characters, then trims spaces of every kind, as the database does. */
export function cleanText(value: string): string {
  return value.replace(invisibleChars, '').replace(edgeSpaces, '');
}

/** Full-width digits, "＋" and "－" → ASCII (what Chinese input methods type in full-width mode). */
function foldFullWidth(value: string): string {
  return value.replace(/[０-９＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** "１３８ １２３４－５６７８" or "+86 13812345678" → "13812345678" (folded; spaces, dashes, country code dropped). */
export function normalisePhone(value: string): string {
  return foldFullWidth(cleanText(value)).replace(phoneSeparators, '').replace(/^(\+86|0086)/, '');
}

/**
 * Every problem, in form order (the first one gets focus). Empty array = looks valid. `offeredRoles`:
 * the role ids this event's form offers (roles are the coordinators' catalogue, not a fixed list).
 */
export function validateSignup(v: SignupFormValues, offeredRoles: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!offeredRoles.includes(v.role)) problems.push({ field: 'role', code: 'role_invalid' });

  const name = cleanText(v.name);
  if (name === '') problems.push({ field: 'name', code: 'name_required' });
  else if ([...name].length > NAME_MAX) problems.push({ field: 'name', code: 'name_too_long' });
  else if (nameBadChars.test(name)) problems.push({ field: 'name', code: 'name_invalid' });

  const phone = normalisePhone(v.phone);
  if (phone === '') problems.push({ field: 'phone', code: 'phone_required' });
  else if (!mainlandMobile.test(phone)) problems.push({ field: 'phone', code: 'phone_invalid' });

  const organisation = cleanText(v.organisation);
  if ([...organisation].length > ORGANISATION_MAX) problems.push({ field: 'organisation', code: 'organisation_too_long' });
  else if (organisationBadChars.test(organisation)) problems.push({ field: 'organisation', code: 'organisation_invalid' });

  if (v.consent !== true) problems.push({ field: 'consent', code: 'consent_required' });
  return problems;
}
