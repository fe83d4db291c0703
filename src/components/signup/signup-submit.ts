// The sign-up form's submit path, loaded on first focus or submit (see SignupForm.astro): checks the
// fields for instant feedback, calls public.sign_up (the authority: it holds the place and texts a
// code), then the code step (public.verify_signup) and the result. Everything a volunteer typed
// reaches the page only through textContent, never as HTML.
import { checkinQrText } from '../../lib/checkin-qr';
import { manageUrl, signUp, SignupRpcError, verifySignup, type VerifiedSignup } from '../../lib/db/signup';
import { keepVolunteerRecord } from '../../lib/db/record';
import { signupError } from '../../lib/signup-errors';
import { forgetSignupRequestId, signupRequestId, type RequestIdStore } from '../../lib/signup-request-id';
import { validateSignup, type SignupField } from '../../lib/validate-signup';

type Errors = Partial<Record<SignupField, string>>;

const fieldOrder: SignupField[] = ['role', 'name', 'phone', 'organisation', 'consent'];
const fieldLabels: Record<SignupField, string> = {
  role: '岗位', name: '姓名', phone: '手机号码', organisation: '单位', consent: '同意个人信息说明',
};

let busy = false;

// The tab's sessionStorage keeps a retry's request id across a reload; where it is missing or
// refuses writes (some private modes), the id lives as long as the page.
function requestIdStore(): RequestIdStore {
  try {
    sessionStorage.setItem('xinghuo.storage-probe', '1');
    sessionStorage.removeItem('xinghuo.storage-probe');
    return sessionStorage;
  } catch {
    const kept = new Map<string, string>();
    return { getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => void kept.set(k, v), removeItem: (k) => void kept.delete(k) };
  }
}

const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
const roleInputs = (form: HTMLFormElement) => [...form.querySelectorAll<HTMLInputElement>('input[name="role"]')];
const inputsOf = (form: HTMLFormElement, f: SignupField) => (f === 'role' ? roleInputs(form) : [byId(`signup-${f}`)]);

function setSummary(form: HTMLFormElement, text: string) {
  const box = form.querySelector('[data-signup-summary]')!;
  if (!text) return box.replaceChildren();
  const p = document.createElement('p');
  p.className = 'rounded-lg border-2 border-brand bg-white p-3 font-bold text-brand-dark';
  p.textContent = text;
  box.replaceChildren(p);
}

/** Each message beside its field, the field marked invalid and pointing at it. */
function setErrors(form: HTMLFormElement, errors: Errors) {
  for (const f of fieldOrder) {
    const message = errors[f];
    const errorId = `signup-${f}-error`;
    const p = byId<HTMLParagraphElement>(errorId);
    p.textContent = message ?? '';
    p.hidden = !message;
    for (const input of inputsOf(form, f)) {
      const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== errorId);
      if (message) ids.push(errorId);
      if (ids.length > 0) input.setAttribute('aria-describedby', ids.join(' '));
      else input.removeAttribute('aria-describedby');
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
}

function showProblems(form: HTMLFormElement, list: { field: SignupField; message: string }[]) {
  const errors: Errors = {};
  for (const p of list) errors[p.field] ??= p.message;
  setErrors(form, errors);
  const fields = fieldOrder.filter((f) => errors[f]);
  setSummary(form, `有 ${fields.length} 处需要修改：${fields.map((f) => fieldLabels[f]).join('、')}。`);
  if (fields[0]) inputsOf(form, fields[0])[0]?.focus();
}

/** Replaces the form with the outcome and moves focus to its heading. */
function showResult(form: HTMLFormElement, result: VerifiedSignup, roleLabel: string) {
  const eventSlug = form.dataset.eventSlug ?? '';
  const view = form.parentElement!.querySelector<HTMLElement>('[data-signup-result]')!;
  const part = <T extends HTMLElement>(selector: string) => view.querySelector<T>(selector)!;
  part('h2').textContent = result.status === 'confirmed' ? '报名成功' : '已加入候补名单';
  for (const p of view.querySelectorAll<HTMLElement>('[data-when]')) if (p.dataset.when !== result.status) p.remove();
  for (const s of view.querySelectorAll('[data-role-label]')) s.textContent = roleLabel;
  const position = view.querySelector('[data-testid="waitlist-position"]');
  if (position) position.textContent = String(result.waitlist_position);
  part('[data-testid="checkin-code"]').textContent = result.checkin_code ?? '';
  const link = manageUrl(location.origin, result.cancel_token);
  const a = part<HTMLAnchorElement>('[data-testid="manage-link"]');
  a.href = link;
  a.textContent = link;
  const copied = part('[data-copy-status]');
  part('[data-copy-link]').addEventListener('click', () => {
    navigator.clipboard.writeText(link).then(
      () => (copied.textContent = '已复制，可以粘贴到备忘录或发给自己保存。'),
      () => (copied.textContent = '没能复制，请长按上面的链接复制。'),
    );
  });
  // Drawn here from our own URL (no third party sees the token); the QR code library loads only now.
  void import('../../lib/qr').then(async ({ qrSvg }) => {
    part('[data-testid="manage-qr"]').innerHTML = await qrSvg(link, '专属链接的二维码');
    if (result.checkin_code) {
      part('[data-testid="checkin-qr"]').innerHTML = await qrSvg(checkinQrText(eventSlug, result.checkin_code), `签到二维码，签到码 ${result.checkin_code}`);
    }
  });
  form.remove();
  view.hidden = false;
  part('h2').focus();
}

/** The separate record consent, sent once the number is verified (it needs the manage token). */
async function keepRecordAfterSignup(manageToken: string, consentVersion: string) {
  const note = document.querySelector<HTMLElement>('[data-record-note]')!;
  try {
    await keepVolunteerRecord(manageToken, consentVersion);
    note.textContent = '志愿者档案已建立。“我的志愿记录”链接已用短信发到您的手机。';
  } catch (e) {
    note.textContent = `志愿者档案没有建立：${signupError(e instanceof SignupRpcError ? e.code : 'unavailable').message}`;
  }
  note.hidden = false;
}

/** One message beside the code field (or none), the field marked and described by it. */
function setCodeError(codeForm: HTMLFormElement, message: string) {
  const input = byId('signup-code');
  const p = byId<HTMLParagraphElement>('signup-code-error');
  p.textContent = message;
  p.hidden = !message;
  input.setAttribute('aria-describedby', message ? 'signup-code-hint signup-code-error' : 'signup-code-hint');
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  codeForm.querySelector('[data-signup-code-summary]')!.textContent = message;
}

/**
 * The code step: the place is held while the volunteer types the SMS code. A wrong code says how
 * many tries are left; an ended hold sends them back to the form (a new submission, a new code).
 */
function askForCode(form: HTMLFormElement, requestId: string, store: RequestIdStore, roleLabel: string) {
  const codeForm = form.parentElement!.querySelector<HTMLFormElement>('[data-signup-code-form]')!;
  const eventSlug = form.dataset.eventSlug ?? '';
  form.hidden = true;
  codeForm.hidden = false;
  codeForm.querySelector<HTMLElement>('h3')!.focus();
  let checking = false;
  codeForm.onsubmit = async (event) => {
    event.preventDefault();
    if (checking) return;
    const code = byId('signup-code').value.replace(/\s/g, '');
    if (!/^[0-9０-９]{6}$/.test(code)) {
      setCodeError(codeForm, signupError('code_invalid').message);
      byId('signup-code').focus();
      return;
    }
    checking = true;
    const button = codeForm.querySelector('button')!;
    button.disabled = true;
    try {
      const answer = await verifySignup(requestId, code);
      if (answer.verified) {
        forgetSignupRequestId(store, eventSlug);
        const keepRecord = byId<HTMLInputElement>('signup-record-consent').checked;
        codeForm.remove();
        showResult(form, answer, roleLabel);
        if (keepRecord) void keepRecordAfterSignup(answer.cancel_token, form.dataset.privacyVersion ?? '');
        return;
      }
      const base = signupError(answer.reason).message;
      setCodeError(codeForm, answer.reason === 'code_wrong' && answer.attempts_left ? `${base}还可以再试 ${answer.attempts_left} 次。` : base);
      if (answer.reason === 'code_wrong') byId('signup-code').focus();
      else {
        // The hold is over: the form again, for a new submission.
        forgetSignupRequestId(store, eventSlug);
        codeForm.hidden = true;
        form.hidden = false;
        setSummary(form, base);
        form.querySelector<HTMLElement>('[data-signup-summary] p')?.setAttribute('tabindex', '-1');
        form.querySelector<HTMLElement>('[data-signup-summary] p')?.focus();
      }
    } catch (e) {
      setCodeError(codeForm, signupError(e instanceof SignupRpcError ? e.code : 'unavailable').message);
    } finally {
      checking = false;
      button.disabled = false;
    }
  };
}

function setBusy(form: HTMLFormElement, on: boolean) {
  busy = on;
  const button = form.querySelector('button')!;
  button.disabled = on;
  button.textContent = on ? '正在提交…' : '提交报名';
}

export async function submitSignup(form: HTMLFormElement): Promise<void> {
  if (busy) return;
  const offered = roleInputs(form);
  const checked = offered.find((r) => r.checked);
  const values = {
    role: checked?.value ?? '',
    name: byId('signup-name').value,
    phone: byId('signup-phone').value,
    organisation: byId('signup-organisation').value,
    consent: byId('signup-consent').checked,
  };
  const problems = validateSignup(values, offered.map((r) => r.value));
  if (problems.length > 0) {
    showProblems(form, problems.map((p) => ({ field: p.field, message: signupError(p.code).message })));
    return;
  }
  setErrors(form, {});
  setSummary(form, '');
  setBusy(form, true);
  const eventSlug = form.dataset.eventSlug ?? '';
  const store = requestIdStore();
  const roleLabel = checked?.dataset.label ?? values.role;
  try {
    const requestId = await signupRequestId(store, eventSlug, values);
    const outcome = await signUp({
      ...values,
      requestId,
      eventSlug,
      consentVersion: form.dataset.privacyVersion ?? '',
      website: byId('signup-website').value,
    });
    // Kept until the code is entered: a reload and the same values come back to this hold.
    if (outcome.status === 'pending') return askForCode(form, requestId, store, roleLabel);
    forgetSignupRequestId(store, eventSlug);
    // Only a retry of a sign-up cancelled meanwhile answers so; the next submission is a new one.
    if (outcome.status === 'cancelled') setSummary(form, signupError('signup_cancelled').message);
    else showResult(form, outcome, roleLabel);
  } catch (e) {
    const code = e instanceof SignupRpcError ? e.code : 'unavailable';
    // A refusal stored nothing: the submission is over. An unknown outcome keeps its id for the retry.
    if (code !== 'unavailable') forgetSignupRequestId(store, eventSlug);
    const { field, message } = signupError(code);
    if ((fieldOrder as string[]).includes(field)) {
      showProblems(form, [{ field: field as SignupField, message }]);
    } else {
      // Not about one field (event closed, too many attempts, offline): the summary says it.
      setErrors(form, {});
      setSummary(form, message);
    }
  } finally {
    setBusy(form, false);
  }
}
