// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';

// The public address of the site: feeds, sitemap, Open Graph and QR codes need absolute URLs.
const site = process.env.PUBLIC_SITE_URL ?? 'https://xinghuo.example.cn';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [
    svelte(),
    // The private sign-up management page is never listed (its link carries a personal token).
    sitemap({ filter: (page) => !page.includes('/signup/manage/') }),
  ],
  // Elderly readers on slow phones: inline small stylesheets so a page is one request.
  build: { inlineStylesheets: 'auto', format: 'directory' },
  vite: { plugins: [tailwindcss()] },
  devToolbar: { enabled: false },
});
