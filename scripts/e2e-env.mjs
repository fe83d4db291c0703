// The environment the site is built with for end-to-end tests: islands talk to the e2e stack.
export const e2eBuildEnv = {
  PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54331',
  PUBLIC_SITE_URL: 'http://127.0.0.1:4399',
};
