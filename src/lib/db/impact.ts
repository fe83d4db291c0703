// Public impact counters for the home page: totals only, as anon, through the small PostgREST client.
import { publicClient } from './public-client';

export interface ImpactTotals {
  events_held: number;
  materials_handed_out: number;
  people_reached: number;
}

/** Throws when the backend is unreachable or errs: the counters then keep their static fallback. */
export async function fetchImpactTotals(): Promise<ImpactTotals> {
  const { data, error } = await publicClient().rpc('impact_totals');
  if (error) throw new Error(`impact_totals failed: ${error.code} ${error.message}`);
  return data as ImpactTotals;
}
