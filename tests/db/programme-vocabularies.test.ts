// One vocabulary, one place: the SQL table xinghuo.vocabulary defines districts, audiences, topics,
// event kinds and online channels; the TypeScript mirrors must say exactly the same, in the same order.
import { expect, it } from 'vitest';
import { site } from '../../src/site.config';
import { audiences, eventKinds, onlineChannels, scamTypes } from '../../src/lib/taxonomy';
import { sql } from './harness';

const mirrors: Record<string, [string, string][]> = {
  district: site.districts.map((d) => [d.id, d.name]),
  audience: Object.entries(audiences),
  topic: Object.entries(scamTypes),
  event_kind: Object.entries(eventKinds),
  online_channel: Object.entries(onlineChannels),
};

it.each(Object.keys(mirrors))('%s: the TypeScript mirror equals the SQL rows, in order', async (vocabulary) => {
  const rows = await sql<{ id: string; label: string }>(
    'select id, label from xinghuo.vocabulary where vocabulary = $1 order by sort_order', [vocabulary]);
  expect(rows.map((r) => [r.id, r.label])).toEqual(mirrors[vocabulary]);
});

it('SQL has no vocabulary the TypeScript side lacks', async () => {
  const rows = await sql<{ vocabulary: string }>('select distinct vocabulary from xinghuo.vocabulary order by 1');
  expect(rows.map((r) => r.vocabulary)).toEqual(Object.keys(mirrors).sort());
});
