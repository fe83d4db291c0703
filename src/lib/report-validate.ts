// The event report form's checks, in the same terms as public.coord_save_report (which re-checks
// everything: this is only so a coordinator sees every problem at once, in Chinese, before saving).

export const FIGURE_MAX = 1_000_000;
export const NOTES_MAX = 2000;
export const REASON_MAX = 500;

export type FigureField = 'people_reached' | 'volunteers_present' | 'questions_answered';
/** Form field keys: the three figures, the reason, notes, and `material:<kind>` per material line. */
export type ReportFieldKey = FigureField | 'volunteers_adjust_reason' | 'notes' | `material:${string}`;

export interface ReportFormInput {
  people_reached: string;
  volunteers_present: string;
  volunteers_adjust_reason: string;
  questions_answered: string;
  notes: string;
  materials: Record<string, string>;
}

export interface ReportValues {
  people_reached: number;
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

export function validateReport(input: ReportFormInput, checkedIn: number): ReportValidation {
  const errors: Partial<Record<ReportFieldKey, string>> = {};
  const figure = (field: FigureField, required: boolean): number => {
    const r = parseFigure(input[field], required);
    if ('problem' in r) {
      errors[field] = `${field}_${r.problem}`;
      return 0;
    }
    return r.value ?? 0;
  };
  const people = figure('people_reached', true);
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
      volunteers_present: present,
      volunteers_adjust_reason: reason || null,
      questions_answered: questions,
      notes: notes || null,
      materials,
    },
  };
}

const figureNames: Record<string, string> = {
  people_reached: '群众覆盖人次',
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
  const m = /^(people_reached|volunteers_present|questions_answered|material_quantity)_(required|invalid|negative|not_integer|too_large)$/.exec(code);
  if (m) return problemText[m[2] as FigureProblem].replace('{f}', figureNames[m[1]!]!);
  return otherText[code] ?? '保存没有成功，请稍后再试。';
}

/** Which form field a server error belongs to (its `hint` names the field or the material kind). */
export function fieldForServerError(code: string, hint: string | null | undefined): ReportFieldKey | null {
  if (code.startsWith('material_quantity_') && hint) return `material:${hint}`;
  for (const f of ['people_reached', 'volunteers_present', 'questions_answered'] as const) {
    if (code.startsWith(`${f}_`)) return f;
  }
  if (code.startsWith('adjust_reason_')) return 'volunteers_adjust_reason';
  if (code === 'notes_too_long') return 'notes';
  return null;
}
