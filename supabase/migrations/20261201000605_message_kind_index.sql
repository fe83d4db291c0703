-- The index behind xinghuo.messages.kind's foreign key (splinter lint 0001_unindexed_foreign_keys,
-- held by tests/db/lints.test.ts): without it, changing a kind scans the whole outbox.
create index if not exists messages_kind_idx on xinghuo.messages (kind);
