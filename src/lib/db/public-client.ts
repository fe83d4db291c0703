// The smallest client for public pages: PostgREST only (~5 KB gzip), calling RPCs as `anon`.
// Coordinator pages use the full supabase-js client (auth) from ./coordinator-client.ts instead.
import { PostgrestClient } from '@supabase/postgrest-js';
import { supabaseAnonKey, supabaseUrl } from './config';

let client: PostgrestClient | undefined;

export function publicClient(): PostgrestClient {
  client ??= new PostgrestClient(`${supabaseUrl}/rest/v1`, {
    headers: { apikey: supabaseAnonKey, Authorization: `Bearer ${supabaseAnonKey}` },
  });
  return client;
}
