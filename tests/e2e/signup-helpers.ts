import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { anonKey } from '../../supabase/local/keys.mjs';
import { e2eMessagePorts, e2ePorts } from '../../scripts/e2e-env.mjs';
import { liveBoxSlug } from '../../scripts/e2e-programme.mjs';

// The API of the e2e stack (override only to run these specs against another stack).
export const apiUrl = process.env.XINGHUO_E2E_API_URL ?? `http://127.0.0.1:${e2ePorts.api}`;

let counter = 0;
/** A mobile number no other test uses (time + worker-local counter). */
export function uniquePhone(): string {
  counter += 1;
  const n = (Date.now() * 10 + counter + Math.floor(Math.random() * 10)) % 100_000_000;
  return `15${(counter % 7) + 2}${String(n).padStart(8, '0')}`;
}

// All from 127.0.0.1: the gateway takes the client address from the socket (as a proxy would), so the
// per-client sign-up limit counts the whole e2e run (browser and these calls) as one client.
export async function rpc(request: APIRequestContext, fn: string, args: Record<string, unknown>) {
  const res = await request.post(`${apiUrl}/rest/v1/rpc/${fn}`, {
    headers: { apikey: anonKey, Authorization: `Bearer ${anonKey}`, 'Content-Type': 'application/json' },
    data: args,
  });
  return { status: res.status(), body: await res.json().catch(() => null) };
}

// The message viewer of the e2e stack (Mailpit's JSON shape): every SMS the real worker delivered.
export const viewerUrl = `http://127.0.0.1:${e2eMessagePorts.viewer}`;

/** The text (the list's Snippet: an SMS is shorter than it) of the newest SMS to `phone` matching `pattern`, once delivered. */
export async function smsTo(request: APIRequestContext, phone: string, pattern: RegExp): Promise<string> {
  let text: string | undefined;
  await expect.poll(async () => {
    const { messages } = (await (await request.get(`${viewerUrl}/api/v1/messages`)).json()) as { messages: { To: { Address: string }[]; Snippet: string }[] };
    text = messages.find((m) => m.To.some((t) => t.Address.endsWith(phone)) && pattern.test(m.Snippet))?.Snippet;
    return text !== undefined;
  }, { timeout: 20_000, message: `an SMS to the number matching ${pattern}` }).toBe(true);
  return text!;
}

/** The verification code texted to `phone`. */
export async function smsCode(request: APIRequestContext, phone: string): Promise<string> {
  return /验证码(\d{6})/.exec(await smsTo(request, phone, /验证码\d{6}/))![1]!;
}

/** sign_up then verify_signup with the code from the viewer, as a volunteer with their phone would. */
export async function signUpViaApi(request: APIRequestContext, slug: string, role: string, phone = uniquePhone(), name = '接口志愿者') {
  const requestId = randomUUID();
  const res = await rpc(request, 'sign_up', {
    p_request_id: requestId, p_event_slug: slug, p_role: role, p_name: name, p_phone: phone, p_organisation: '',
    p_consent: true, p_consent_version: '2026-11', p_website: '',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.status).toBe('pending');
  const verified = await rpc(request, 'verify_signup', { p_request_id: requestId, p_code: await smsCode(request, phone) });
  expect(verified.body.verified, JSON.stringify(verified.body)).toBe(true);
  return verified.body as { status: string; waitlist_position: number | null; cancel_token: string; checkin_code: string };
}

/** The code step of the form: types the code texted to `phone`. */
export async function enterCode(page: Page, phone: string): Promise<void> {
  await expect(page.getByRole('heading', { name: '请输入短信验证码' })).toBeFocused();
  await page.locator('#signup-code').fill(await smsCode(page.request, phone));
  await page.getByRole('button', { name: '确认验证码' }).click();
}

export async function availability(request: APIRequestContext, slug: string) {
  const res = await rpc(request, 'event_availability', { p_event_slug: slug });
  expect(res.status).toBe(200);
  return res.body.roles as { id: string; label: string; slots: number; confirmed: number; waitlisted: number }[];
}

/**
 * Event pages that carry the sign-up form (upcoming, scheduled, with places), found from the built
 * /events/ list at test time, latest first — content dates are never hard-coded.
 */
export async function signupEventSlugs(page: Page): Promise<string[]> {
  const list = await (await page.request.get('/events/')).text();
  // The live-box event is moved and cancelled by its own spec while the others run.
  const slugs = [...new Set([...list.matchAll(/href="\/events\/([a-z0-9-]+)\/"/g)].map((m) => m[1]!))].filter((s) => s !== liveBoxSlug);
  const withForm: string[] = [];
  for (const slug of slugs) {
    const html = await (await page.request.get(`/events/${slug}/`)).text();
    if (html.includes('data-signup-form')) withForm.push(slug);
  }
  expect(withForm.length, 'upcoming events with a sign-up form').toBeGreaterThanOrEqual(3);
  return withForm.sort().reverse();
}

/** Opens an event page and waits until the form is hydrated (its submit button turns on). */
export async function openForm(page: Page, slug: string): Promise<void> {
  await page.goto(`/events/${slug}/`);
  const form = page.locator('[data-signup-form]');
  await form.scrollIntoViewIfNeeded();
  await expect(form.getByRole('button', { name: '提交报名' })).toBeEnabled();
}

export async function fillForm(page: Page, v: { role?: string; name?: string; phone?: string; organisation?: string; consent?: boolean }) {
  if (v.role) await page.locator(`#signup-role-${v.role}`).check();
  if (v.name !== undefined) await page.locator('#signup-name').fill(v.name);
  if (v.phone !== undefined) await page.locator('#signup-phone').fill(v.phone);
  if (v.organisation !== undefined) await page.locator('#signup-organisation').fill(v.organisation);
  if (v.consent) await page.locator('#signup-consent').check();
}

/** The error text linked to a field through aria-describedby (and the field is marked invalid). */
export async function fieldError(page: Page, fieldSelector: string): Promise<string> {
  const field = page.locator(fieldSelector);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  expect(ids).toHaveLength(1);
  return (await page.locator(`#${ids[0]}`).innerText()).trim();
}
