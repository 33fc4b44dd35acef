-- Evidence snapshots, content-addressed: the SHA-256 of the image is its key, so the same
-- image uploaded twice (or by two reviewers) is stored once.
create table evidence (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  mime_type text not null check (mime_type in ('image/png', 'image/jpeg')),
  size integer not null check (size >= 0),
  bytes bytea not null,
  uploaded_by text not null,
  received_at timestamptz not null default now()
);
