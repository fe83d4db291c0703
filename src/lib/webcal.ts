// Calendar apps subscribe to webcal: URLs (the same feed over http(s)); a plain https link to an
// .ics file is downloaded once instead, so nothing updates when an event changes.

/** The subscription (webcal:) and copyable (https) addresses of a feed path on the public site. */
export function subscriptionUrls(site: URL | string, feedPath: string): { webcal: string; https: string } {
  const https = new URL(feedPath, String(site)).href;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}
