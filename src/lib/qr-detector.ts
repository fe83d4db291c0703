// A QR detector for the check-in scanner: the browser's own BarcodeDetector where it reads QR codes
// (Android Chrome, Safari 17+), else the `barcode-detector` polyfill (ZXing-C++ in WebAssembly).
// This module is imported only by the scanner screen. Its .wasm is served from our own site, not the
// polyfill's default CDN: the workspace must not depend on a third party, and a coordinator who
// opened the event with signal can then scan in a room without any (the module stays in memory).
import zxingReaderWasm from 'zxing-wasm/reader/zxing_reader.wasm?url';

export interface QrDetector {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}

interface NativeDetectorClass {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
}

let ready: Promise<QrDetector> | null = null;

async function makeDetector(): Promise<QrDetector> {
  const native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (native && (await native.getSupportedFormats()).includes('qr_code')) return new native({ formats: ['qr_code'] });
  const { BarcodeDetector, prepareZXingModule } = await import('barcode-detector/ponyfill');
  await prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? zxingReaderWasm : prefix + path) },
    fireImmediately: true,
  });
  return new BarcodeDetector({ formats: ['qr_code'] });
}

/** One detector per page load, its WebAssembly fetched and compiled on the first call. */
export function qrDetector(): Promise<QrDetector> {
  ready ??= makeDetector().catch((e: unknown) => {
    ready = null;
    throw e;
  });
  return ready;
}
