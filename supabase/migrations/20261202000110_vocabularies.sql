-- The programme's fixed vocabularies, defined once: districts, audiences, topics (scam types), event
-- kinds and online channels. The TypeScript mirrors (src/site.config.ts districts,
-- src/lib/taxonomy.ts audiences/scamTypes/eventKinds/onlineChannels) are held equal to these rows by
-- tests/db/programme-vocabularies.test.ts. Volunteer roles are editable, so they have their own table.
create table xinghuo.vocabulary (
  vocabulary text not null check (vocabulary in ('district', 'audience', 'topic', 'event_kind', 'online_channel')),
  id text not null check (id ~ '^[a-z][a-z0-9_-]{0,39}$'),
  label text not null check (length(label) between 1 and 40),
  sort_order int not null,
  primary key (vocabulary, id),
  unique (vocabulary, label)
);
alter table xinghuo.vocabulary enable row level security;
revoke all on xinghuo.vocabulary from public, anon, authenticated, service_role;

insert into xinghuo.vocabulary (vocabulary, id, label, sort_order) values
  ('district', 'shinan', '市南区', 1),
  ('district', 'shibei', '市北区', 2),
  ('district', 'licang', '李沧区', 3),
  ('district', 'laoshan', '崂山区', 4),
  ('district', 'huangdao', '黄岛区（西海岸新区）', 5),
  ('district', 'chengyang', '城阳区', 6),
  ('district', 'jimo', '即墨区', 7),
  ('district', 'jiaozhou', '胶州市', 8),
  ('district', 'pingdu', '平度市', 9),
  ('district', 'laixi', '莱西市', 10),
  ('audience', 'elderly', '老年人', 1),
  ('audience', 'students', '学生和家长', 2),
  ('audience', 'new-residents', '新市民', 3),
  ('audience', 'everyone', '所有人', 4),
  ('topic', 'illegal-fundraising', '非法集资', 1),
  ('topic', 'admission-scam', '高考/升学诈骗', 2),
  ('topic', 'rights-agent', '代理维权', 3),
  ('topic', 'debt-relief', '减免债务、征信修复', 4),
  ('topic', 'pension-scam', '养老诈骗', 5),
  ('topic', 'fake-officials', '冒充公检法', 6),
  ('topic', 'task-rebate', '刷单返利', 7),
  ('topic', 'fake-investment', '虚假投资理财', 8),
  ('topic', 'fake-refund', '冒充客服退款', 9),
  ('topic', 'online-loan', '网络贷款诈骗', 10),
  ('event_kind', 'community', '社区宣讲', 1),
  ('event_kind', 'lobby', '网点厅堂', 2),
  ('event_kind', 'school_enterprise', '银校/银企共建', 3),
  ('event_kind', 'online', '线上', 4),
  ('online_channel', 'wechat_article', '公众号文章', 1),
  ('online_channel', 'video_channel', '视频号', 2),
  ('online_channel', 'live_stream', '直播', 3),
  ('online_channel', 'other_online', '其他线上平台', 4);

-- Whether p_id is a term of the vocabulary (null is not).
create function xinghuo.in_vocabulary(p_vocabulary text, p_id text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from xinghuo.vocabulary v where v.vocabulary = p_vocabulary and v.id = p_id)
$$;
revoke execute on function xinghuo.in_vocabulary(text, text) from public, anon, authenticated, service_role;

-- A spreadsheet cell may hold a term's id or its zh label: the id it means, or the cell unchanged
-- (so the validator reports it as unknown).
create function xinghuo.vocabulary_id(p_vocabulary text, p_cell text)
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(
    (select v.id from xinghuo.vocabulary v
     where v.vocabulary = p_vocabulary and (v.id = pg_catalog.btrim(p_cell) or v.label = pg_catalog.btrim(p_cell))),
    p_cell)
$$;
revoke execute on function xinghuo.vocabulary_id(text, text) from public, anon, authenticated, service_role;
