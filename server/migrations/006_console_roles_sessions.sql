-- Roles for the governance console (issue 17): reviewer, lead, admin. The `admin` column
-- stays (older code and tokens read it) and always equals role = 'admin'; every admin
-- token issued before roles existed becomes an admin.
alter table tokens add column role text not null default 'reviewer'
  check (role in ('reviewer', 'lead', 'admin'));
update tokens set role = 'admin' where admin;

-- Console sessions: a lead or admin token exchanged for a random session id kept in an
-- HttpOnly cookie. Only the id's SHA-256 is stored, here in the database, so any endpoint
-- instance on it knows the session; signing out (or revoking the token) ends it everywhere.
create table console_sessions (
  id_hash text primary key,
  token_id text not null references tokens (id),
  reviewer text not null,
  role text not null check (role in ('lead', 'admin')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index console_sessions_by_expiry on console_sessions (expires_at);
