-- The governance console's views (issue 17, server/console/queries) answer from indexes.
-- A flag's fields live in `body`; the ones the views filter, sort and group on become
-- stored generated columns (null on notes), so every index below is a plain b-tree that
-- PGlite and PostgreSQL both build, and ingest (server/store/records.ts) needs no change.

-- ISO 8601 text with an offset (the wire format refuses any other, isoTimeSchema) means
-- one instant whatever the session's time zone, so this cast is immutable in fact; the
-- built-in text-to-timestamptz cast is only stable because it accepts text without one.
create function console_iso_time(value text) returns timestamptz
  language sql immutable strict parallel safe
  as $$ select value::timestamptz $$;

alter table records
  add column policy_id text generated always as
    (case when type = 'flag' then body ->> 'policyId' end) stored,
  add column rule_id text generated always as
    (case when type = 'flag' then body ->> 'ruleId' end) stored,
  add column severity text generated always as
    (case when type = 'flag' then body ->> 'severity' end) stored,
  add column status text generated always as
    (case when type = 'flag' then body ->> 'status' end) stored,
  add column market text generated always as
    (case when type = 'flag' then body -> 'item' ->> 'market' end) stored,
  -- itemKey(): the same item whoever flagged it (agreement).
  add column item_key text generated always as
    (case when type = 'flag'
      then (body -> 'item' ->> 'platform') || ':' || (body -> 'item' ->> 'itemId') end) stored,
  add column created_at timestamptz generated always as
    (console_iso_time(body ->> 'createdAt')) stored,
  -- Time to decision: creation to the last update of a confirmed or dismissed flag.
  add column decision_seconds double precision generated always as
    (case when type = 'flag' and body ->> 'status' in ('confirmed', 'dismissed')
      then extract(epoch from console_iso_time(body ->> 'updatedAt')
        - console_iso_time(body ->> 'createdAt')) end) stored;

-- The flag queue, newest first: one covering index per selective filter, each carrying the
-- other filters' columns so a page is found by an index-only scan and only its rows are
-- read from the table. Market, severity and status (a handful of values each) are
-- filtered inside the time index; the time index also serves the per-reviewer view.
create index records_console_time on records (created_at, id)
  include (policy_id, market, severity, status, reviewer, decision_seconds)
  where type = 'flag' and not deleted;
create index records_console_policy on records (policy_id, created_at, id)
  include (market, severity, status, reviewer)
  where type = 'flag' and not deleted;
create index records_console_reviewer on records (reviewer, created_at, id)
  include (policy_id, market, severity, status, decision_seconds)
  where type = 'flag' and not deleted;
create index records_console_creator on records (platform, creator_id, created_at, id)
  include (policy_id, market, severity, status, reviewer)
  where type = 'flag' and not deleted;
-- Agreement: the other decisions on an item.
create index records_console_item on records (item_key)
  include (policy_id, rule_id, reviewer, status, created_at, market)
  where type = 'flag' and not deleted and status in ('confirmed', 'dismissed');

-- Rollups, kept by the statement triggers below in the transaction that writes the
-- records, so a batch counts exactly once and a rolled-back one not at all. Days are UTC
-- days of the flag's creation; '' stands for no market.
create table console_policy_days (
  day date not null,
  policy_id text not null,
  market text not null,
  flags integer not null,
  suggested integer not null,
  confirmed integer not null,
  dismissed integer not null,
  primary key (day, policy_id, market)
);
-- Automatic flags only: a manual flag has no rule to tighten.
create table console_rule_days (
  day date not null,
  policy_id text not null,
  rule_id text not null,
  flags integer not null,
  suggested integer not null,
  confirmed integer not null,
  dismissed integer not null,
  primary key (day, policy_id, rule_id)
);
-- Every pair of decisions by two reviewers (a < b) on one item under one policy
-- (kind 'item') or one rule (kind 'rule'), counted by how each decided. Rebuilt per item
-- whenever a flag on it changes, so it never drifts from the records.
create table console_agreement_pairs (
  item_key text not null,
  kind text not null check (kind in ('item', 'rule')),
  -- The policy (kind 'item') or the rule (kind 'rule') the two decisions were about.
  group_key text not null,
  policy_id text not null,
  market text not null,
  -- The UTC day the later of the two flags was created: when the pair came to be.
  day date not null,
  reviewer_a text not null,
  reviewer_b text not null,
  a_confirmed boolean not null,
  b_confirmed boolean not null,
  pairs integer not null,
  -- One row per unit (item, kind, group) is its first: units are counted on the day they
  -- first had two decisions, without a count(distinct) over every pair.
  first_of_unit boolean not null
);
create index console_agreement_by_item on console_agreement_pairs (item_key);
create index console_agreement_by_day on console_agreement_pairs (kind, day)
  include (group_key, policy_id, market, reviewer_a, reviewer_b, a_confirmed, b_confirmed, pairs,
    first_of_unit);

create function console_day(at timestamptz) returns date
  language sql immutable strict parallel safe
  as $$ select (at at time zone 'UTC')::date $$;

-- Every pair of decisions on the items (all items when null).
create function console_item_pairs(items text[]) returns table (item_key text, kind text,
  group_key text, policy_id text, market text, day date, reviewer_a text, reviewer_b text,
  a_confirmed boolean, b_confirmed boolean, pairs integer, first_of_unit boolean)
  language sql stable as $$
  select *, row_number() over (partition by g.item_key, g.kind, g.group_key
      order by g.day, g.reviewer_a, g.reviewer_b, g.a_confirmed, g.b_confirmed) = 1
  from (
    select a.item_key, k.kind, case k.kind when 'item' then a.policy_id else a.rule_id end
        as group_key,
      a.policy_id, coalesce(a.market, '') as market,
      console_day(greatest(a.created_at, b.created_at)) as day,
      a.reviewer as reviewer_a, b.reviewer as reviewer_b,
      a.status = 'confirmed' as a_confirmed, b.status = 'confirmed' as b_confirmed,
      count(*)::integer as pairs
    from records a
    join records b on b.item_key = a.item_key and b.reviewer > a.reviewer
    cross join (values ('item'), ('rule')) as k(kind)
    where (items is null or a.item_key = any (items))
      and a.type = 'flag' and not a.deleted and a.status in ('confirmed', 'dismissed')
      and b.type = 'flag' and not b.deleted and b.status in ('confirmed', 'dismissed')
      and case k.kind when 'item' then b.policy_id = a.policy_id
        else a.rule_id is not null and b.rule_id = a.rule_id end
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
  ) as g
$$;

-- Rebuilds the agreement pairs of these items from the records.
create function console_rebuild_items(items text[]) returns void
  language plpgsql as $$
begin
  if cardinality(items) = 0 then return; end if;
  delete from console_agreement_pairs where item_key = any (items);
  insert into console_agreement_pairs select * from console_item_pairs(items);
end $$;

-- Applies changed flags: `delta` holds one entry per flag revision that came (n = 1) or
-- went (n = -1). One lock, held to the end of the transaction, serialises the rollup
-- upkeep of concurrent batches: their upserts would queue on the same rows anyway (every
-- batch adds to today's), and an upsert fires two triggers (inserted, then updated rows),
-- so row locks alone could be taken in crossed orders and deadlock. It also makes an
-- item's rebuild see every committed flag on it.
create function console_apply(delta jsonb) returns void
  language plpgsql as $$
begin
  if delta is null or jsonb_array_length(delta) = 0 then return; end if;
  perform pg_advisory_xact_lock(hashtextextended('flagpost:console-rollups', 0));
  insert into console_policy_days as r (day, policy_id, market, flags, suggested, confirmed,
    dismissed)
  select d.day, d.policy_id, d.market, sum(d.n),
    coalesce(sum(d.n) filter (where d.status = 'suggested'), 0),
    coalesce(sum(d.n) filter (where d.status = 'confirmed'), 0),
    coalesce(sum(d.n) filter (where d.status = 'dismissed'), 0)
    from jsonb_to_recordset(delta) as d(day date, policy_id text, market text, status text,
      n integer)
   group by 1, 2, 3 order by 1, 2, 3
  on conflict (day, policy_id, market) do update set
    flags = r.flags + excluded.flags, suggested = r.suggested + excluded.suggested,
    confirmed = r.confirmed + excluded.confirmed, dismissed = r.dismissed + excluded.dismissed;
  insert into console_rule_days as r (day, policy_id, rule_id, flags, suggested, confirmed,
    dismissed)
  select d.day, d.policy_id, d.rule_id, sum(d.n),
    coalesce(sum(d.n) filter (where d.status = 'suggested'), 0),
    coalesce(sum(d.n) filter (where d.status = 'confirmed'), 0),
    coalesce(sum(d.n) filter (where d.status = 'dismissed'), 0)
    from jsonb_to_recordset(delta) as d(day date, policy_id text, rule_id text, status text,
      n integer)
   where d.rule_id is not null
   group by 1, 2, 3 order by 1, 2, 3
  on conflict (day, policy_id, rule_id) do update set
    flags = r.flags + excluded.flags, suggested = r.suggested + excluded.suggested,
    confirmed = r.confirmed + excluded.confirmed, dismissed = r.dismissed + excluded.dismissed;
  perform console_rebuild_items(array(
    select distinct d.item_key from jsonb_to_recordset(delta) as d(item_key text)
  ));
end $$;

create function console_records_changed() returns trigger
  language plpgsql as $$
declare
  delta jsonb;
begin
  -- A transition table exists only for its own event, so each branch names its own.
  if tg_op = 'INSERT' then
    select jsonb_agg(jsonb_build_object('day', console_day(created_at), 'policy_id', policy_id,
        'rule_id', rule_id, 'market', coalesce(market, ''), 'status', status,
        'item_key', item_key, 'n', 1))
      into delta from new_rows where type = 'flag' and not deleted;
  elsif tg_op = 'UPDATE' then
    select jsonb_agg(x) into delta from (
      select jsonb_build_object('day', console_day(created_at), 'policy_id', policy_id,
          'rule_id', rule_id, 'market', coalesce(market, ''), 'status', status,
          'item_key', item_key, 'n', 1) as x
        from new_rows where type = 'flag' and not deleted
      union all
      select jsonb_build_object('day', console_day(created_at), 'policy_id', policy_id,
          'rule_id', rule_id, 'market', coalesce(market, ''), 'status', status,
          'item_key', item_key, 'n', -1)
        from old_rows where type = 'flag' and not deleted
    ) as changes;
  else
    select jsonb_agg(jsonb_build_object('day', console_day(created_at), 'policy_id', policy_id,
        'rule_id', rule_id, 'market', coalesce(market, ''), 'status', status,
        'item_key', item_key, 'n', -1))
      into delta from old_rows where type = 'flag' and not deleted;
  end if;
  perform console_apply(delta);
  return null;
end $$;

create trigger records_console_inserted after insert on records
  referencing new table as new_rows for each statement execute function console_records_changed();
create trigger records_console_updated after update on records
  referencing old table as old_rows new table as new_rows
  for each statement execute function console_records_changed();
create trigger records_console_deleted after delete on records
  referencing old table as old_rows for each statement execute function console_records_changed();

-- Records already stored when this migration runs.
insert into console_policy_days (day, policy_id, market, flags, suggested, confirmed, dismissed)
select console_day(created_at), policy_id, coalesce(market, ''), count(*),
  count(*) filter (where status = 'suggested'), count(*) filter (where status = 'confirmed'),
  count(*) filter (where status = 'dismissed')
  from records where type = 'flag' and not deleted group by 1, 2, 3;
insert into console_rule_days (day, policy_id, rule_id, flags, suggested, confirmed, dismissed)
select console_day(created_at), policy_id, rule_id, count(*),
  count(*) filter (where status = 'suggested'), count(*) filter (where status = 'confirmed'),
  count(*) filter (where status = 'dismissed')
  from records where type = 'flag' and not deleted and rule_id is not null group by 1, 2, 3;
insert into console_agreement_pairs select * from console_item_pairs(null);

-- The escalation queue pages by (state, received_at, id).
create index escalations_console_queue on escalations (state, received_at, id);
