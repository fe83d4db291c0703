// The event report form's checks, in the same terms as public.coord_save_report (which re-checks
// everything: this is only so a coordinator sees every problem at once, in Chinese, before saving).
import { reachAudiences, type ReachAudience } from './figures';
import { scopeRefusals } from './workspace-errors';

export const FIGURE_MAX = 1_000_000;
export const NOTES_MAX = 2000;
export const REASON_MAX = 500;
export const ONLINE_SOURCE_MAX = 60;

export type FigureField = 'people_reached' | 'volunteers_present' | 'questions_answered' | 'online_views';
/**
 * Form field keys: the figures, the reason, notes, `reach:<audience>` per audience, the split as a
 * whole (`reach_by_audience`, e.g. when it does not add up), and `material:<kind>` per material line.
 */
export type ReportFieldKey =
  | FigureField
  | 'volunteers_adjust_reason'
  | 'notes'
  | 'online_source'
  | 'reach_by_audience'
  | `reach:${string}`
  | `material:${string}`;

export interface ReportFormInput {
  people_reached: string;
  reach: Record<ReachAudience, string>;
  online_views: string;
  online_source: string;
  volunteers_present: string;
  volunteers_adjust_reason: string;
  questions_answered: string;
  notes: string;
  materials: Record<string, string>;
}

/** In person: people and their split by audience. Online: reads/views and where they were counted. */
export interface ReportValues {
  people_reached: number | null;
  reach_by_audience: Record<ReachAudience, number> | null;
  online_views: number | null;
  online_source: string | null;
  volunteers_present: number;
  volunteers_adjust_reason: string | null;
  questions_answered: number;
  notes: string | null;
  materials: Record<string, number>;
}

export type ReportValidation =
  | { ok: true; values: ReportValues }
  | { ok: false; errors: Partial<Record<ReportFieldKey, string>> };

type FigureProblem = 'required' | 'invalid' | 'negative' | 'not_integer' | 'too_large';

/** Full-width digits and thousands separators are what people type on Chinese keyboards. */
export function normaliseNumberText(raw: string): string {
  return raw
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－]/g, '-')
    .replace(/[,，\s]/g, '');
}

export function parseFigure(raw: string, required: boolean): { value: number | null } | { problem: FigureProblem } {
  const text = normaliseNumberText(raw);
  if (text === '') return required ? { problem: 'required' } : { value: null };
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { problem: 'invalid' };
  const n = Number(text);
  if (n < 0) return { problem: 'negative' };
  if (!Number.isInteger(n)) return { problem: 'not_integer' };
  if (n > FIGURE_MAX) return { problem: 'too_large' };
  return { value: n };
}

/** `online`: the event's reach is counted online (its kind), so reads/views replace people and split. */
export function validateReport(input: ReportFormInput, checkedIn: number, online: boolean): ReportValidation {
  const errors: Partial<Record<ReportFieldKey, string>> = {};
  const figure = (field: FigureField, required: boolean): number => {
    const r = parseFigure(input[field], required);
    if ('problem' in r) {
      errors[field] = `${field}_${r.problem}`;
      return 0;
    }
    return r.value ?? 0;
  };
  let people: number | null = null;
  let split: Record<ReachAudience, number> | null = null;
  let views: number | null = null;
  const source = input.online_source.trim();
  if (online) {
    views = figure('online_views', true);
    if (source === '') errors.online_source = 'online_source_required';
    else if (source.length > ONLINE_SOURCE_MAX) errors.online_source = 'online_source_too_long';
  } else {
    people = figure('people_reached', true);
    split = validateSplit(input.reach, people, errors);
  }
  const present = figure('volunteers_present', true);
  const questions = figure('questions_answered', false);
  const reason = input.volunteers_adjust_reason.trim();
  const notes = input.notes.trim();
  if (!errors.volunteers_present && present !== checkedIn && reason === '') {
    errors.volunteers_adjust_reason = 'adjust_reason_required';
  }
  if (reason.length > REASON_MAX) errors.volunteers_adjust_reason = 'adjust_reason_too_long';
  if (notes.length > NOTES_MAX) errors.notes = 'notes_too_long';

  const materials: Record<string, number> = {};
  for (const [kind, raw] of Object.entries(input.materials)) {
    const r = parseFigure(raw, false);
    if ('problem' in r) errors[`material:${kind}`] = `material_quantity_${r.problem}`;
    else if (r.value) materials[kind] = r.value;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    values: {
      people_reached: people,
      reach_by_audience: split,
      online_views: views,
      online_source: online ? source : null,
      volunteers_present: present,
      volunteers_adjust_reason: present === checkedIn ? null : reason,
      questions_answered: questions,
      notes: notes || null,
      materials,
    },
  };
}

/** Each audience a whole number (blank = 0), together equal to the people reached. */
function validateSplit(
  raw: Record<ReachAudience, string>,
  people: number,
  errors: Partial<Record<ReportFieldKey, string>>,
): Record<ReachAudience, number> {
  const split = {} as Record<ReachAudience, number>;
  let ok = true;
  for (const key of Object.keys(reachAudiences) as ReachAudience[]) {
    const r = parseFigure(raw[key] ?? '', false);
    if ('problem' in r) {
      errors[`reach:${key}`] = `reach_audience_${r.problem}`;
      ok = false;
    }
    split[key] = 'value' in r ? (r.value ?? 0) : 0;
  }
  const total = Object.values(split).reduce((a, b) => a + b, 0);
  if (ok && !errors.people_reached && total !== people) errors.reach_by_audience = 'reach_audience_sum_mismatch';
  return split;
}

const figureNames: Record<string, string> = {
  people_reached: '群众覆盖人次',
  online_views: '阅读/观看人次',
  reach_audience: '各对象人次',
  volunteers_present: '到场志愿者人数',
  questions_answered: '解答咨询数',
  material_quantity: '数量',
};
const problemText: Record<FigureProblem, string> = {
  required: '请填写{f}。',
  invalid: '{f}请填写数字。',
  negative: '{f}不能是负数。',
  not_integer: '{f}请填写整数，不要带小数。',
  too_large: '{f}最多填 1000000，请核对是否多写了位数。',
};
const otherText: Record<string, string> = {
  reach_audience_sum_mismatch: '各对象人次相加要等于群众覆盖人次，请核对。',
  reach_audience_required: '请按对象填写人次（老年人、学生和家长、新市民、其他），相加等于群众覆盖人次。',
  reach_audience_unknown: '对象类别不存在，请刷新页面后再试。',
  reach_by_audience_invalid: '对象人次格式不对，请刷新页面后再试。',
  reach_by_audience_online: '线上活动不按对象拆分，请刷新页面后再试。',
  people_reached_online: '线上活动请填写阅读/观看人次，不填现场人数。',
  online_views_offline: '只有线上活动填写阅读/观看人次，请刷新页面后再试。',
  online_source_required: '请写明在哪里统计的（例如：公众号阅读、视频号播放、直播观看）。',
  online_source_too_long: '统计来源最多 60 字。',
  material_kind_retired: '这种物料类别已停用，不能用于新的报告。',
  adjust_reason_required: '到场人数与签到人数不一致，请写明原因（例如：有人到场但未签到）。',
  adjust_reason_too_long: '原因最多 500 字。',
  notes_too_long: '备注最多 2000 字。',
  material_kind_unknown: '这种物料类别不存在，请刷新页面后再试。',
  materials_invalid: '物料数量格式不对，请刷新页面后再试。',
  report_conflict: '另一位协调员刚刚保存了这份报告。',
  expected_version_required: '页面数据已过期，请刷新后再试。',
  event_not_scheduled: '活动已取消，不能填写报告。',
  event_not_found: '找不到这场活动。',
  forbidden: '没有访问权限。',
  session_ended: '登录已失效，请退出后重新登录。',
};

/** Chinese text for a validation or server error code (fallback: a generic message, never the raw code). */
export function reportErrorText(code: string): string {
  const m = /^(people_reached|volunteers_present|questions_answered|online_views|reach_audience|material_quantity)_(required|invalid|negative|not_integer|too_large)$/.exec(code);
  if (m) return problemText[m[2] as FigureProblem].replace('{f}', figureNames[m[1]!]!);
  return otherText[code] ?? scopeRefusals[code] ?? '保存没有成功，请稍后再试。';
}

/** Which form field a server error belongs to (its `hint` names the field or the material kind). */
export function fieldForServerError(code: string, hint: string | null | undefined): ReportFieldKey | null {
  if ((code.startsWith('material_quantity_') || code === 'material_kind_retired') && hint) return `material:${hint}`;
  if (code.startsWith('reach_audience_') && hint && hint in reachAudiences) return `reach:${hint}`;
  if (code.startsWith('reach_')) return 'reach_by_audience';
  if (code.startsWith('online_source_')) return 'online_source';
  if (code === 'online_views_offline') return 'online_views';
  for (const f of ['people_reached', 'volunteers_present', 'questions_answered', 'online_views'] as const) {
    if (code.startsWith(`${f}_`)) return f;
  }
  if (code.startsWith('adjust_reason_')) return 'volunteers_adjust_reason';
  if (code === 'notes_too_long') return 'notes';
  return null;
}
