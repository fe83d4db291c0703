// satori reads TrueType/OpenType fonts but not collections (.ttc), and the CJK font these machines
// have (fonts-wqy-microhei) ships only as a collection. This takes its first font out of the
// collection as a stand-alone TrueType file, in memory.
import { readFileSync } from 'node:fs';

export const defaultOgFont = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** The first font of a TrueType collection as a TrueType file; a plain .ttf/.otf comes back as is. */
export function firstFontOf(file: Uint8Array): Uint8Array {
  const src = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (src.toString('latin1', 0, 4) !== 'ttcf') return file;
  const start = src.readUInt32BE(12);
  const numTables = src.readUInt16BE(start + 4);
  const headerLength = 12 + numTables * 16;
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = start + 12 + i * 16;
    return { record: at, offset: src.readUInt32BE(at + 8), length: src.readUInt32BE(at + 12) };
  });
  const size = headerLength + tables.reduce((n, t) => n + Math.ceil(t.length / 4) * 4, 0);
  const out = Buffer.alloc(size);
  src.copy(out, 0, start, start + headerLength);
  let cursor = headerLength;
  tables.forEach((t, i) => {
    src.copy(out, cursor, t.offset, t.offset + t.length);
    out.writeUInt32BE(cursor, 12 + i * 16 + 8);
    cursor += Math.ceil(t.length / 4) * 4; // tables start on 4-byte boundaries
  });
  return out;
}

let cached: Uint8Array | undefined;
/** The font for og:images: XINGHUO_OG_FONT, else WenQuanYi Micro Hei (apt-get install fonts-wqy-microhei). */
export function ogFont(): Uint8Array {
  const path = process.env.XINGHUO_OG_FONT ?? defaultOgFont;
  try {
    return (cached ??= firstFontOf(readFileSync(path)));
  } catch {
    throw new Error(`og:image needs a Chinese font at ${path}: apt-get install -y fonts-wqy-microhei, or set XINGHUO_OG_FONT to a .ttf/.otf/.ttc file.`);
  }
}
