// Where the browser finds Supabase. Defaults are the local stand-in's (same URL and public demo anon
// key as `supabase start`); a real deployment sets PUBLIC_SUPABASE_URL / PUBLIC_SUPABASE_ANON_KEY at build.
const DEMO_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export const supabaseUrl: string = import.meta.env.PUBLIC_SUPABASE_URL ?? 'http://127.0.0.1:54321';
export const supabaseAnonKey: string = import.meta.env.PUBLIC_SUPABASE_ANON_KEY ?? DEMO_ANON_KEY;
