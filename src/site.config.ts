// Everything another organisation changes to reuse the site (besides content) lives here.
// The demo is a Qingdao bank branch's financial-literacy volunteer team.

export interface Hotline {
  number: string;
  name: string;
  /** Two characters for the always-visible strip, so all three numbers fit one line at 320 px. */
  short: string;
  note: string;
}

export interface District {
  id: string;
  name: string;
}

export const site = {
  name: '星火',
  fullName: '星火金融知识志愿服务队',
  organisation: '某银行青岛分行消费者权益保护志愿服务队',
  city: '青岛',
  description: '以案说险、社区宣讲、志愿报名：帮助身边人识破金融诈骗，守好钱袋子。',
  lang: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  utcOffset: '+08:00',
  hotlines: [
    { number: '96110', name: '反诈预警劝阻专线', short: '反诈', note: '接到这个号码来电，请一定接听' },
    { number: '110', name: '报警电话', short: '报警', note: '已经转账或遇到危险，立即报警' },
    { number: '12378', name: '银行保险消费者投诉维权热线', short: '投诉', note: '银行、保险业务纠纷与咨询' },
  ] satisfies Hotline[],
  districts: [
    { id: 'shinan', name: '市南区' },
    { id: 'shibei', name: '市北区' },
    { id: 'licang', name: '李沧区' },
    { id: 'laoshan', name: '崂山区' },
    { id: 'huangdao', name: '黄岛区（西海岸新区）' },
    { id: 'chengyang', name: '城阳区' },
    { id: 'jimo', name: '即墨区' },
    { id: 'jiaozhou', name: '胶州市' },
    { id: 'pingdu', name: '平度市' },
    { id: 'laixi', name: '莱西市' },
  ] as const satisfies readonly District[],
  map: {
    center: [36.0671, 120.3826] as [number, number],
    zoom: 10,
    // Default: OpenStreetMap (WGS-84). A Chinese provider (GCJ-02) sets datum: 'gcj02' and the map
    // converts stored WGS-84 positions before drawing them.
    tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> 贡献者',
    datum: 'wgs84' as 'wgs84' | 'gcj02',
    maxZoom: 18,
  },
  // Coordinators' yearly goals, shown as progress on the dashboard.
  yearlyTarget: { events: 30, peopleReached: 300000, materials: 20000 },
  // Sign-up privacy notice version: bump when the notice text changes; stored with each sign-up.
  privacyNoticeVersion: '2026-12',
  retentionDays: 90,
  // Who answers questions about events and volunteer sign-up (shown when online sign-up is unreachable).
  // Demo placeholder: replace with the team's real number.
  eventsContact: { name: '志愿服务队活动联络电话', number: '0532-00000000' },
  // Who answers requests about personal data (see, correct, delete; PIPL art. 44–47), on /privacy/.
  // Demo placeholder: replace with the team's real contact.
  privacyContact: { name: '志愿服务队个人信息联络人', number: '0532-00000000', email: 'privacy@xinghuo.example.cn' },
} as const;

export type DistrictId = (typeof site.districts)[number]['id'];
export const districtIds = site.districts.map((d) => d.id) as [DistrictId, ...DistrictId[]];

export function districtName(id: string): string {
  return site.districts.find((d) => d.id === id)?.name ?? id;
}
