// The message kinds and their plain-Chinese templates: one module for the worker (rendering e-mail,
// picking SMS template ids), the local SMS stand-in (showing the text) and the coordinator panel.
// Mirrors xinghuo.message_kinds (id, quiet_hours); tests/db/messages-vocabulary.test.ts holds them equal.
// Each SMS template is registered with the provider under its own id; `text` is what we register.

export interface MessageKind {
  label: string;
  /** Held to 08:00–21:00 Asia/Shanghai. */
  quietHours: boolean;
  /** Template variables in the order Tencent's TemplateParamSet expects them. */
  params: readonly string[];
  text: string;
  /** Realistic values: the unit test renders them to keep each SMS within `segments`. */
  sample: Readonly<Record<string, string>>;
  /** 1 where the text fits one SMS; 2 where it carries the manage link. */
  segments: 1 | 2;
}

const sampleEvent = { event: '守好养老钱市北宣讲', time: '12月2日9:30' };

export const messageKinds = {
  verification_code: {
    label: '验证码',
    quietHours: false,
    params: ['code'],
    text: '验证码{code}，10分钟内有效。工作人员不会向您索要验证码，请勿告诉他人。',
    sample: { code: '123456' },
    segments: 1,
  },
  signup_confirmed: {
    label: '报名成功',
    quietHours: false,
    params: ['event', 'time', 'link'],
    text: '您已报名{event}（{time}）。签到二维码和取消报名都在：{link}',
    sample: { ...sampleEvent, link: 'https://xinghuo.example.cn/m/#Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7nP9rS1uW3' },
    segments: 2,
  },
  signup_waitlisted: {
    label: '已候补',
    quietHours: false,
    params: ['event', 'time', 'position', 'link'],
    text: '{event}（{time}）已满，您是候补第{position}位，有空位会通知您。管理报名：{link}',
    sample: { ...sampleEvent, position: '3', link: 'https://xinghuo.example.cn/m/#Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7nP9rS1uW3' },
    segments: 2,
  },
  already_signed_up: {
    label: '重复报名提醒',
    quietHours: false,
    params: ['event', 'time'],
    text: '此号码已报名{event}（{time}），无需再报。找回报名链接请到网站“找回我的报名”。',
    sample: sampleEvent,
    segments: 1,
  },
  promoted: {
    label: '候补转正',
    quietHours: true,
    params: ['event', 'time'],
    text: '好消息：{event}（{time}）有了空位，您已从候补转为正式报名，请按时到场。',
    sample: sampleEvent,
    segments: 1,
  },
  event_changed: {
    label: '活动变更',
    quietHours: true,
    params: ['event', 'time', 'place'],
    text: '您报名的{event}改为{time}在{place}举行。不能参加请打开报名链接取消。',
    sample: { ...sampleEvent, place: '某社区党群服务中心' },
    segments: 1,
  },
  event_cancelled: {
    label: '活动取消',
    quietHours: true,
    params: ['event', 'time'],
    text: '抱歉，您报名的{event}（{time}）已取消，不用前往。谢谢您的支持！',
    sample: sampleEvent,
    segments: 1,
  },
  reminder: {
    label: '活动提醒',
    quietHours: true,
    params: ['event', 'time', 'link'],
    text: '提醒：您报名的{event}将于{time}举行。请点链接选“确认参加”或“无法参加”：{link}',
    sample: { ...sampleEvent, link: 'https://xinghuo.example.cn/signup/reply/#r=123456.Ab3dE5gH7jK9mN1pQ3sT5v' },
    segments: 2,
  },
  staffing_alert: {
    label: '缺人提醒',
    quietHours: true,
    params: ['event', 'time', 'role', 'missing'],
    text: '{event}（{time}）{role}还缺{missing}人，请协调员尽快安排。',
    sample: { ...sampleEvent, role: '银行工作人员', missing: '2' },
    segments: 1,
  },
  // Sent when a volunteer chose to keep a record (志愿者档案); asked for, so not held to quiet hours.
  volunteer_record_link: {
    label: '我的志愿记录',
    quietHours: false,
    params: ['link'],
    text: '您的志愿者档案已建立。查看志愿时长、下载证明：{link}',
    sample: { link: 'https://xinghuo.example.cn/record/#t=Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5kL7nP9rS1uW3' },
    segments: 2,
  },
} as const satisfies Record<string, MessageKind>;

export type MessageKindId = keyof typeof messageKinds;
export const messageKindIds = Object.keys(messageKinds) as MessageKindId[];

export function isMessageKind(id: string): id is MessageKindId {
  return Object.hasOwn(messageKinds, id);
}

/** The text a recipient reads; a missing variable stays visible as {name} so tests catch it. */
export function renderMessage(kind: MessageKindId, params: Readonly<Record<string, unknown>>): string {
  return messageKinds[kind].text.replace(/\{(\w+)\}/g, (all, name: string) =>
    params[name] === undefined || params[name] === null ? all : String(params[name]),
  );
}

// Carriers count 70 characters for a one-part Chinese SMS and 67 per part beyond, the 【signature】 included.
export function smsSegments(text: string, signName: string): number {
  const length = [...`【${signName}】${text}`].length;
  return length <= 70 ? 1 : Math.ceil(length / 67);
}
