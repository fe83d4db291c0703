// The full supabase-js client (with Auth) for the coordinator pages only; public pages use the
// small PostgREST client in ./public-client.ts. Browser only: the session lives in localStorage.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { supabaseAnonKey, supabaseUrl } from './config';

let client: SupabaseClient | undefined;

export function coordinatorClient(): SupabaseClient {
  if (typeof window === 'undefined') throw new Error('coordinatorClient() is for the browser only');
  client ??= createClient(supabaseUrl, supabaseAnonKey, {
    auth: { persistSession: true, autoRefreshToken: true, storageKey: 'xinghuo-coordinator' },
  });
  return client;
}
