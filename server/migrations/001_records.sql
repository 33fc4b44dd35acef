-- Flags and notes: the current revision of each record, found by id (idempotent ingest)
-- and by creator (history). The full record is kept as sent, in `body`.
create table records (
  id text primary key,
  type text not null check (type in ('flag', 'note')),
  revision integer not null check (revision >= 1),
  reviewer text not null,
  platform text,
  creator_id text,
  deleted boolean not null,
  -- SHA-256 of the record's canonical JSON: tells a replay from a conflicting revision.
  digest text not null,
  body jsonb not null,
  received_at timestamptz not null default now()
);
create index records_by_creator on records (platform, creator_id, id) where not deleted;

-- Every accepted revision, tombstones included: the audit trail behind `records`.
create table record_revisions (
  id text not null,
  revision integer not null,
  type text not null,
  reviewer text not null,
  deleted boolean not null,
  body jsonb not null,
  received_at timestamptz not null default now(),
  primary key (id, revision)
);
