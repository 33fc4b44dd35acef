-- State that several endpoint instances on one PostgreSQL database must share.

-- Token buckets (per bearer token, per client address for failed authentications): one row
-- per key, updated in one statement under its row lock, so instances never double-spend.
-- Rows of full buckets are swept; a missing row means a full bucket.
create table rate_limit_buckets (
  scope text not null,
  key text not null,
  tokens double precision not null,
  updated_at timestamptz not null,
  -- Whether the last take was allowed: the one statement that spends returns it.
  allowed boolean not null,
  primary key (scope, key)
);

-- Live-update payloads too large for a NOTIFY (PostgreSQL caps one at 8000 bytes): the
-- notification carries this row's id and every instance reads the payload from here.
create table event_spill (
  id bigserial primary key,
  topic text not null,
  payload text not null,
  created_at timestamptz not null default now()
);
create index event_spill_created_at on event_spill (created_at);
