// Every phone number in article text becomes a tap-to-call link, at build time (a Markdown plugin),
// so editors write "打 12348 咨询" and readers on a phone can tap it.
// satteri comes with @astrojs/markdown-satteri (the processor astro.config.mjs uses); types only.
import type { HastPluginDefinition } from 'satteri';

// Service numbers (110, 12xxx hotlines, 95xxx/96xxx bank and anti-fraud lines), mobile numbers and
// landlines with an area code; not followed by a unit, so "12000 元" or "2026 年" stay text.
const phonePattern = /(?<![\d.\-])(110|119|120|122|12\d{3}|9[56]\d{3}|1[3-9]\d{9}|0\d{2,3}-\d{7,8})(?![\d.\-]|\s*[元万千百亿块人次份个年月日号%])/g;

export type TextPart = { text: string } | { tel: string; text: string };

/** The text split into plain parts and phone numbers (tel: value without the dash). */
export function splitPhoneNumbers(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(phonePattern)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ tel: m[0].replace(/-/g, ''), text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Sätteri hast plugin: text nodes outside links and code get their numbers wrapped in <a href="tel:">. */
export const phoneLinksPlugin: HastPluginDefinition = {
  name: 'phone-links',
  text(node, ctx) {
    const parent = ctx.parent(node);
    if (parent.type === 'element' && ['a', 'code', 'pre'].includes(parent.tagName)) return;
    const parts = splitPhoneNumbers(node.value);
    if (parts.every((p) => !('tel' in p))) return;
    ctx.replaceNode(node, parts.map((p) => ('tel' in p
      ? { type: 'element' as const, tagName: 'a', properties: { href: `tel:${p.tel}` }, children: [{ type: 'text' as const, value: p.text }] }
      : { type: 'text' as const, value: p.text })));
  },
};
