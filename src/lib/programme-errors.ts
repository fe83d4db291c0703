// Stable error codes of the programme RPCs (events, venues, series, roles, import) → the Chinese
// sentence the workspace shows beside the field each belongs to. The one place of these texts; db
// tests hold it complete against the codes the SQL raises.

export interface ProgrammeErrorText {
  /** The form field the message sits beside ('form' = above the form). */
  field: string;
  message: string;
}

export const programmeErrors: Record<string, ProgrammeErrorText> = {
  // The role catalogue (coord_save_role, coord_retire_role, coord_restore_role).
  role_input_not_object: { field: 'form', message: '提交的内容不完整，请刷新页面后重试。' },
  role_label_required: { field: 'label', message: '请填写岗位名称。' },
  role_label_too_long: { field: 'label', message: '岗位名称太长了，最多 40 个字。' },
  role_label_invalid: { field: 'label', message: '岗位名称里不能有尖括号、引号、分号、反斜杠等符号。' },
  role_label_taken: { field: 'label', message: '已经有叫这个名称的岗位了（停用的岗位也算），请换一个名称。' },
  role_sort_order_invalid: { field: 'sort_order', message: '排列顺序请填 0 到 100000 之间的整数。' },
  role_not_found: { field: 'form', message: '没有找到这个岗位，请刷新页面后重试。' },
  role_already_retired: { field: 'form', message: '这个岗位已经停用了。' },
  role_not_retired: { field: 'form', message: '这个岗位正在使用，不需要恢复。' },
  role_last_active: { field: 'form', message: '至少要留一个在用的岗位，最后一个岗位不能停用。' },
};
