// Stable error codes from the sign-up RPCs (raised by PostgreSQL, or found first by
// validate-signup.ts) → the Chinese sentence shown next to the field they belong to.
import { site } from '../site.config';

export type ErrorField = 'role' | 'name' | 'phone' | 'organisation' | 'consent' | 'code' | 'event' | 'token' | 'year' | 'serial' | 'form';

interface ErrorText {
  field: ErrorField;
  message: string;
}

const texts: Record<string, ErrorText> = {
  role_invalid: { field: 'role', message: '请选择一个岗位。' },
  role_has_no_slots: { field: 'role', message: '这场活动不需要这个岗位，请另选一个。' },
  name_required: { field: 'name', message: '请填写姓名。' },
  name_too_long: { field: 'name', message: '姓名太长了，最多 40 个字。' },
  name_invalid: { field: 'name', message: '姓名只能是文字，可以有空格或“·”，不能有数字和符号。' },
  phone_required: { field: 'phone', message: '请填写手机号码。' },
  phone_invalid: { field: 'phone', message: '请填写 11 位手机号码，例如 138 1234 5678。' },
  rate_limited_phone: { field: 'phone', message: '这个手机号最近一天报名的活动太多，请明天再试。' },
  code_invalid: { field: 'code', message: '验证码是短信里的 6 位数字，请重新输入。' },
  code_wrong: { field: 'code', message: '验证码不对，请核对短信后重新输入。' },
  code_expired: { field: 'code', message: '验证码已过期，名额已释放。请重新提交报名，获取新的验证码。' },
  code_attempts_exceeded: { field: 'code', message: '验证码输错次数太多，这次报名已失效。请重新提交报名。' },
  signup_not_found: { field: 'form', message: '没有找到这次报名，请刷新页面后重新提交。' },
  recovery_rate_limited: { field: 'phone', message: '这个号码最近一小时获取验证码的次数太多，请一小时后再试。' },
  organisation_too_long: { field: 'organisation', message: '单位名称太长了，最多 60 个字。' },
  organisation_invalid: { field: 'organisation', message: '单位名称里不能有 < > " \' ; = 等符号。' },
  consent_required: { field: 'consent', message: '请阅读个人信息说明，并勾选同意。' },
  consent_version_unknown: { field: 'consent', message: '个人信息说明已经更新，请刷新页面，重新阅读后再提交。' },
  event_not_found: { field: 'event', message: '没有找到这场活动，请回到活动列表重新选择。' },
  event_past: { field: 'event', message: '这场活动已经开始或已经结束，不能再办理。' },
  event_cancelled: { field: 'event', message: '这场活动已经取消，不能报名。' },
  honeypot: { field: 'form', message: '提交没有成功，请刷新页面后重试。' },
  rate_limited_client: { field: 'form', message: '这台设备最近提交次数太多，请一小时后再试。' },
  request_id_invalid: { field: 'form', message: '提交没有成功，请刷新页面后重试。' },
  request_id_reused: { field: 'form', message: '提交没有成功，请刷新页面，重新填写后再提交。' },
  signup_cancelled: { field: 'form', message: '这次提交的报名已经取消。如需参加，请再提交一次。' },
  reply_invalid: { field: 'token', message: '提醒链接不完整。请打开提醒短信里的完整链接。' },
  token_invalid: { field: 'token', message: '链接不完整。请打开报名成功时得到的完整链接。' },
  token_not_found: { field: 'token', message: '没有找到这条报名记录，链接可能已经失效。' },
  already_checked_in: { field: 'token', message: '您已经签到，不能再取消报名。' },
  // The volunteer record (志愿者档案) and its certificate (志愿时长证明).
  signup_withdrawn: { field: 'token', message: '这条报名的个人信息已经删除，不能再建立志愿者档案。' },
  record_token_invalid: { field: 'token', message: '链接不完整。请打开短信里“我的志愿记录”的完整链接。' },
  record_not_found: { field: 'token', message: '没有找到志愿者档案。档案可能已经删除，或者链接已被新的短信链接代替。' },
  certificate_year_invalid: { field: 'year', message: '请选择今年或以前的年份。' },
  certificate_no_hours: { field: 'year', message: '这一年还没有记录到服务时长，暂时不能开具证明。' },
  certificate_not_found: { field: 'serial', message: '没有找到这个编号的证明。请核对编号；证明所属的档案也可能已经删除。' },
  certificate_serial_invalid: { field: 'serial', message: '证明编号的样子是 XH2026-ABCDEFGH2345，请核对后重新输入。' },
  // A website problem is the team's to answer, never the emergency lines' (96110/110/12378).
  unavailable: { field: 'form', message: unreachableMessage() },
};

/** Sign-up unreachable: try later, or call the team (site.config eventsContact). */
export function unreachableMessage(): string {
  return `暂时连不上报名系统，请稍后再试，或拨打${site.eventsContact.name} ${site.eventsContact.number} 报名。`;
}

const fallback: ErrorText = { field: 'form', message: '提交没有成功，请稍后再试。' };

/** The Chinese message and the field it belongs next to; unknown codes get a general message. */
export function signupError(code: string): ErrorText {
  return texts[code] ?? fallback;
}

export const knownSignupErrorCodes = Object.keys(texts);
