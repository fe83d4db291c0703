// Check-in, check-out and walk-in refusals (coord_check_in*, coord_check_out, coord_confirm_planned_hours, coord_add_walk_in) → the Chinese sentence shown
// beside the button or field. Name, phone and role problems of a walk-in use the sign-up texts.
import { formatDateTime } from './dashboard';
import { signupError } from './signup-errors';

const texts: Record<string, string> = {
  checkin_code_invalid: '签到码是 6 位数字，请核对。',
  checkin_code_not_found: '本场活动没有这个签到码，请核对。',
  signup_not_confirmed: '这位志愿者还在候补或已取消，不能签到。',
  event_not_scheduled: '活动已取消，不能签到。',
  checkin_closed: '活动当天已经结束，不能再签到。人数不对请在活动报告里更正并写明原因。',
  role_retired: '这个岗位已停用，请另选一个。',
  not_checked_in: '这位志愿者还没有签到，不能签退。',
  event_not_ended: '活动结束以后才能按计划时长确认。',
  walk_in_already_signed_up: '这个手机号已经报名了本场活动，请在名单里找到他/她直接签到。',
  // coord_sync_offline: a queued item the workspace built wrongly (not something the coordinator typed).
  sync_key_required: '这条离线记录缺少编号，无法同步，请重新签到。',
  sync_action_unknown: '这条离线记录无法识别，请重新签到。',
  sync_args_invalid: '这条离线记录内容不完整，请重新签到。',
  sync_key_reused: '这条离线记录的编号已被另一条记录用过，请重新签到。',
};

/** PostgreSQL's timestamptz text ("2026-12-03 08:00:00+00") as a Date. */
function parseDbTime(text: string | null): Date | null {
  if (!text) return null;
  const d = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `details` of checkin_not_open is when check-in opens. */
export function checkinErrorText(code: string, details: string | null = null): string {
  if (code === 'checkin_not_open') {
    const opens = parseDbTime(details);
    return opens ? `还没到签到时间：${formatDateTime(opens.toISOString())} 开始签到。` : '还没到签到时间。';
  }
  if (texts[code]) return texts[code];
  if (/^(name|phone|role)_/.test(code)) return signupError(code).message;
  return '操作没有成功，请稍后再试。';
}
