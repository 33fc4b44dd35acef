-- SLA timers per escalation category: how long a lead has to acknowledge and to resolve.
-- Stored, so a governance team can change them without a release; each escalation copies
-- its deadlines when received, so a later change never moves a running clock.
create table escalation_sla (
  category text primary key,
  acknowledge_seconds integer not null check (acknowledge_seconds > 0),
  resolve_seconds integer not null check (resolve_seconds > 0)
);
insert into escalation_sla (category, acknowledge_seconds, resolve_seconds) values
  ('child_safety', 120, 1800),
  ('violence_threat', 120, 1800),
  ('self_harm', 120, 1800),
  ('dangerous_product', 600, 14400),
  ('scam_wave', 900, 14400),
  ('other', 1800, 86400);

-- Emergency cases sent out of band of the batch sync. Idempotent by id (the extension's ULID).
create table escalations (
  id text primary key,
  flag_id text not null,
  reviewer text not null,
  category text not null,
  reason text not null,
  item_json text not null,
  evidence_json text not null,
  created_at timestamptz not null,
  received_at timestamptz not null default now(),
  acknowledge_due_at timestamptz not null,
  resolve_due_at timestamptz not null,
  state text not null default 'open' check (state in ('open', 'acknowledged', 'resolved')),
  acknowledged_by text,
  acknowledged_at timestamptz,
  resolved_by text,
  resolved_at timestamptz,
  outcome_json text
);
create index escalations_by_state on escalations (state, received_at);
create index escalations_by_reviewer on escalations (reviewer, received_at);
