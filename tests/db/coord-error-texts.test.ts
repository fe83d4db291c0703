// Every code the report, check-in, check-out, walk-in and volunteer-record functions raise has its own
// Chinese sentence (src/lib/report-validate.ts, src/lib/checkin-errors.ts, src/lib/signup-errors.ts), read from the deployed
// functions so a new refusal without words fails here.
import { describe, expect, it } from 'vitest';
import { sql } from './harness';
import { reportErrorText } from '../../src/lib/report-validate';
import { checkinErrorText } from '../../src/lib/checkin-errors';
import { signupError } from '../../src/lib/signup-errors';

async function raisedBy(fns: string[]): Promise<string[]> {
  const rows = await sql<{ src: string }>(`select prosrc as src from pg_proc where oid = any($1::regprocedure[])`, [fns]);
  expect(rows).toHaveLength(fns.length);
  const codes = new Set<string>();
  for (const { src } of rows) {
    for (const m of src.matchAll(/raise exception '([a-z_]+)'/g)) codes.add(m[1]!);
    for (const m of src.matchAll(/signup_fail\('([a-z_]+)'/g)) codes.add(m[1]!);
    // coord_figure(value, '<field>', …) raises <field>_required/_invalid/_negative/_not_integer/_too_large.
    for (const m of src.matchAll(/coord_figure\([^,]+, '([a-z_]+)'/g)) {
      for (const p of ['required', 'invalid', 'negative', 'not_integer', 'too_large']) codes.add(`${m[1]}_${p}`);
    }
  }
  return [...codes].sort();
}

describe('Chinese text for every refusal', () => {
  it('coord_save_report and the audience split', async () => {
    const codes = await raisedBy(['public.coord_save_report(bigint,integer,jsonb,jsonb,text,jsonb,text,jsonb,jsonb,jsonb,text)', 'xinghuo.reach_split(jsonb,integer)']);
    expect(codes).toEqual(expect.arrayContaining(['reach_audience_sum_mismatch', 'online_source_required', 'material_kind_retired']));
    const fallback = reportErrorText('no_such_code');
    expect(codes.filter((c) => reportErrorText(c) === fallback)).toEqual([]);
  });

  it('check-in and walk-ins', async () => {
    const codes = await raisedBy(['xinghuo.checkin_assert_open(xinghuo.events)', 'xinghuo.coord_do_check_in(bigint,bigint)',
      'public.coord_check_in_by_code(bigint,text)', 'public.coord_add_walk_in(bigint,text,text,text)',
      'public.coord_check_out(bigint,bigint)', 'public.coord_confirm_planned_hours(bigint)']);
    expect(codes).toEqual(expect.arrayContaining(['checkin_not_open', 'checkin_closed', 'walk_in_already_signed_up', 'not_checked_in', 'event_not_ended']));
    const fallback = checkinErrorText('no_such_code');
    // Found before any of these run: the event (coord_event_or_raise) and a missing sign-up, shown as a general failure.
    const general = ['event_not_found', 'signup_not_found'];
    expect(codes.filter((c) => !general.includes(c) && checkinErrorText(c) === fallback)).toEqual([]);
  });

  it('replays from the offline queue (coord_sync_offline)', async () => {
    const codes = await raisedBy(['public.coord_sync_offline(uuid,text,jsonb)']);
    expect(codes).toEqual(['sync_action_unknown', 'sync_args_invalid', 'sync_key_required', 'sync_key_reused']);
    const fallback = checkinErrorText('no_such_code');
    expect(codes.filter((c) => checkinErrorText(c) === fallback)).toEqual([]);
  });

  it('the volunteer record and its certificates (public pages: the sign-up texts)', async () => {
    const codes = await raisedBy(['public.keep_volunteer_record(text,text)', 'xinghuo.record_by_token(text)',
      'xinghuo.signup_id_by_token(text)', 'public.request_certificate(text,integer)', 'public.certificate_pdf(text,text)',
      'public.verify_certificate(text)']);
    expect(codes).toEqual(expect.arrayContaining(['record_not_found', 'certificate_no_hours', 'certificate_serial_invalid']));
    const fallback = signupError('no_such_code');
    expect(codes.filter((c) => signupError(c) === fallback)).toEqual([]);
  });
});
