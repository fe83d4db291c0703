// Events the end-to-end run adds to the demo programme, dated relative to the moment the e2e site is
// built: the journeys need an open upcoming event, a cancelled upcoming one and an ended one, and the
// demo content's own dates go stale (after its last date nothing in it is upcoming).
// Written to a git-ignored folder that both the build (src/content.config.ts) and the events sync
// (scripts/sync-events.mjs) read when XINGHUO_EXTRA_EVENTS_DIR points at it.
import { mkdir, rm, writeFile } from 'node:fs/promises';

const HOUR = 3_600_000;
const allRoles = { bank_staff: 3, police: 2, street_office: 2, lawyer: 1, volunteer: 6 };

function file({ title, district, startsInHours, audiences, topics, status = 'scheduled' }, now) {
  // Whole hours, so the times read naturally on the pages.
  const start = new Date(Math.floor((now + startsInHours * HOUR) / HOUR) * HOUR);
  const end = new Date(start.getTime() + 2 * HOUR);
  const slots = Object.entries(allRoles).map(([r, n]) => `  ${r}: ${n}`).join('\n');
  return [
    '---',
    `title: "${title}"`,
    'summary: "端到端测试生成的活动，日期相对于构建时间，保证测试不依赖示例内容的日期。"',
    'venue: "测试社区活动室"',
    'address: "青岛市市南区测试路 1 号"',
    `district: ${district}`,
    'lat: 36.0665',
    'lng: 120.3822',
    `start: '${start.toISOString()}'`,
    `end: '${end.toISOString()}'`,
    `audiences: [${audiences.join(', ')}]`,
    `topics: [${topics.join(', ')}]`,
    'partners: ["测试派出所"]',
    'slots:',
    slots,
    `status: ${status}`,
    '---',
    '测试用活动：现场宣讲与答疑。',
    '',
  ].join('\n');
}

export const e2eEvents = [
  { slug: 'e2e-open-soon', title: '测试活动：防范冒充公检法', district: 'shinan', startsInHours: 30,
    audiences: ['elderly', 'everyone'], topics: ['fake-officials', 'pension-scam'] },
  { slug: 'e2e-open-later', title: '测试活动：识破刷单返利', district: 'laoshan', startsInHours: 80,
    audiences: ['students'], topics: ['task-rebate'] },
  { slug: 'e2e-cancelled', title: '测试活动：已取消的宣讲', district: 'licang', startsInHours: 120,
    audiences: ['everyone'], topics: ['fake-refund'], status: 'cancelled' },
  { slug: 'e2e-ended', title: '测试活动：已结束的宣讲', district: 'shibei', startsInHours: -170,
    audiences: ['everyone'], topics: ['online-loan'] },
];

/** Replaces the folder's contents with the e2e events, dated relative to `now`. */
export async function writeE2eEvents(dir, now = Date.now()) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await Promise.all(e2eEvents.map((e) => writeFile(`${dir}/${e.slug}.md`, file(e, now))));
}
