// Stable error codes of the programme RPCs (coord_save_event, coord_save_venue, coord_create_series,
// coord_import_events, publish/unpublish/cancel, the role catalogue) → the field they belong next to and the Chinese
// sentence shown there. tests/db/programme-errors.test.ts holds this list equal to the codes the SQL
// raises. Limits in the sentences are the SQL's (xinghuo.event_problems, xinghuo.venue_problems).
// The gate's own refusals (forbidden, session_ended) are the coordinator client's (src/lib/db/coordinator.ts).

export type ProgrammeErrorField =
  | 'title' | 'summary' | 'description' | 'kind' | 'channel' | 'online_url' | 'venue_id' | 'starts_at' | 'ends_at'
  | 'audiences' | 'topics' | 'partners' | 'internal_notes' | 'roles' | 'slug' | 'revision' | 'cancel_reason'
  | 'name' | 'address' | 'district' | 'lat' | 'lng' | 'rule' | 'rows' | 'row' | 'venue_name' | 'label' | 'sort_order' | 'form';

export interface ProgrammeErrorText {
  field: ProgrammeErrorField;
  message: string;
}

export const programmeErrors: Record<string, ProgrammeErrorText> = {
  // The event form
  title_required: { field: 'title', message: '请填写活动名称。' },
  title_too_short: { field: 'title', message: '活动名称太短了，至少 4 个字。' },
  title_too_long: { field: 'title', message: '活动名称太长了，最多 60 个字。' },
  summary_required: { field: 'summary', message: '请用一两句话写活动简介。' },
  summary_too_short: { field: 'summary', message: '活动简介太短了，至少 10 个字。' },
  summary_too_long: { field: 'summary', message: '活动简介太长了，最多 140 个字。详细内容请写在“活动介绍”里。' },
  description_too_long: { field: 'description', message: '活动介绍太长了，最多 5000 个字。' },
  internal_notes_too_long: { field: 'internal_notes', message: '内部备注太长了，最多 2000 个字。' },
  kind_required: { field: 'kind', message: '请选择活动类型。' },
  kind_unknown: { field: 'kind', message: '没有这种活动类型，请从列表里选择。' },
  channel_required: { field: 'channel', message: '线上活动请选择发布渠道，例如公众号文章或直播。' },
  channel_unknown: { field: 'channel', message: '没有这个线上渠道，请从列表里选择。' },
  channel_not_allowed_offline: { field: 'channel', message: '只有线上活动才填写线上渠道。' },
  online_url_invalid: { field: 'online_url', message: '链接格式不对，请粘贴完整的网址，例如 https://mp.weixin.qq.com/…' },
  online_url_not_https: { field: 'online_url', message: '链接必须以 https:// 开头。' },
  online_url_not_allowed_offline: { field: 'online_url', message: '只有线上活动才填写链接。' },
  venue_required: { field: 'venue_id', message: '请选择活动地点。地点簿里没有的，请先添加地点。' },
  venue_unknown: { field: 'venue_id', message: '地点簿里没有这个地点，请重新选择。' },
  venue_retired: { field: 'venue_id', message: '这个地点已停用，请选择其他地点。' },
  venue_not_allowed_online: { field: 'venue_id', message: '线上活动不需要选择地点。' },
  starts_at_required: { field: 'starts_at', message: '请填写开始时间。' },
  starts_at_invalid: { field: 'starts_at', message: '开始时间格式不对，请重新选择日期和时间。' },
  starts_too_far: { field: 'starts_at', message: '开始时间太远了，只能安排两年以内的活动。' },
  ends_at_required: { field: 'ends_at', message: '请填写结束时间。' },
  ends_at_invalid: { field: 'ends_at', message: '结束时间格式不对，请重新选择日期和时间。' },
  ends_before_start: { field: 'ends_at', message: '结束时间要晚于开始时间。' },
  event_too_long: { field: 'ends_at', message: '一场活动最长 12 小时。多天的活动请分成几场。' },
  audiences_required: { field: 'audiences', message: '请至少选择一类面向人群。' },
  audience_unknown: { field: 'audiences', message: '有一类面向人群不在列表里，请重新选择。' },
  audience_duplicate: { field: 'audiences', message: '同一类面向人群选了两次，请去掉重复的。' },
  topics_required: { field: 'topics', message: '请至少选择一个防骗主题。' },
  topic_unknown: { field: 'topics', message: '有一个防骗主题不在列表里，请重新选择。' },
  topic_duplicate: { field: 'topics', message: '同一个防骗主题选了两次，请去掉重复的。' },
  partners_invalid: { field: 'partners', message: '合作单位请一行写一个名称。' },
  partners_too_many: { field: 'partners', message: '合作单位最多写 10 个。' },
  partner_empty: { field: 'partners', message: '有一行合作单位是空的，请填写或删除这一行。' },
  partner_too_long: { field: 'partners', message: '合作单位名称太长了，每个最多 60 个字。' },
  roles_required: { field: 'roles', message: '请至少为一个岗位设置名额。' },
  role_unknown: { field: 'roles', message: '岗位列表里没有这个岗位，请重新选择。' },
  role_retired: { field: 'roles', message: '这个岗位已停用，不能再增加名额。' },
  role_duplicate: { field: 'roles', message: '同一个岗位写了两次，请合并成一个名额。' },
  slots_invalid: { field: 'roles', message: '名额请填写整数，例如 5。' },
  slots_negative: { field: 'roles', message: '名额不能是负数。' },
  slots_too_many: { field: 'roles', message: '每个岗位最多 1000 个名额。' },
  slug_invalid: { field: 'slug', message: '活动网址只能用小写字母、数字和短横线，至少 3 个字符。' },
  slug_taken: { field: 'slug', message: '这个活动网址已经被使用，请换一个，或者留空自动生成。' },
  slug_not_changeable: { field: 'slug', message: '活动网址创建后不能修改。' },
  revision_required: { field: 'revision', message: '页面内容不完整，请刷新页面后再保存。' },
  event_not_object: { field: 'form', message: '提交的内容不完整，请刷新页面后重试。' },
  event_not_found: { field: 'form', message: '没有找到这场活动，可能已被删除，请回到活动列表。' },
  event_conflict: { field: 'form', message: '这场活动刚被其他协调员修改过。请刷新页面，看过最新内容后再修改。' },
  // Publishing and cancelling
  already_published: { field: 'form', message: '这场活动已经发布了。' },
  already_draft: { field: 'form', message: '这场活动已经是草稿，没有发布。' },
  already_cancelled: { field: 'form', message: '这场活动已经取消了。' },
  cancel_reason_required: { field: 'cancel_reason', message: '请写明取消原因，报名的志愿者和公众都会看到。' },
  cancel_reason_too_long: { field: 'cancel_reason', message: '取消原因太长了，最多 200 个字。' },
  // The venue book
  venue_name_required: { field: 'name', message: '请填写地点名称。' },
  venue_name_too_short: { field: 'name', message: '地点名称太短了，至少 2 个字。' },
  venue_name_too_long: { field: 'name', message: '地点名称太长了，最多 80 个字。' },
  venue_duplicate: { field: 'name', message: '地点簿里已经有同名的地点，请直接选用它，或者换个名称。' },
  address_required: { field: 'address', message: '请填写详细地址。' },
  address_too_short: { field: 'address', message: '地址太短了，至少 4 个字。' },
  address_too_long: { field: 'address', message: '地址太长了，最多 200 个字。' },
  district_required: { field: 'district', message: '请选择所在区（市）。' },
  district_unknown: { field: 'district', message: '没有这个区（市），请从列表里选择。' },
  lat_invalid: { field: 'lat', message: '纬度请填写数字，例如 36.0671。' },
  lng_invalid: { field: 'lng', message: '经度请填写数字，例如 120.3826。' },
  position_outside_city: { field: 'lat', message: '这个位置不在青岛市范围内，请在地图上重新点选，或核对经纬度。' },
  venue_not_object: { field: 'form', message: '提交的内容不完整，请刷新页面后重试。' },
  venue_not_found: { field: 'form', message: '没有找到这个地点，请回到地点簿重新选择。' },
  // Series
  series_rule_unknown: { field: 'rule', message: '请选择重复方式：每隔几周，或每月第几个星期几。' },
  series_count_invalid: { field: 'rule', message: '重复次数请填写 2 到 52 之间的整数。' },
  series_interval_invalid: { field: 'rule', message: '每隔几周请填写 1 到 4 之间的整数。' },
  series_nth_invalid: { field: 'rule', message: '请选择每月第一到第四个星期几。' },
  series_weekday_invalid: { field: 'rule', message: '请选择星期几。' },
  series_start_not_on_rule: { field: 'starts_at', message: '第一场的日期要符合重复方式，例如选“每月第二个周三”，第一场就要在第二个周三。' },
  series_duplicate_date: { field: 'rule', message: '有一场和已有的同名活动时间相同，请调整时间或重复方式。' },
  series_too_far: { field: 'rule', message: '最后一场超过两年以后了，请减少重复次数。' },
  series_event_not_new: { field: 'form', message: '系列活动会新建每一场，请从“新建系列”开始填写。' },
  // Import
  import_not_array: { field: 'rows', message: '文件内容读不出来，请用模板里的表格格式。' },
  import_empty: { field: 'rows', message: '表格里没有活动，请至少填写一行。' },
  import_too_many_rows: { field: 'rows', message: '一次最多导入 1000 行，请分成几个文件。' },
  import_row_not_object: { field: 'row', message: '这一行读不出来，请检查是否按模板填写。' },
  import_duplicate_row: { field: 'row', message: '这一行和上面某一行是同一场活动（名称和开始时间相同）。' },
  import_id_not_allowed: { field: 'row', message: '导入只能新建活动，请删除“编号”一列。' },
  // The role catalogue (coord_save_role, coord_retire_role, coord_restore_role)
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
