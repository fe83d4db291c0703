// Types for stack.mjs, so TypeScript callers (tests/db/global-setup.ts) are checked.
export interface StackOptions {
  dataDir?: string;
  dbPort?: number;
  apiPort?: number;
  reset?: boolean;
  seed?: boolean;
  quiet?: boolean;
  durable?: boolean;
  gateway?: GatewayOptions;
}
/** Bounds and Supabase Auth settings of the gateway (defaults in supabase/local/gateway/). */
export interface GatewayOptions {
  poolSize?: number;
  limits?: { acquireTimeoutMs?: number; queryTimeoutMs?: number; maxWaiting?: number };
  http?: { headersTimeoutMs?: number; requestTimeoutMs?: number };
  healthTimeoutMs?: number;
  signInLimits?: {
    perAddress: { max: number; windowMs: number };
    perEmailFailures: { max: number; windowMs: number };
    concurrentPerAddress: number;
  };
  refreshReuseSeconds?: number;
}
export interface Stack {
  apiUrl: string;
  dbUrl: string;
  /** PostgreSQL's log of this run. */
  logFile: string;
  /** The gateway child process's id (it changes when the supervisor restarts a crashed gateway). */
  gatewayPid(): number | undefined;
  gatewayRestarts(): number;
  stop(): Promise<void>;
}
export const supabaseDir: string;
export const defaultDataDir: string;
export function startStack(options?: StackOptions): Promise<Stack>;
