import { describe, expect, it } from 'vitest';
import { liveChanges, type EventFacts } from '../../src/lib/live-changes';

const built: EventFacts = {
  status: 'scheduled', cancel_reason: null,
  starts_at: '2026-12-05T09:30:00+08:00', ends_at: '2026-12-05T11:30:00+08:00',
  venue: { name: '某社区活动室', address: '青岛市市南区某路 1 号' },
};

describe('liveChanges', () => {
  it('says nothing when the page is still right (the same instants written in another zone count as equal)', () => {
    expect(liveChanges(built, { ...built, starts_at: '2026-12-05T01:30:00+00:00', ends_at: '2026-12-05T03:30:00Z' })).toEqual([]);
  });
  it('says the event was cancelled, with the reason when there is one, and nothing else', () => {
    expect(liveChanges(built, { ...built, status: 'cancelled', cancel_reason: '场地维修', starts_at: '2026-12-06T09:30:00+08:00' }))
      .toEqual(['本场活动已取消（场地维修），请不要前往。']);
    expect(liveChanges(built, { ...built, status: 'cancelled' })).toEqual(['本场活动已取消，请不要前往。']);
  });
  it('gives the new time in Qingdao time and the new venue', () => {
    const moved = { ...built, starts_at: '2026-12-06T06:00:00Z', ends_at: '2026-12-06T08:00:00Z', venue: { name: '新活动室', address: '青岛市市北区某路 2 号' } };
    expect(liveChanges(built, moved)).toEqual(['时间已改为 2026年12月6日星期日 14:00–16:00', '地点已改为 新活动室（青岛市市北区某路 2 号）']);
  });
  it('an online event has no venue to compare', () => {
    const online = { ...built, venue: null };
    expect(liveChanges(online, { ...online })).toEqual([]);
  });
});
