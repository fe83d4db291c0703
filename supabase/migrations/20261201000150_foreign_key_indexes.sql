-- Indexes behind the three foreign keys that had none (splinter lint 0001_unindexed_foreign_keys,
-- held by tests/db/lints.test.ts). Without them, deleting an auth user (on delete set null) or a
-- privacy-notice version makes PostgreSQL scan every sign-up or report row to find the references.

-- Most sign-ups are never checked in and most reports name their editor: partial where the column
-- is mostly empty. An equality lookup on the key (what the foreign-key check runs) implies not null,
-- so the planner uses the partial index for it.
create index if not exists signups_checked_in_by_idx
  on xinghuo.signups (checked_in_by) where checked_in_by is not null;

create index if not exists signups_consent_version_idx
  on xinghuo.signups (consent_version);

create index if not exists event_reports_updated_by_idx
  on xinghuo.event_reports (updated_by) where updated_by is not null;
