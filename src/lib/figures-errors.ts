// Stable error codes of the figures RPCs (coord_figures' period and scope, coord_save_campaign) → the
// field they belong beside and the Chinese sentence shown there. tests/db/figures-campaigns.test.ts
// holds this list equal to the codes the SQL raises.

export type FiguresErrorField = 'label' | 'starts_on' | 'ends_on' | 'form' | 'from' | 'to' | 'campaign' | 'branch';

export const figuresErrors: Record<string, { field: FiguresErrorField; message: string }> = {
  campaign_invalid: { field: 'form', message: '活动专题的内容不完整，请刷新页面再试。' },
  campaign_label_required: { field: 'label', message: '请填写专题名称，例如“反诈宣传月”。' },
  campaign_label_too_long: { field: 'label', message: '专题名称太长了，最多 40 个字。' },
  campaign_label_taken: { field: 'label', message: '已经有同名的专题了，请换一个名称。' },
  campaign_start_invalid: { field: 'starts_on', message: '请选择专题的开始日期。' },
  campaign_end_invalid: { field: 'ends_on', message: '请选择专题的结束日期。' },
  campaign_end_before_start: { field: 'ends_on', message: '结束日期不能早于开始日期。' },
  campaign_not_found: { field: 'campaign', message: '没有找到这个专题，可能已被修改，请刷新页面。' },
  period_start_invalid: { field: 'from', message: '开始日期不对，请选择 2000 年到 2100 年之间的日期。' },
  period_end_invalid: { field: 'to', message: '结束日期不对，请选择 2000 年到 2100 年之间的日期。' },
  period_end_before_start: { field: 'to', message: '结束日期不能早于开始日期。' },
  scope_branch_unknown: { field: 'branch', message: '没有这个支行，请从列表里选择。' },
};
