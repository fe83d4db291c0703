// The link preview picture of an article (og:image, 1200×630 PNG), drawn at build time with satori
// (layout to SVG) and resvg (SVG to PNG): the title, the scam type and the number to call, so a link
// forwarded in WeChat shows what it is about and where to get help.
import satori from 'satori';
import { renderAsync } from '@resvg/resvg-js';
import { site } from '../site.config';
import { cachedPng } from './og-cache';
import { ogFont } from './og-font';

export const ogSize = { width: 1200, height: 630 } as const;

type Node = { type: string; props: { style?: Record<string, unknown>; children?: (Node | string)[] | Node | string } };
const box = (style: Record<string, unknown>, children: (Node | string)[] | string): Node => ({ type: 'div', props: { style, children } });

// One options object for every image: satori keeps the parsed font per `fonts` array, so a new array
// per call would parse the 4.6 MB CJK font again each time (≈ 30 ms an image instead of ≈ 4 ms).
let fonts: Parameters<typeof satori>[1]['fonts'] | undefined;

export async function ogImagePng(card: { title: string; kind: string }): Promise<Uint8Array> {
  const hotline = site.hotlines[0]!;
  const tree = box({ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', background: '#fffdf8', color: '#1f2328', fontFamily: 'og' }, [
    box({ display: 'flex', background: '#b3261e', color: '#fff', padding: '24px 56px', fontSize: 40 }, `${site.fullName} · 以案说险`),
    box({ display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '40px 56px 0' }, [
      box({ display: 'flex', alignSelf: 'flex-start', border: '4px solid #8c1d18', color: '#8c1d18', borderRadius: 12, padding: '4px 20px', fontSize: 36 }, card.kind),
      box({ display: 'flex', marginTop: 28, fontSize: 68, lineHeight: 1.3, fontWeight: 700 }, card.title),
    ]),
    box({ display: 'flex', alignItems: 'center', borderTop: '4px solid #d6d2c8', padding: '24px 56px', fontSize: 44 }, [
      box({ display: 'flex', color: '#8c1d18', fontSize: 60, marginRight: 24 }, hotline.number),
      `${hotline.name} · 已经转账请立即拨打 110`,
    ]),
  ]);
  const font = ogFont();
  // Everything the picture depends on: the layout with its texts and colours, the size, the font.
  const design = JSON.stringify({ tree, ogSize, font: font.byteLength });
  return cachedPng(design, async () => {
    fonts ??= [{ name: 'og', data: font.buffer as ArrayBuffer, weight: 400, style: 'normal' }];
    const svg = await satori(tree as never, { ...ogSize, fonts });
    // Rasterising is most of the cost (≈ 35–45 ms an image, satori ≈ 5 ms): renderAsync runs it on
    // libuv's thread pool, so with build.concurrency > 1 (astro.config.mjs) both cores draw. satori
    // leaves text as paths, so resvg needs no fonts of its own (scanning the system's costs ≈ 8 ms).
    return (await renderAsync(svg, { fitTo: { mode: 'width', value: ogSize.width }, font: { loadSystemFonts: false } })).asPng();
  });
}
