// An event's history row (only the fields that changed) in plain words: "开始时间：A → B".
import { formatDateTime } from './dashboard';
import { districtName } from '../site.config';
import { audiences, eventKinds, eventStatuses, onlineChannels, scamTypes } from './taxonomy';

export const historyActions: Record<string, string> = {
  created: '新建', updated: '修改', published: '发布', unpublished: '取消发布', cancelled: '取消活动',
  cloned: '复制', imported: '从表格导入', series_created: '创建系列活动', venue_updated: '场地信息更新',
};

const fieldLabels: Record<string, string> = {
  title: '标题', summary: '简介', description: '详细介绍', kind: '类型', channel: '线上渠道', online_url: '链接',
  venue_id: '场地编号', venue_name: '场地', venue_address: '地址', district: '区（市）', lat: '纬度', lng: '经度',
  starts_at: '开始时间', ends_at: '结束时间', audiences: '对象', topics: '主题', partners: '合作单位',
  internal_notes: '内部备注', status: '状态', cancel_reason: '取消原因', publication: '发布状态',
  published_at: '发布时间', roles: '岗位名额', slots: '岗位名额', series_id: '系列', slug: '活动编号',
};
// Bookkeeping that every change moves; listing it would hide the change itself.
const unlisted = new Set(['revision', 'updated_at', 'updated_by', 'created_by', 'id']);
const publications: Record<string, string> = { draft: '草稿（未发布）', published: '已发布' };

export interface Change {
  label: string;
  before: string;
  after: string;
}

function words(field: string, v: unknown, roleLabel: (id: string) => string): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '（空）';
  const vocab = (m: Record<string, string>) => (x: unknown) => m[String(x)] ?? String(x);
  if (field === 'audiences' && Array.isArray(v)) return v.map(vocab(audiences)).join('、');
  if (field === 'topics' && Array.isArray(v)) return v.map(vocab(scamTypes)).join('、');
  if (Array.isArray(v)) return v.map(String).join('、');
  if (field === 'roles' || field === 'slots') {
    return Object.entries(v as Record<string, number>).map(([id, n]) => `${roleLabel(id)} ${n}`).join('；') || '（空）';
  }
  if (field === 'kind') return vocab(eventKinds)(v);
  if (field === 'channel') return vocab(onlineChannels)(v);
  if (field === 'status') return vocab(eventStatuses)(v);
  if (field === 'publication') return vocab(publications)(v);
  if (field === 'district') return districtName(String(v));
  if (field.endsWith('_at') && typeof v === 'string') return formatDateTime(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function historyChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  roleLabel: (id: string) => string,
): Change[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !unlisted.has(k));
  return keys.map((k) => ({
    label: fieldLabels[k] ?? k,
    before: words(k, before?.[k], roleLabel),
    after: words(k, after?.[k], roleLabel),
  }));
}
