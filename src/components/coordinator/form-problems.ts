// Turning a failed programme call into what the form shows: field problems beside their fields, and
// one plain sentence for everything else. Focus goes to the first field the database complained about.
import { tick } from 'svelte';
import { CoordError } from '../../lib/db/coordinator';
import { fieldProblems, type Problem } from '../../lib/db/programme';
import { problemText } from '../../lib/workspace-errors';

export interface FormFailure {
  problems: Problem[];
  message: string;
}

export function formFailure(e: unknown): FormFailure {
  const problems = fieldProblems(e);
  // Problems about the whole form (or a field no form shows, such as the revision) are said above it.
  const general = problems.filter((p) => ['form', 'revision', 'slug', 'event', 'venue'].includes(p.field)).map((p) => problemText(p.code));
  if (problems.length > 0) return { problems, message: ['有几项需要修改，请看每一项下面的红字。', ...general].join(' ') };
  const code = e instanceof CoordError ? e.code : 'unexpected';
  if (code === 'network') return { problems, message: '无法连接服务器，请检查网络后再试。内容没有保存。' };
  if (code === 'session_ended') return { problems, message: '登录已失效，请重新登录后再试。' };
  if (code === 'forbidden') return { problems, message: '这个账号没有协调员权限。' };
  return { problems, message: problemText(code) };
}

export async function focusFirstInvalid(formId: string): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>(`#${formId} [aria-invalid="true"]`)?.focus();
}
