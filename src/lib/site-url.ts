// Printed leaflets and notices carry QR codes to absolute URLs. A production build without
// PUBLIC_SITE_URL would print codes pointing at the placeholder host, and nobody notices until a
// resident scans one; so such a build stops with one clear message instead.
export const placeholderSite = 'https://xinghuo.example.cn';

/** Why this build must not run (production build with the placeholder address), or null. */
export function placeholderSiteError(siteUrl: string, command: string): string | null {
  if (command !== 'build' || new URL(siteUrl).host !== new URL(placeholderSite).host) return null;
  return `PUBLIC_SITE_URL is not set (the site address is the placeholder ${placeholderSite}): the QR codes on printed leaflets and event notices would point there. Build with PUBLIC_SITE_URL=https://<your site> npm run build.`;
}
