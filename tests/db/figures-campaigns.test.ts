// Campaigns (20261202000960): any coordinator lists, adds, edits and retires them; each bad input has
// its own code and stores nothing; src/lib/figures-errors.ts has a text for exactly the codes the
// figures SQL raises.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { branchCoordinatorToken, rpc, sql, tokens, type Tokens } from './harness';
import { figuresErrors } from '../../src/lib/figures-errors';

let t: Tokens;
beforeAll(async () => {
  t = await tokens();
});

const label = () => `专题${randomUUID().slice(0, 8)}`;
const save = (campaign: unknown, token = t.coordinator) => rpc('coord_save_campaign', { p_campaign: campaign }, token);

describe('coord_save_campaign and coord_campaigns', () => {
  it('adds, lists, edits and retires a campaign (a branch coordinator may too)', async () => {
    const name = label();
    const added = await save({ label: name, starts_on: '2026-09-01', ends_on: '2026-09-30' }, await branchCoordinatorToken(`cb-${randomUUID().slice(0, 6)}`));
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ label: name, starts_on: '2026-09-01', ends_on: '2026-09-30', retired: false });
    const edited = await save({ id: added.body.id, label: `${name}改`, starts_on: '2026-09-01', ends_on: '2026-10-07', retired: true });
    expect(edited.body).toMatchObject({ id: added.body.id, label: `${name}改`, ends_on: '2026-10-07', retired: true });
    const list = (await rpc('coord_campaigns', {}, t.coordinator)).body;
    expect(list.find((c: { id: string }) => c.id === added.body.id)).toMatchObject({ label: `${name}改`, retired: true });
    const restored = await save({ id: added.body.id, label: `${name}改`, starts_on: '2026-09-01', ends_on: '2026-10-07' });
    expect(restored.body.retired).toBe(false);
  });

  const taken = `已有专题${randomUUID().slice(0, 6)}`;
  const bad: [string, () => unknown, string][] = [
    ['not an object', () => ['x'], 'campaign_invalid'],
    ['no label', () => ({ label: '  ', starts_on: '2026-09-01', ends_on: '2026-09-30' }), 'campaign_label_required'],
    ['a long label', () => ({ label: '长'.repeat(41), starts_on: '2026-09-01', ends_on: '2026-09-30' }), 'campaign_label_too_long'],
    ['no start', () => ({ label: label(), ends_on: '2026-09-30' }), 'campaign_start_invalid'],
    ['a start that is no date', () => ({ label: label(), starts_on: '2026-02-30', ends_on: '2026-09-30' }), 'campaign_start_invalid'],
    ['an end written another way', () => ({ label: label(), starts_on: '2026-09-01', ends_on: '2026/9/30' }), 'campaign_end_invalid'],
    ['the end before the start', () => ({ label: label(), starts_on: '2026-09-10', ends_on: '2026-09-01' }), 'campaign_end_before_start'],
    ['a label in use', () => ({ label: taken, starts_on: '2026-09-01', ends_on: '2026-09-30' }), 'campaign_label_taken'],
    ['an unknown id', () => ({ id: 'campaign-0', label: label(), starts_on: '2026-09-01', ends_on: '2026-09-30' }), 'campaign_not_found'],
  ];
  for (const [what, campaign, code] of bad) {
    it(`${what} → ${code}, nothing stored`, async () => {
      await sql(`insert into xinghuo.campaigns (label, starts_on, ends_on) values ($1, '2026-01-01', '2026-01-31') on conflict (label) do nothing`, [taken]);
      const [before] = await sql('select count(*)::int as n, max(updated_at) as at from xinghuo.campaigns');
      const r = await save(campaign());
      expect(r.status).toBe(400);
      expect(r.body.message).toBe(code);
      expect(r.body.hint).toBe(figuresErrors[code]!.field);
      expect(await sql('select count(*)::int as n, max(updated_at) as at from xinghuo.campaigns')).toEqual([before]);
    });
  }
});

it('src/lib/figures-errors.ts has a text for every code the figures SQL raises, beside its field, and no other', async () => {
  const rows = await sql<{ src: string }>(
    `select p.prosrc as src from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname || '.' || p.proname = any ($1)`,
    [['public.coord_save_campaign', 'public.coord_figures', 'xinghuo.figures_branch']]);
  expect(rows).toHaveLength(3);
  const raised = new Map<string, string>();
  const twoFields: string[] = [];
  for (const { src } of rows) {
    for (const [, code, field] of src.matchAll(/raise exception '([a-z_]+)' using errcode = 'P0001', hint = '([a-z_]+)'/g)) {
      if (raised.has(code!) && raised.get(code!) !== field) twoFields.push(code!);
      raised.set(code!, field!);
    }
  }
  expect(twoFields).toEqual([]);
  expect(Object.fromEntries(Object.entries(figuresErrors).map(([c, e]) => [c, e.field]))).toEqual(Object.fromEntries(raised));
});
