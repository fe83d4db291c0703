// Text for a problem code shown in the workspace: the database's codes from programme-errors.ts and
// figures-errors.ts
// (held equal to the SQL), plus the few the browser finds before anything is sent (a file that is not
// a programme table, a pasted position that is not two numbers).
import { figuresErrors } from './figures-errors';
import { programmeErrors } from './programme-errors';

const browserProblems: Record<string, string> = {
  column_missing: '表格缺少这一列（第一行要写列名）。',
  file_unreadable: '这个文件打不开，请选择 .xlsx 或 .csv 文件。',
  position_unreadable: '没有读出坐标，请粘贴“经度,纬度”两个数字，例如 120.3826,36.0671。',
};

/**
 * The coordinator gate's refusals of a signed-in coordinator acting outside their scope (SQL errcode 42501
 * with one of these codes as its message, from xinghuo.coord_assert_event and the team-lead-only RPCs).
 */
export const scopeRefusals: Record<string, string> = {
  branch_forbidden: programmeErrors.branch_forbidden!.message,
  lead_only: '只有团队负责人可以做这项设置。',
};

/** The text for a code, or a plain fallback that still names the code for whoever helps. */
export function problemText(code: string): string {
  return programmeErrors[code]?.message ?? figuresErrors[code]?.message ?? browserProblems[code] ?? scopeRefusals[code] ?? `这一项有问题（${code}），请检查后再试。`;
}
