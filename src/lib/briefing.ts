// The 简报 paragraph, in the team's own words, from one coord_figures answer (so it says what the
// dashboard and the export say). Numbers are the exact integers with thousands grouping (20,463),
// never rounded to 「2万余」: a 简报 is copied upward and added up again there.
import { formatCount, type FiguresData } from './dashboard';
import { periodWords } from './periods';

/** 「截至目前，累计开展线上线下活动 N 场，发放宣传资料 N 份，覆盖群众 N 人次，其中老年人 N 人次。」 */
export function briefing(f: Pick<FiguresData, 'from' | 'to' | 'totals' | 'by_audience'>, scopeLabel = ''): string {
  const elderly = f.by_audience.find((r) => r.key === 'elderly')?.people_reached ?? 0;
  return `${periodWords({ from: f.from, to: f.to })}，${scopeLabel}累计开展线上线下活动 ${formatCount(f.totals.events_held)} 场，`
    + `发放宣传资料 ${formatCount(f.totals.materials)} 份，覆盖群众 ${formatCount(f.totals.people_reached)} 人次，`
    + `其中老年人 ${formatCount(elderly)} 人次。`;
}
