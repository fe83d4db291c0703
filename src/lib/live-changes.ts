// What the event page's live box says: the differences between the event as the static page was
// built and as the database has it now (cancelled, moved to another time or venue), in plain zh-CN.
// The page may be hours old (the rebuild after a change is debounced), the live answer is not.
import { formatEventTime } from './events';

export interface EventFacts {
  status: 'scheduled' | 'cancelled';
  cancel_reason: string | null;
  starts_at: string;
  ends_at: string;
  venue: { name: string; address: string } | null;
}

const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

/** The sentences to show, most important first; none when the page is still right. */
export function liveChanges(built: EventFacts, live: EventFacts): string[] {
  if (live.status === 'cancelled' && built.status !== 'cancelled') {
    return [live.cancel_reason ? `本场活动已取消（${live.cancel_reason}），请不要前往。` : '本场活动已取消，请不要前往。'];
  }
  const out: string[] = [];
  if (!sameInstant(built.starts_at, live.starts_at) || !sameInstant(built.ends_at, live.ends_at)) {
    out.push(`时间已改为 ${formatEventTime(new Date(live.starts_at), new Date(live.ends_at))}`);
  }
  if (live.venue && (live.venue.name !== built.venue?.name || live.venue.address !== built.venue?.address)) {
    out.push(`地点已改为 ${live.venue.name}（${live.venue.address}）`);
  }
  return out;
}
