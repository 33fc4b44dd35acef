-- Bearer tokens, stored as SHA-256 hashes only (see server/auth/tokens.ts for why).
create table tokens (
  id text primary key,
  reviewer text not null,
  token_hash text not null unique,
  admin boolean not null default false,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index tokens_by_reviewer on tokens (reviewer);

-- Published policy packs; the newest row is the current pack. The JSON is kept as text so
-- it is served exactly as published and its ETag stays stable.
create table policy_packs (
  seq integer generated always as identity primary key,
  version text not null,
  etag text not null,
  pack_json text not null,
  published_by text not null,
  published_at timestamptz not null default now()
);

-- Enforcement actions taken by the governance system, shown in creator history.
create table enforcement_actions (
  id text primary key,
  platform text not null,
  creator_id text not null,
  action text not null,
  reason text not null,
  at timestamptz not null,
  recorded_at timestamptz not null default now()
);
create index enforcement_by_creator on enforcement_actions (platform, creator_id, at);
