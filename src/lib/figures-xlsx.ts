// The figures export (.xlsx) of one coord_figures answer: 汇总 (the dashboard's totals, each with its
// definition), 活动明细 (every held event: the rows the totals sum), 分受众, 分渠道, 分支行, 合作单位.
// Built from the same answer the screen shows, so the file and the screen cannot disagree.
import { districtName } from '../site.config';
import { branchName, channelRows, formatDate, groupLabel, type FiguresWithRows } from './dashboard';
import { figureDefinitions, partnerTableDefinition, type FigureKey } from './figures';
import { periodFileSpan, periodWords, type Period } from './periods';
import { writeWorkbook, type Sheet } from './programme-xlsx';

const summaryKeys: FigureKey[] = ['events_held', 'people_reached', 'materials', 'volunteer_participations', 'volunteer_hours', 'questions_answered'];

/** The six sheets as tables (first row the header). */
export function figuresSheets(f: FiguresWithRows, scopeLabel: string): Sheet[] {
  const elderly = (r: FiguresWithRows['rows'][number]) => r.reach_by_audience.elderly ?? 0;
  return [
    { name: '汇总', rows: [
      ['项目', '数值', '说明'],
      ['统计期间', periodWords(f), f.campaign ? `活动专题：${f.campaign.label}` : ''],
      ['统计范围', scopeLabel, ''],
      ...summaryKeys.map((k) => [figureDefinitions[k].label, Number(f.totals[k]), figureDefinitions[k].definition]),
    ] },
    { name: '活动明细', rows: [
      ['日期', '活动', '区（市）', '支行', '渠道', '合作单位', '已填报告', '覆盖人次', '其中老年人', '宣传资料（份）', '解答咨询（次）', '志愿者到场（人次）', '志愿服务（分钟）'],
      ...f.rows.map((r) => [
        formatDate(r.starts_at), r.title ?? r.slug, districtName(r.district), branchName(f, r.branch_id), groupLabel('channel', r.channel),
        r.partners.join('、'), r.reported ? '是' : '否', r.people_reached, elderly(r), r.materials, r.questions_answered,
        r.volunteers_present, r.service_minutes,
      ]),
    ] },
    { name: '分受众', rows: [['对象', '覆盖人次'], ...f.by_audience.map((g) => [groupLabel('audience', g.key), g.people_reached])] },
    { name: '分渠道', rows: [['渠道', '场次', '覆盖人次', '宣传资料（份）'],
      ...channelRows(f.by_channel).map((g) => [groupLabel('channel', g.key), g.events, g.people_reached, g.materials])] },
    { name: '分支行', rows: [['支行', '场次', '覆盖人次', '宣传资料（份）', '志愿服务时长（小时）'],
      ...f.by_branch.map((g) => [branchName(f, g.key), g.events, g.people_reached, g.materials, g.volunteer_hours])] },
    { name: '合作单位', rows: [['合作单位', '场次', '覆盖人次', '宣传资料（份）'],
      ...f.by_partner.map((g) => [g.key, g.events, g.people_reached, g.materials]), [], [partnerTableDefinition]] },
  ];
}

export function figuresWorkbook(f: FiguresWithRows, scopeLabel: string): Promise<ArrayBuffer> {
  return writeWorkbook(figuresSheets(f, scopeLabel));
}

/** 宣传数据-2026-09-01至2026-09-30-市南支行.xlsx */
export function figuresFilename(p: Period, scopeLabel: string): string {
  return `宣传数据-${periodFileSpan(p)}-${scopeLabel}.xlsx`;
}
