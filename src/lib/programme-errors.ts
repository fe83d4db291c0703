// The Chinese text for every programme error code (the SQL raises the codes), shown beside its field
// in the workspace. One entry per code; tests hold it complete against the codes the SQL raises.
export interface ProgrammeErrorText {
  field: string;
  message: string;
}

export const programmeErrors: Record<string, ProgrammeErrorText> = {
  // --- The event form (xinghuo.event_problems) ---
  event_not_object: { field: 'event', message: '提交的内容不完整，请刷新页面后重新填写。' },
  revision_required: { field: 'revision', message: '缺少版本号，请刷新页面后再改。' },
  title_required: { field: 'title', message: '请填写标题。' },
  title_too_short: { field: 'title', message: '标题太短，至少 4 个字。' },
  title_too_long: { field: 'title', message: '标题太长，最多 60 个字。' },
  summary_required: { field: 'summary', message: '请填写一句话简介。' },
  summary_too_short: { field: 'summary', message: '简介太短，至少 10 个字。' },
  summary_too_long: { field: 'summary', message: '简介太长，最多 140 个字。' },
  description_too_long: { field: 'description', message: '详细介绍太长，最多 5000 个字。' },
  internal_notes_too_long: { field: 'internal_notes', message: '内部备注太长，最多 2000 个字。' },
  kind_required: { field: 'kind', message: '请选择活动类型。' },
  kind_unknown: { field: 'kind', message: '没有这种活动类型，请从社区宣讲、网点厅堂、银校/银企共建、线上中选择。' },
  channel_required: { field: 'channel', message: '线上活动请选择渠道（公众号文章、视频号、直播等）。' },
  channel_unknown: { field: 'channel', message: '没有这个线上渠道，请从列表中选择。' },
  channel_not_allowed_offline: { field: 'channel', message: '线下活动不填线上渠道。' },
  online_url_invalid: { field: 'online_url', message: '链接格式不对，请复制完整的网址。' },
  online_url_not_https: { field: 'online_url', message: '链接要以 https:// 开头（安全链接）。' },
  online_url_not_allowed_offline: { field: 'online_url', message: '线下活动不填线上链接。' },
  venue_required: { field: 'venue_id', message: '请选择场地（线下活动必须有场地）。' },
  venue_unknown: { field: 'venue_id', message: '场地簿里没有这个场地，请先到场地簿添加。' },
  venue_retired: { field: 'venue_id', message: '这个场地已停用，请换一个场地。' },
  venue_not_allowed_online: { field: 'venue_id', message: '线上活动不选场地。' },
  starts_at_required: { field: 'starts_at', message: '请填写开始时间。' },
  starts_at_invalid: { field: 'starts_at', message: '开始时间看不懂，请写成 2026-12-05 09:30 这样。' },
  starts_too_far: { field: 'starts_at', message: '开始时间太远了，最多安排到两年以内。' },
  ends_at_required: { field: 'ends_at', message: '请填写结束时间。' },
  ends_at_invalid: { field: 'ends_at', message: '结束时间看不懂，请写成 2026-12-05 11:00 这样。' },
  ends_before_start: { field: 'ends_at', message: '结束时间要晚于开始时间。' },
  event_too_long: { field: 'ends_at', message: '一场活动最长 12 小时，多天的活动请分成几场。' },
  audiences_required: { field: 'audiences', message: '请至少选择一类面向对象。' },
  audience_unknown: { field: 'audiences', message: '有不认识的面向对象，请从老年人、学生和家长、新市民、所有人中选择。' },
  audience_duplicate: { field: 'audiences', message: '面向对象重复了，每类只写一次。' },
  topics_required: { field: 'topics', message: '请至少选择一个防骗主题。' },
  topic_unknown: { field: 'topics', message: '有不认识的防骗主题，请从列表中选择。' },
  topic_duplicate: { field: 'topics', message: '防骗主题重复了，每个只写一次。' },
  partners_invalid: { field: 'partners', message: '合作单位格式不对，请用顿号“、”分开。' },
  partners_too_many: { field: 'partners', message: '合作单位最多 10 个。' },
  partner_empty: { field: 'partners', message: '合作单位里有空的名称，请删掉多余的顿号。' },
  partner_too_long: { field: 'partners', message: '有合作单位名称太长，每个最多 60 个字。' },
  roles_required: { field: 'roles', message: '请至少给一个岗位设 1 个以上的名额。' },
  role_unknown: { field: 'roles', message: '岗位目录里没有这个岗位，请先到岗位目录添加。' },
  role_retired: { field: 'roles', message: '这个岗位已停用，不能再增加名额。' },
  slots_invalid: { field: 'roles', message: '名额要写整数，例如 3。' },
  slots_negative: { field: 'roles', message: '名额不能是负数。' },
  slots_too_many: { field: 'roles', message: '名额太多，每个岗位最多 1000 人。' },
  slug_invalid: { field: 'slug', message: '活动编号只能用小写字母、数字和短横线。' },
  slug_taken: { field: 'slug', message: '这个活动编号已被使用。' },
  slug_not_changeable: { field: 'slug', message: '活动编号创建后不能修改。' },
  // --- Publishing, cancelling, concurrent edits ---
  event_not_found: { field: 'event', message: '找不到这场活动，可能已被删除。' },
  event_conflict: { field: 'event', message: '另一位协调员刚改过这场活动，请重新载入后再改。' },
  already_published: { field: 'event', message: '这场活动已经发布了。' },
  already_draft: { field: 'event', message: '这场活动本来就是草稿。' },
  already_cancelled: { field: 'event', message: '这场活动已经取消了。' },
  cancel_reason_required: { field: 'cancel_reason', message: '请写明取消原因，志愿者和居民会看到。' },
  cancel_reason_too_long: { field: 'cancel_reason', message: '取消原因太长，最多 200 个字。' },
  // --- Series ---
  series_rule_unknown: { field: 'rule', message: '请选择重复方式：按周或按月。' },
  series_count_invalid: { field: 'count', message: '场数要在 2 到 52 之间。' },
  series_interval_invalid: { field: 'interval', message: '每隔几周要写 1 到 12 之间的整数。' },
  series_nth_invalid: { field: 'nth', message: '请选择每月第几个（1 到 4）。' },
  series_weekday_invalid: { field: 'weekday', message: '请选择星期几。' },
  series_duplicate_date: { field: 'rule', message: '有两场排在了同一天，请换一种重复方式。' },
  series_too_far: { field: 'rule', message: '最后一场超过了两年以后，请减少场数。' },
  // --- Venue book (xinghuo.venue_problems) ---
  venue_not_object: { field: 'venue', message: '提交的内容不完整，请刷新页面后重新填写。' },
  venue_not_found: { field: 'venue', message: '找不到这个场地。' },
  venue_name_required: { field: 'name', message: '请填写场地名称。' },
  venue_name_too_short: { field: 'name', message: '场地名称太短，至少 2 个字。' },
  venue_name_too_long: { field: 'name', message: '场地名称太长，最多 80 个字。' },
  venue_duplicate: { field: 'name', message: '场地簿里已经有同名的场地。' },
  address_required: { field: 'address', message: '请填写地址。' },
  address_too_short: { field: 'address', message: '地址太短，至少 4 个字。' },
  address_too_long: { field: 'address', message: '地址太长，最多 200 个字。' },
  district_required: { field: 'district', message: '请选择所在区（市）。' },
  district_unknown: { field: 'district', message: '没有这个区（市），请从列表中选择。' },
  lat_invalid: { field: 'lat', message: '纬度要写数字，例如 36.0671。' },
  lng_invalid: { field: 'lng', message: '经度要写数字，例如 120.3826。' },
  position_outside_city: { field: 'lat', message: '这个位置不在青岛市范围内，请检查纬度和经度是否填反或填错。' },
  // --- Role catalogue ---
  role_label_required: { field: 'label', message: '请填写岗位名称。' },
  role_label_too_long: { field: 'label', message: '岗位名称太长，最多 40 个字。' },
  role_label_taken: { field: 'label', message: '已经有同名的岗位。' },
  role_not_found: { field: 'role', message: '找不到这个岗位。' },
  // --- Import ---
  import_too_many_rows: { field: 'file', message: '一次最多导入 1000 场，请把表格分成几份。' },
  import_empty: { field: 'file', message: '表格里没有活动。' },
  venue_name_unknown: { field: 'venue_name', message: '场地簿里没有这个场地名称，请先添加场地或改成场地簿里的名称。' },
  // Checked in the browser before anything is sent: the file itself cannot be read as a programme.
  column_missing: { field: 'file', message: '表格缺少这一列（第一行要写列名）。' },
  file_unreadable: { field: 'file', message: '这个文件打不开，请选择 .xlsx 或 .csv 文件。' },
  position_unreadable: { field: 'paste', message: '没有读出坐标，请粘贴“经度,纬度”两个数字，例如 120.3826,36.0671。' },
};

/** The text for a code, or a plain fallback that still names the code for whoever helps. */
export function programmeErrorText(code: string): string {
  return programmeErrors[code]?.message ?? `这一项有问题（${code}），请检查后再试。`;
}
