// The programme export: coord_get_event gives each event's full fields (coord_events has only what
// the table shows), role labels come from the catalogue, and the rows go out in the import's columns.
import { coordGetEvent, coordRoles, type EditableEvent } from './db/programme';
import { listEvents } from './db/coordinator';
import { coordBranches } from './db/branches';
import { programmeTable, type ExportEvent } from './programme-sheet';

const PARALLEL_READS = 6;

export async function programmeExportTable(): Promise<string[][]> {
  const [list, roles, { branches }] = await Promise.all([listEvents(), coordRoles(), coordBranches()]);
  const label = new Map(roles.map((r) => [r.id, r.label]));
  const branchLabel = new Map(branches.map((b) => [b.id, b.label]));
  const ids = list.map((e) => e.id).reverse(); // coord_events is newest first; the file reads in date order
  const full: EditableEvent[] = new Array(ids.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_READS, ids.length) }, async () => {
      while (next < ids.length) {
        const i = next++;
        full[i] = await coordGetEvent(ids[i]!);
      }
    }),
  );
  const rows: ExportEvent[] = full.map((e) => ({
    ...e,
    venue_name: e.venue_name ?? null,
    branch: e.branch_id === null ? null : (branchLabel.get(e.branch_id) ?? e.branch_id),
    roles: Object.entries(e.roles).map(([id, slots]) => ({ label: label.get(id) ?? id, slots })),
  }));
  return programmeTable(rows);
}
