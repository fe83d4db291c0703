// One request id per sign-up submission (public.sign_up's p_request_id), kept until that
// submission gets a definite answer. When an answer is lost (network drop, timeout, the phone
// locks), sending the same values again — even after reloading the page — reuses the id, and the
// database returns the sign-up it already made (the same pending hold, no second code). Kept in
// sessionStorage (this tab only, gone when it closes) under a SHA-256 fingerprint of the values,
// so the stored entry holds no name or number; the id itself is as private as the manage link.
import { cleanText, normalisePhone, type SignupFormValues } from './validate-signup';

export type RequestIdStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const storageKey = (eventSlug: string) => `xinghuo.signup-request.${eventSlug}`;

async function fingerprint(eventSlug: string, v: SignupFormValues): Promise<string> {
  // Normalised as the database will see them: re-sending with other spacing is the same submission.
  const text = JSON.stringify([eventSlug, v.role, cleanText(v.name), normalisePhone(v.phone), cleanText(v.organisation), v.consent]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The id of this submission: the kept one if the values are unchanged, else a new one (kept). */
export async function signupRequestId(
  store: RequestIdStore,
  eventSlug: string,
  values: SignupFormValues,
  newId: () => string = () => crypto.randomUUID(),
): Promise<string> {
  const print = await fingerprint(eventSlug, values);
  try {
    const kept = JSON.parse(store.getItem(storageKey(eventSlug)) ?? 'null') as { print?: string; id?: string } | null;
    if (kept?.print === print && typeof kept.id === 'string') return kept.id;
  } catch {
    // A damaged entry is a new submission.
  }
  const id = newId();
  store.setItem(storageKey(eventSlug), JSON.stringify({ print, id }));
  return id;
}

/** After a definite answer (shown result or refusal) the next submission is a new one. */
export function forgetSignupRequestId(store: RequestIdStore, eventSlug: string): void {
  store.removeItem(storageKey(eventSlug));
}
