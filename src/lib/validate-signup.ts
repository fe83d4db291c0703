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
const roleIds = ['bank_staff', 'police', 'street_office', 'lawyer', 'volunteer'];

// Same character classes as xinghuo.name_has_bad_chars / organisation_has_bad_chars.
const nameBadChars = /[0-9０-９!"#$%&'()*+,/:;<=>?@[\\\]^_`{|}~\u0000-\u001f\u007f]/;
const organisationBadChars = /[<>"'`;=\\{}\u0000-\u001f\u007f]/;
const mainlandMobile = /^1[3-9][0-9]{9}$/;

/** Trims ASCII and ideographic spaces, as the database does. */
export function cleanText(value: string): string {
  return value.replace(/^[ \t\r\n\u3000]+|[ \t\r\n\u3000]+$/g, '');
}

/** "138 1234-5678" or "+86 13812345678" → "13812345678" (spaces, dashes, country code dropped). */
export function normalisePhone(value: string): string {
  return cleanText(value).replace(/[ \u3000-]/g, '').replace(/^(\+86|0086)/, '');
}

/** Every problem, in form order (the first one gets focus). Empty array = looks valid. */
export function validateSignup(v: SignupFormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!roleIds.includes(v.role)) problems.push({ field: 'role', code: 'role_invalid' });

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
