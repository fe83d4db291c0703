// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import tailwindcss from '@tailwindcss/vite';
import { phoneLinksPlugin } from './src/lib/phone-links.ts';
import { placeholderSite, placeholderSiteError } from './src/lib/site-url.ts';
import { ogCacheEnv } from './src/lib/og-cache.ts';
import { eventsDevRefresh } from './src/lib/events-dev-refresh.ts';

// The public address of the site: feeds, sitemap, Open Graph and QR codes need absolute URLs.
const site = process.env.PUBLIC_SITE_URL ?? placeholderSite;

/** Stops `astro build` before any page is made when printed QR codes would point at the placeholder.
 *  @type {import('astro').AstroIntegration} */
const refusePlaceholderSite = {
  name: 'xinghuo:refuse-placeholder-site',
  hooks: {
    'astro:config:setup': ({ command }) => {
      const error = placeholderSiteError(site, command);
      if (error) throw new Error(error);
    },
  },
};

/** Where drawn og:images are kept between builds: inside Astro's own cacheDir (src/lib/og-cache.ts).
 *  @type {import('astro').AstroIntegration} */
const ogImageCache = {
  name: 'xinghuo:og-image-cache',
  hooks: {
    'astro:config:setup': ({ config }) => {
      process.env[ogCacheEnv] = fileURLToPath(new URL('og-images/', config.cacheDir));
    },
  },
};

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [
    refusePlaceholderSite,
    ogImageCache,
    // astro dev only: the next page load shows what was just published in the workspace.
    eventsDevRefresh(),
    svelte(),
    // Listed: public pages only. Not: print views (noindex duplicates), the coordinator app, and the
    // private sign-up management page (its link carries a personal token).
    sitemap({ filter: (page) => !/\/print\/$|\/coordinator\/|\/signup\/manage\/|\/record\/|\/verify\//.test(page) }),
  ],
  // Elderly readers on slow phones: inline small stylesheets so a page is one request.
  // concurrency: pages are rendered a few at a time, so the og:image routes' rasterising (off the
  // main thread, src/lib/og-image.ts) keeps the second core busy while pages render on the first.
  build: { inlineStylesheets: 'auto', format: 'directory', concurrency: 4 },
  // Case articles are plain prose: no code highlighting, and no smart quotes (zh text uses “” already).
  // Phone numbers in the text become tap-to-call links (src/lib/phone-links.ts).
  markdown: { processor: satteri({ features: { smartPunctuation: false }, hastPlugins: [phoneLinksPlugin] }), syntaxHighlight: false },
  vite: { plugins: [tailwindcss()] },
  devToolbar: { enabled: false },
});
