// Types for stack.mjs, so TypeScript callers (tests/db/global-setup.ts) are checked.
export interface StackOptions {
  dataDir?: string;
  dbPort?: number;
  apiPort?: number;
  reset?: boolean;
  seed?: boolean;
  syncEvents?: boolean;
  strictEvents?: boolean;
  quiet?: boolean;
  durable?: boolean;
}
export interface Stack {
  apiUrl: string;
  dbUrl: string;
  stop(): Promise<void>;
}
export const supabaseDir: string;
export const defaultDataDir: string;
export function startStack(options?: StackOptions): Promise<Stack>;
