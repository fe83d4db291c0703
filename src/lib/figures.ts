// What each coordinator figure means, in one place: the dashboard, the report form and the printed
// report show these one-line definitions beside the numbers. The numbers themselves are computed
// once in SQL (xinghuo.event_figures, migration 20261202000530); these words describe that view.
import { audiences } from './taxonomy';

export const figureDefinitions = {
  events_held: { label: '已举办活动（场）', definition: '如期举行且已开始、或已填写报告的活动。' },
  people_reached: { label: '群众覆盖人次', definition: '报告中的现场和厅堂人次，加上线上活动的阅读/观看人次；每场活动只算一次。' },
  materials: { label: '发放宣传资料（份）', definition: '各场报告中各类资料份数之和。' },
  volunteer_participations: { label: '志愿者到场（人次）', definition: '签到人数；报告写明原因更正过的，以更正后的人数为准。' },
  volunteer_hours: { label: '志愿服务时长（小时）', definition: '每位志愿者签到到签退的时长（或协调员确认的计划时长）之和；报告更正多出的到场人数按计划时长计。' },
  questions_answered: { label: '解答咨询（次）', definition: '各场报告中解答咨询次数之和。' },
} as const;
export type FigureKey = keyof typeof figureDefinitions;

/** The channel each event's reach counts under (SQL: xinghuo.reach_channel from the event's kind). */
export const reachChannels = {
  on_site: { label: '现场', definition: '社区宣讲、银校/银企共建活动的现场人次。' },
  lobby: { label: '网点厅堂', definition: '网点厅堂活动接待的人次。' },
  online: { label: '线上', definition: '线上活动在平台统计的阅读、播放或观看人次。' },
} as const;
export type ReachChannel = keyof typeof reachChannels;

/** Who an in-person report counts its people as (SQL: xinghuo.reach_audiences(), held equal by a db test). */
export const reachAudiences = {
  elderly: audiences.elderly,
  students: audiences.students,
  'new-residents': audiences['new-residents'],
  other: '其他',
} as const;
export type ReachAudience = keyof typeof reachAudiences;

/** Keys of the dashboard's audience rows that are not an audience: reach nobody split. */
export const unsplitReach = {
  online: '线上（不分对象）',
  unsplit: '未分对象（早期报告）',
} as const;

export const audienceChartDefinition =
  '每场活动的人次按报告填写的对象拆分，各项相加等于群众覆盖人次；线上阅读/观看不分对象。';

export const topicChartDefinition = '一场活动讲了几种诈骗类型，就在每种类型下各计一场。';

export const branchTableDefinition = '每场活动只算在它所属的一个支行；不属任何支行的是团队自己的活动。各行相加等于合计。';

export const partnerTableDefinition = '一场活动有几个合作单位，就在每个单位下各计一场，所以各行相加会多于合计。';

/** How the team's own events (no branch) are named in every figure by branch. */
export const noBranchLabel = '不属任何支行';
