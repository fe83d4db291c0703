// The fixed vocabularies shared by content, pages and the database (ids are stable, labels are zh-CN).
// The database defines them in xinghuo.vocabulary; tests/db/programme-vocabularies.test.ts holds both equal.
// Volunteer roles are not one of them: coordinators edit them (xinghuo.volunteer_roles), and pages
// get each role's label with the data that uses it.

export const scamTypes = {
  'illegal-fundraising': '非法集资',
  'admission-scam': '高考/升学诈骗',
  'rights-agent': '代理维权',
  'debt-relief': '减免债务、征信修复',
  'pension-scam': '养老诈骗',
  'fake-officials': '冒充公检法',
  'task-rebate': '刷单返利',
  'fake-investment': '虚假投资理财',
  'fake-refund': '冒充客服退款',
  'online-loan': '网络贷款诈骗',
} as const;
export type ScamType = keyof typeof scamTypes;
export const scamTypeIds = Object.keys(scamTypes) as [ScamType, ...ScamType[]];

export const audiences = {
  elderly: '老年人',
  students: '学生和家长',
  'new-residents': '新市民',
  everyone: '所有人',
} as const;
export type Audience = keyof typeof audiences;
export const audienceIds = Object.keys(audiences) as [Audience, ...Audience[]];

// Where an event happens: an online event has a channel (and maybe a link) instead of a venue.
export const eventKinds = {
  community: '社区宣讲',
  lobby: '网点厅堂',
  school_enterprise: '银校/银企共建',
  online: '线上',
} as const;
export type EventKind = keyof typeof eventKinds;
export const eventKindIds = Object.keys(eventKinds) as [EventKind, ...EventKind[]];

export const onlineChannels = {
  wechat_article: '公众号文章',
  video_channel: '视频号',
  live_stream: '直播',
  other_online: '其他线上平台',
} as const;
export type OnlineChannel = keyof typeof onlineChannels;
export const onlineChannelIds = Object.keys(onlineChannels) as [OnlineChannel, ...OnlineChannel[]];

export const eventStatuses = { scheduled: '如期举行', cancelled: '已取消' } as const;
export type EventStatus = keyof typeof eventStatuses;
