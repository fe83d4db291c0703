// Generator for the coordinator dashboard benchmark: a fresh local stack (API 56500, DB 56501) with
// 10,000 events over three years in the demo branches (one in six the team's own) with partners,
// 100,000 sign-ups, check-ins (half of them checked out) on past events, the scheduled length
// confirmed on a third of them, reports with material lines for most past events, and one campaign
// over the last quarter. The data stays in BENCH_DIR for bench/dashboard-rpc.mjs.
//   node bench/dashboard-data.mjs            (then: node bench/dashboard-rpc.mjs)
// A smaller size to see that it runs: BENCH_EVENTS=200 BENCH_SIGNUPS=2000; other ports:
// BENCH_API_PORT / BENCH_DB_PORT.
import '../scripts/require-node.mjs';
import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { startStack } from '../supabase/local/stack.mjs';

// The catalogue's first three active roles, numbered 1–3: the bench gives them places without naming any.
const firstRoles = `(select v.id as role, row_number() over (order by v.sort_order, v.id) as nth
  from xinghuo.volunteer_roles v where v.retired_at is null)`;

export const benchPorts = { api: Number(process.env.BENCH_API_PORT ?? 56500), db: Number(process.env.BENCH_DB_PORT ?? 56501) };
export const benchDir = process.env.BENCH_DIR ?? '/tmp/xinghuo-bench-dashboard';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const SIGNUPS = Number(process.env.BENCH_SIGNUPS ?? 100_000);

async function main() {
  await rm(benchDir, { recursive: true, force: true });
  const stack = await startStack({
    // Nested folder: the stack chmods the data dir's parent, which must not be /tmp itself.
    dataDir: `${benchDir}/pg`, apiPort: benchPorts.api, dbPort: benchPorts.db,
    reset: true, seed: true, quiet: true, durable: true,
  });
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  const t0 = Date.now();
  try {
    // Events: 85 % in the past three years, the rest in the coming months; districts, audiences,
    // topics and positions spread like the real programme.
    await db.query(
      `insert into xinghuo.events (slug, title, starts_at, ends_at, district, audiences, topics, status, cancel_reason, lat, lng,
                                   publication, published_at, branch_id, partners, planned_hours_confirmed_at)
       select format('bench-%s', i), format('基准活动 %s', i), s, s + interval '2 hours',
         (array['shinan','shibei','licang','laoshan','huangdao','chengyang','jimo','jiaozhou','pingdu','laixi'])[1 + i % 10],
         array[(array['elderly','students','new-residents','everyone'])[1 + i % 4]],
         array[(array['illegal-fundraising','admission-scam','rights-agent','debt-relief','pension-scam','fake-officials','task-rebate','fake-investment','fake-refund','online-loan'])[1 + i % 10],
               (array['pension-scam','fake-officials','task-rebate'])[1 + i % 3]],
         case when i % 50 = 0 then 'cancelled' else 'scheduled' end,
         case when i % 50 = 0 then '基准取消' end,
         36.0 + (i % 97) * 0.005, 120.1 + (i % 89) * 0.006, 'published', s - interval '30 days',
         case when i % 6 <> 0 then (select array_agg(b.id order by b.sort, b.id) from xinghuo.branches b)[1 + i % 4] end,
         case i % 4 when 0 then '{}'::text[] when 1 then array['社区居委会'] when 2 then array['社区居委会', '派出所'] else array['街道办事处'] end,
         case when i % 3 = 0 and s < now() then s + interval '1 day' end
       from (select i, now() - make_interval(days => 1095) + make_interval(secs => i * (1290.0 * 86400 / $1)) as s
             from generate_series(1, $1) as i) g`,
      [EVENTS],
    );
    await db.query(
      `insert into xinghuo.event_slots (event_id, role, slots)
       select e.id, r.role, p.slots from xinghuo.events e
       cross join (values (1, 8), (2, 3), (3, 1)) as p(nth, slots)
       join ${firstRoles} as r on r.nth = p.nth
       where e.slug like 'bench-%'`,
    );
    // Bulk load without row triggers (check-in tallies, dashboard version); tallies are filled in one
    // pass below, exactly as the migration's backfill does, and the version is bumped once.
    await db.query(`set session_replication_role = replica`);
    // Sign-ups: SIGNUPS spread evenly; 80 % confirmed, 12 % waitlisted, 8 % cancelled; confirmed
    // people at past events checked in 3 times out of 4.
    await db.query(
      `insert into xinghuo.signups (event_id, role, name, phone, status, consent_version, checkin_code,
                                    cancelled_at, checked_in_at, checked_out_at, created_at)
       select e.id, r.role, '基准志愿者',
         '13' || lpad(n::text, 9, '0'),
         case when n % 25 < 20 then 'confirmed' when n % 25 < 23 then 'waitlisted' else 'cancelled' end,
         '2026-11', lpad((n / $2)::text, 6, '0'),
         case when n % 25 >= 23 then e.starts_at - interval '1 day' end,
         case when n % 25 < 20 and n % 4 <> 0 and e.starts_at < now() then e.starts_at + interval '5 minutes' end,
         case when n % 25 < 20 and n % 4 <> 0 and n % 2 = 0 and e.starts_at < now() then e.starts_at + interval '100 minutes' end,
         e.starts_at - interval '3 days'
       from generate_series(0, $1 - 1) as n
       join (select id, starts_at, row_number() over (order by id) - 1 as k from xinghuo.events where slug like 'bench-%') e
         on e.k = n % $2
       join ${firstRoles} as r on r.nth = (array[1, 1, 2, 3])[1 + n % 4]`,
      [SIGNUPS, EVENTS],
    );
    // Reports for 9 in 10 past scheduled events, each with two or three material lines and one revision.
    await db.query(
      `insert into xinghuo.event_reports (event_id, people_reached, volunteers_present, questions_answered, notes, version, updated_at)
       select e.id, 80 + (e.id * 37) % 900, (select count(*) from xinghuo.signups g where g.event_id = e.id and g.checked_in_at is not null),
              (e.id * 13) % 60, null, 1, e.ends_at + interval '1 day'
       from xinghuo.events e
       where e.slug like 'bench-%' and e.status = 'scheduled' and e.starts_at < now() and e.id % 10 <> 0`,
    );
    await db.query(
      `insert into xinghuo.report_materials (event_id, kind, quantity)
       select r.event_id, k.kind, 20 + (r.event_id * k.mult) % 400
       from xinghuo.event_reports r
       join xinghuo.events e on e.id = r.event_id and e.slug like 'bench-%'
       cross join (values ('leaflet', 7), ('booklet', 3), ('poster', 1)) as k(kind, mult)
       where k.kind <> 'poster' or r.event_id % 3 = 0`,
    );
    await db.query(
      `insert into xinghuo.report_revisions (event_id, version, changed_by, changed_at, before, after)
       select r.event_id, 1, null, r.updated_at, null, jsonb_build_object('people_reached', r.people_reached, 'version', 1)
       from xinghuo.event_reports r join xinghuo.events e on e.id = r.event_id where e.slug like 'bench-%'`,
    );
    await db.query(
      `insert into xinghuo.event_tallies (event_id, checked_in, materials, open_checkins, checked_out_minutes)
       select e.id,
         (select count(*) from xinghuo.signups g where g.event_id = e.id and g.checked_in_at is not null),
         coalesce((select sum(m.quantity) from xinghuo.report_materials m where m.event_id = e.id), 0),
         coalesce(sv.open_checkins, 0), coalesce(sv.checked_out_minutes, 0)
       from xinghuo.events e
       left join (select g.event_id, sum(s.open_checkins) as open_checkins, sum(s.checked_out_minutes) as checked_out_minutes
                  from xinghuo.signups g
                  cross join lateral xinghuo.signup_service_share(g.status, g.checked_in_at, g.checked_out_at) s
                  where g.checked_in_at is not null group by g.event_id) sv on sv.event_id = e.id
       on conflict (event_id) do update set checked_in = excluded.checked_in, materials = excluded.materials,
         open_checkins = excluded.open_checkins, checked_out_minutes = excluded.checked_out_minutes`,
    );
    // The campaign bench/dashboard-rpc.mjs exports: the last 90 days.
    await db.query(
      `insert into xinghuo.campaigns (id, label, starts_on, ends_on)
       values ('bench-campaign', '基准专题', (now() at time zone 'Asia/Shanghai')::date - 90, (now() at time zone 'Asia/Shanghai')::date)
       on conflict (id) do nothing`,
    );
    await db.query(`set session_replication_role = origin`);
    await db.query('update xinghuo.dashboard_version set version = version + 1'); // what the triggers would do
    await db.query('vacuum analyze');
    const counts = (
      await db.query(
        `select (select count(*) from xinghuo.events) as events, (select count(*) from xinghuo.signups) as signups,
                (select count(*) from xinghuo.signups where checked_in_at is not null) as check_ins,
                (select count(*) from xinghuo.event_reports) as reports,
                (select count(*) from xinghuo.report_materials) as material_lines`,
      )
    ).rows[0];
    console.log(`generated in ${Date.now() - t0} ms: ${JSON.stringify(counts)}`);
    console.log(`data kept in ${benchDir}; next: node bench/dashboard-rpc.mjs`);
  } finally {
    await db.end();
    await stack.stop();
  }
}

// Run as a script, not when bench/dashboard-rpc.mjs imports its ports and folder.
if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
