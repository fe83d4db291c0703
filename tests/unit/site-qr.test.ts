import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { absoluteArticleUrl, qrSvg } from '../../src/lib/qr';

describe('absoluteArticleUrl', () => {
  it('joins the site and the slug with a trailing slash', () => {
    expect(absoluteArticleUrl(new URL('https://xinghuo.example.cn'), 'fake-refund')).toBe(
      'https://xinghuo.example.cn/articles/fake-refund/',
    );
  });
  it('keeps a path prefix of the site, with or without its slash', () => {
    expect(absoluteArticleUrl('https://example.org/xinghuo', 'a')).toBe('https://example.org/xinghuo/articles/a/');
    expect(absoluteArticleUrl('https://example.org/xinghuo/', 'a')).toBe('https://example.org/xinghuo/articles/a/');
  });
  it('encodes characters that are not URL-safe', () => {
    expect(absoluteArticleUrl('https://x.cn', '养老 骗局')).toBe(
      'https://x.cn/articles/%E5%85%BB%E8%80%81%20%E9%AA%97%E5%B1%80/',
    );
  });
});

describe('qrSvg', () => {
  const url = 'https://xinghuo.example.cn/articles/fake-refund/';

  it('returns an inline SVG labelled for screen readers', async () => {
    const svg = await qrSvg(url, '扫码看“退款”<网页版>');
    expect(svg.startsWith('<svg role="img" aria-label="扫码看“退款”&lt;网页版>" ')).toBe(true);
    expect(svg).toContain('viewBox=');
    expect(svg).toContain('<path');
  });

  it('encodes exactly the given URL (same modules as a QR of that URL)', async () => {
    const svg = await qrSvg(url, 'x');
    const size = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules.size;
    // margin 2 on each side
    expect(svg).toContain(`viewBox="0 0 ${size + 4} ${size + 4}"`);
    const plain = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    expect(svg.replace(' role="img" aria-label="x"', '')).toBe(plain);
    const other = await qrSvg('https://xinghuo.example.cn/articles/other/', 'x');
    expect(other).not.toBe(svg);
  });
});
