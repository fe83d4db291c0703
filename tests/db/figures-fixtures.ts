// Arrangements for the figures suites (tests/db/figures-*.test.ts): a 支行 of the test's own, so the
// figures in its scope are exactly the events the test made (other suites share the database).
import { randomUUID } from 'node:crypto';
import { ensureBranch, rpc, sql } from './harness';

/** A fresh branch id (xinghuo.branches: lower-case letters, digits, '-'). */
export async function freshBranch(prefix: string): Promise<string> {
  return ensureBranch(`${prefix}-${randomUUID().slice(0, 8)}`);
}

/** The Asia/Shanghai calendar date `days` days from now (negative: ago), as YYYY-MM-DD. */
export function shanghaiDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

export async function setPartners(eventId: number, partners: string[]): Promise<void> {
  await sql('update xinghuo.events set partners = $2 where id = $1', [eventId, partners]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function figures(token: string, args: Record<string, unknown> = {}): Promise<any> {
  const res = await rpc('coord_figures', args, token);
  if (res.status !== 200) throw new Error(`coord_figures ${JSON.stringify(args)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
