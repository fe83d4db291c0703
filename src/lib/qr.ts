// Print leaflets carry a QR code back to the online article. It is drawn at build time as inline SVG,
// so the printed page needs no script and no network.
import QRCode from 'qrcode';

/** Absolute URL of a page under `section/` on the public site; `site` is Astro.site (may have a path prefix). */
function absoluteUrl(site: URL | string, section: string, slug: string): string {
  const base = new URL(String(site));
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(`${section}/${encodeURIComponent(slug)}/`, base).href;
}

export const absoluteArticleUrl = (site: URL | string, slug: string) => absoluteUrl(site, 'articles', slug);
export const absoluteEventUrl = (site: URL | string, slug: string) => absoluteUrl(site, 'events', slug);

/** An SVG QR code for `url`, labelled for screen readers. Medium error correction survives a smudged print. */
export async function qrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const safe = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return svg.replace('<svg ', `<svg role="img" aria-label="${safe}" `);
}
