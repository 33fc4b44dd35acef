/**
 * `npm run bench console`: the governance console's views (server/console/queries) on
 * 1,000,000 flags from 200 reviewers over 180 days in PostgreSQL, each view's p95 beside
 * the same view computed by a full scan of the records in the same run (index scans off,
 * rollups not used), in interleaved rounds. Goal (issue 17): every view at most 200 ms p95.
 *
 * PostgreSQL: DATABASE_URL, else the machine's server on 127.0.0.1:5432 (database `test`),
 * else a temporary cluster (initdb) for the run; only when none can run, PGlite with
 * 100,000 flags, said so in every figure. CONSOLE_BENCH_FLAGS and CONSOLE_BENCH_ROUNDS
 * change the size and the number of rounds.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  agreement,
  creatorView,
  escalationQueue,
  flagQueue,
  policyMarketMetrics,
  reviewerMetrics,
  rulePrecision,
} from '@/server/console/queries';
import { type Database, openDatabase, type Queryable } from '@/server/db/database';
import { loadMigrations, migrate } from '@/server/db/migrations';
import { ingestBatch, toCandidates } from '@/server/ingest';
import type { Bench, Figure } from './harness';

const REVIEWERS = 200;
const DAYS = 180;
const END = '2026-11-30T00:00:00Z';
const ROUNDS = Number(process.env.CONSOLE_BENCH_ROUNDS ?? 20);
const GOAL_MS = 200;

/**
 * Flags in one statement: `flags` over DAYS days up to END, 10 policies of 5 rules (1 in 10
 * manual), 6 markets and none, 20,000 creators; 2 in 10 flags are on an item a second
 * reviewer also decided (agreement); each rule has its own precision (30% to 95%).
 */
const seedSql = (flags: number) => `
insert into records (id, type, revision, reviewer, platform, creator_id, deleted, digest, body)
select id, 'flag', 1, reviewer, 'shopvid', creator, false, md5(id), jsonb_build_object(
  'id', id, 'revision', 1, 'reviewer', reviewer, 'deleted', false,
  'createdAt', to_char(created at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'updatedAt', to_char((created + make_interval(secs => case when status = 'suggested' then 0
    else 30 + h2 % 7200 end)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'item', jsonb_strip_nulls(jsonb_build_object('platform', 'shopvid', 'kind', 'video',
    'itemId', item, 'url', 'https://shopvid.example/v/' || item, 'creatorId', creator,
    'market', market)),
  'policyId', policy, 'policyVersion', '2026.11', 'ruleId', rule,
  'severity', (array['low','medium','high','critical'])[1 + h1 % 4],
  'source', case when rule is null then 'manual' else 'auto' end,
  'status', status, 'evidence', '[]'::jsonb, 'note', '')
from (
  select *, case
      when h3 % 100 < 20 then 'suggested'
      when abs(case when shared and h2 % 100 < 80 then hashint4(unit) else h2 end) % 100
        < 30 + (rule_n * 13) % 66 then 'confirmed'
      else 'dismissed' end as status
  from (
    select i, lpad(upper(to_hex(i)), 26, '0') as id,
      'reviewer-' || lpad((abs(hashint4(i + 3)) % ${REVIEWERS})::text, 3, '0') as reviewer,
      'creator-' || (abs(hashint4(i * 3)) % 20000) as creator,
      timestamptz '${END}' - make_interval(secs => i * ${(DAYS * 86_400) / flags}) as created,
      shared, unit, 'v' || unit as item,
      'policy-' || (rule_n / 5) as policy, rule_n,
      case when abs(hashint4(unit + 9)) % 10 > 0
        then 'policy-' || (rule_n / 5) || '.r' || (rule_n % 5) end as rule,
      (array['SG','MY','TH','VN','ID','PH',null])[1 + abs(hashint4(unit + 7)) % 7] as market,
      abs(hashint4(i + 11)) as h1, abs(hashint4(i + 13)) as h2, abs(hashint4(i + 17)) as h3
    from (
      select i, i % 10 < 2 as shared,
        case when i % 10 < 2 then (i / 10) * 10 else i end as unit,
        abs(hashint4(case when i % 10 < 2 then (i / 10) * 10 else i end + 5)) % 50 as rule_n
      from generate_series(1, ${flags}) as g(i)
    ) as u
  ) as s
) as t`;

/** 20,000 escalations, most resolved, a few hundred open or acknowledged. */
const escalationsSql = `
insert into escalations (id, flag_id, reviewer, category, reason, item_json, evidence_json,
  created_at, received_at, acknowledge_due_at, resolve_due_at, state)
select 'E' || lpad(upper(to_hex(i)), 25, '0'), lpad(upper(to_hex(i)), 26, '0'),
  'reviewer-' || lpad((i % ${REVIEWERS})::text, 3, '0'),
  (array['child_safety','violence_threat','self_harm','dangerous_product','scam_wave','other'])[1 + i % 6],
  'case ' || i,
  '{"platform":"shopvid","kind":"video","itemId":"v1","url":"https://shopvid.example/v/1"}', '[]',
  at, at, at + interval '10 minutes', at + interval '4 hours',
  case when i > 19700 then 'open' when i > 19400 then 'acknowledged' else 'resolved' end
from (select i, timestamptz '${END}' - make_interval(secs => (20000 - i) * 600) as at
        from generate_series(1, 20000) as g(i)) as e`;

// The same views computed from the records alone (no rollup), for the full-scan baseline.
const DAY_RANGE = `console_day(created_at) between console_day($1::timestamptz)
  and console_day($2::timestamptz - interval '1 microsecond')`;
const fullScanSql = {
  policyMarket: `select to_char(console_day(created_at), 'YYYY-MM-DD') as day, policy_id,
      coalesce(market, '') as market, count(*) as flags,
      count(*) filter (where status = 'suggested') as suggested,
      count(*) filter (where status = 'confirmed') as confirmed,
      count(*) filter (where status = 'dismissed') as dismissed
    from records where type = 'flag' and not deleted and ${DAY_RANGE}
    group by 1, 2, 3 order by 1, 2, 3`,
  // The per-reviewer view as one aggregate over the range (its skip scan needs an index).
  reviewers: `select reviewer, count(*) as flags,
      count(*) filter (where status = 'suggested') as suggested,
      count(*) filter (where status = 'confirmed') as confirmed,
      count(*) filter (where status = 'dismissed') as dismissed,
      percentile_cont(0.5) within group (order by decision_seconds) as median
    from records where type = 'flag' and not deleted
      and created_at >= $1::timestamptz and created_at < $2::timestamptz
    group by reviewer order by reviewer`,
  precision: `select policy_id, rule_id,
      count(*) filter (where status = 'suggested') as suggested,
      count(*) filter (where status = 'confirmed') as confirmed,
      count(*) filter (where status = 'dismissed') as dismissed
    from records where type = 'flag' and not deleted and rule_id is not null
    group by 1, 2`,
  agreement: `with p as materialized (
      select * from console_item_pairs(null)
       where kind = 'item' and day between console_day($1::timestamptz)
         and console_day($2::timestamptz - interval '1 microsecond'))
    select grouping(group_key) as g, grouping(reviewer_a, reviewer_b) as r, group_key,
      reviewer_a, reviewer_b, count(*) filter (where first_of_unit) as units,
      sum(pairs) filter (where a_confirmed and b_confirmed) as cc,
      sum(pairs) filter (where a_confirmed and not b_confirmed) as cd,
      sum(pairs) filter (where not a_confirmed and b_confirmed) as dc,
      sum(pairs) filter (where not a_confirmed and not b_confirmed) as dd
    from p group by grouping sets ((), (group_key), (reviewer_a, reviewer_b))`,
};

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const p95 = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(s.length * 0.95) - 1)] as number;
};

interface View {
  name: string;
  indexed: (q: Queryable) => Promise<unknown>;
  fullScan: (q: Queryable) => Promise<unknown>;
}

async function measureViews(db: Database, flags: number, where: string): Promise<Figure[]> {
  const all = { from: '2026-06-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
  const month = { from: '2026-10-30T00:00:00Z', to: '2026-11-30T00:00:00Z' };
  // A page deep in the queue: the cursor of the 20th page of TH critical flags.
  let deep: string | undefined;
  for (let k = 0; k < 20; k++) {
    const page = await flagQueue(db, {
      market: 'TH',
      severity: 'critical',
      limit: 50,
      ...(deep ? { cursor: deep } : {}),
    });
    deep = page.nextCursor ?? undefined;
  }
  const same = (fn: (q: Queryable) => Promise<unknown>) => ({ indexed: fn, fullScan: fn });
  const views: View[] = [
    { name: 'flag queue, first page', ...same((q) => flagQueue(q, {})) },
    {
      name: 'flag queue, policy+market+severity+status',
      ...same((q) =>
        flagQueue(q, { policy: 'policy-3', market: 'VN', severity: 'high', status: 'dismissed' }),
      ),
    },
    {
      name: 'flag queue, 21st page of market+severity',
      ...same((q) => flagQueue(q, { market: 'TH', severity: 'critical', cursor: deep })),
    },
    {
      name: 'flag queue, one reviewer',
      ...same((q) => flagQueue(q, { reviewer: 'reviewer-042' })),
    },
    {
      name: 'creator across the team',
      ...same((q) => creatorView(q, { platform: 'shopvid', creatorId: 'creator-4242' })),
    },
    {
      name: 'metrics per policy/market/day, 31 days',
      indexed: (q) => policyMarketMetrics(q, month),
      fullScan: (q) => q.query(fullScanSql.policyMarket, [month.from, month.to]),
    },
    {
      name: `metrics per policy/market/day, ${DAYS} days`,
      indexed: (q) => policyMarketMetrics(q, all),
      fullScan: (q) => q.query(fullScanSql.policyMarket, [all.from, all.to]),
    },
    {
      name: 'metrics per reviewer, 31 days',
      indexed: (q) => reviewerMetrics(q, month),
      fullScan: (q) => q.query(fullScanSql.reviewers, [month.from, month.to]),
    },
    {
      name: `agreement by item, ${DAYS} days`,
      indexed: (q) => agreement(q, { ...all, by: 'item' }),
      fullScan: (q) => q.query(fullScanSql.agreement, [all.from, all.to]),
    },
    {
      name: 'rule precision, all time',
      indexed: (q) => rulePrecision(q, {}),
      fullScan: (q) => q.query(fullScanSql.precision),
    },
    { name: 'escalation queue, open', ...same((q) => escalationQueue(q, { state: 'open' })) },
  ];
  // As the console calls them: on the pool. The full scan needs its settings in a
  // transaction of its own (`set local`), which costs it two more round trips.
  const indexed = (fn: View['indexed']) => fn(db);
  const fullScan = (fn: View['fullScan']) =>
    db.transaction(async (tx) => {
      await tx.exec(
        'set local enable_indexscan = off; set local enable_indexonlyscan = off; set local enable_bitmapscan = off',
      );
      return fn(tx);
    });
  for (const view of views) {
    await indexed(view.indexed); // warm up caches and plans
    await fullScan(view.fullScan);
  }
  const times = new Map(
    views.map((v) => [v.name, { indexed: [] as number[], full: [] as number[] }]),
  );
  for (let round = 0; round < ROUNDS; round++) {
    const parts: string[] = [];
    for (let k = 0; k < views.length; k++) {
      const view = views[(k + round) % views.length] as View;
      const slot = times.get(view.name) as { indexed: number[]; full: number[] };
      // Alternate which of the pair runs first, so neither always finds the caches warm.
      const order = round % 2 ? (['full', 'indexed'] as const) : (['indexed', 'full'] as const);
      for (const which of order) {
        const start = performance.now();
        await (which === 'indexed' ? indexed(view.indexed) : fullScan(view.fullScan));
        slot[which].push(performance.now() - start);
      }
      parts.push(
        `${view.name.split(',')[0]} ${slot.indexed.at(-1)?.toFixed(0)}/${slot.full.at(-1)?.toFixed(0)}`,
      );
    }
    console.log(`  [console] round ${round + 1}/${ROUNDS} (indexed/full ms): ${parts.join('; ')}`);
  }
  return views.map((view) => {
    const t = times.get(view.name) as { indexed: number[]; full: number[] };
    const p = p95(t.indexed);
    return {
      name: `${view.name} p95 (${flags.toLocaleString('en')} flags, ${where})`,
      value: p,
      unit: 'ms',
      baseline: { name: 'the same view by a full scan, p95', value: p95(t.full) },
      higherIsBetter: false,
      note: `medians ${median(t.indexed).toFixed(1)} ms vs ${median(t.full).toFixed(0)} ms over ${ROUNDS} interleaved rounds; goal <= ${GOAL_MS} ms p95: ${p <= GOAL_MS ? 'MET' : 'NOT MET'}`,
    };
  });
}

/**
 * What the rollups cost ingest: a 500-flag batch through the real ingest path into the
 * 1,000,000 rows, with migration 007's triggers, beside the same batch with them disabled
 * (indexes kept), in alternating rounds. The disabled rounds' flags miss the rollups:
 * bench data only.
 */
async function measureIngest(db: Database, flags: number, where: string): Promise<Figure> {
  const batch = (round: number) => {
    const at = new Date(Date.parse(END) - 3_600_000 + round * 1000).toISOString();
    return toCandidates({
      records: Array.from({ length: 500 }, (_, i) => ({
        type: 'flag' as const,
        record: {
          id: `7${round.toString(16).toUpperCase().padStart(5, '0')}${i.toString().padStart(20, '0')}`,
          revision: 1,
          reviewer: 'reviewer-bench',
          createdAt: at,
          updatedAt: at,
          deleted: false,
          item: {
            platform: 'shopvid',
            kind: 'video' as const,
            // Half on items other reviewers decided: their agreement pairs are rebuilt.
            itemId: i % 2 ? `v${(i * 7919) % 100_000}0` : `bench-${round}-${i}`,
            url: 'https://shopvid.example/v/1',
            creatorId: `creator-${i}`,
            market: 'TH' as const,
          },
          policyId: `policy-${i % 10}`,
          policyVersion: '2026.11',
          ruleId: `policy-${i % 10}.r${i % 5}`,
          severity: 'high' as const,
          source: 'auto' as const,
          status: i % 3 ? ('confirmed' as const) : ('dismissed' as const),
          evidence: [],
          note: '',
        },
      })),
    });
  };
  const times = { on: [] as number[], off: [] as number[] };
  const rounds = 10;
  for (let round = 0; round < rounds * 2; round++) {
    const off = (round + Math.floor(round / 2)) % 2 === 1;
    const candidates = batch(round);
    if (off) await db.exec('alter table records disable trigger user');
    const start = performance.now();
    const result = await ingestBatch(db, 'reviewer-bench', candidates);
    const ms = performance.now() - start;
    if (off) await db.exec('alter table records enable trigger user');
    if (result.counts.created !== 500) throw new Error(`ingest: ${JSON.stringify(result.counts)}`);
    (off ? times.off : times.on).push(ms);
  }
  console.log(
    `  [console] ingest ms with triggers: ${times.on.map((t) => t.toFixed(0)).join(', ')}; without: ${times.off.map((t) => t.toFixed(0)).join(', ')}`,
  );
  return {
    name: `ingest of a 500-flag batch with the console rollups (${flags.toLocaleString('en')} flags, ${where})`,
    value: median(times.on),
    unit: 'ms',
    baseline: { name: 'the same with their triggers disabled, median', value: median(times.off) },
    higherIsBetter: false,
    note: `medians over ${rounds} batches each, alternating; what the rollups cost a batch (the indexes stay in both)`,
  };
}

/** Builds the data set the way an existing deployment meets migration 007: rows first. */
async function build(db: Database, flags: number): Promise<void> {
  const migrations = loadMigrations();
  await migrate(
    db,
    migrations.filter((m) => m.id < '007'),
  );
  let t = performance.now();
  await db.exec(seedSql(flags));
  await db.exec(escalationsSql);
  console.log(`  seeded ${flags} flags in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  t = performance.now();
  await migrate(db, migrations);
  console.log(
    `  migration 007 (generated columns, indexes, rollups) in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );
  // What autovacuum does after a bulk load: statistics, and the visibility map that lets
  // index-only scans skip the table.
  for (const table of [
    'records',
    'escalations',
    'console_policy_days',
    'console_rule_days',
    'console_agreement_pairs',
  ])
    await db.exec(`vacuum analyze ${table}`);
}

async function canConnect(url: string): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A throwaway cluster in a temporary directory, when no server is running. */
function startTemporaryCluster(): { url: string; stop(): void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'flagpost-pg-'));
  const port = 55_000 + Math.floor(Math.random() * 5000);
  try {
    execFileSync('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust'], {
      stdio: 'ignore',
    });
    execFileSync(
      'pg_ctl',
      [
        '-D',
        join(dir, 'data'),
        '-l',
        join(dir, 'log'),
        '-w',
        'start',
        '-o',
        `-p ${port} -k ${dir} -h 127.0.0.1`,
      ],
      { stdio: 'ignore' },
    );
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      execFileSync('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'], {
        stdio: 'ignore',
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const bench: Bench = {
  name: 'Governance console queries',
  async run() {
    const flags = Number(process.env.CONSOLE_BENCH_FLAGS ?? 1_000_000);
    let url = process.env.DATABASE_URL;
    let where = 'PostgreSQL from DATABASE_URL';
    let cluster: ReturnType<typeof startTemporaryCluster>;
    if (!url && (await canConnect('postgres://postgres@127.0.0.1:5432/test'))) {
      url = 'postgres://postgres@127.0.0.1:5432/test';
      where = 'PostgreSQL on 127.0.0.1:5432';
    }
    if (!url) {
      cluster = startTemporaryCluster();
      if (cluster) {
        url = cluster.url;
        where = 'temporary PostgreSQL cluster';
      }
    }
    if (!url) {
      console.log('  PostgreSQL cannot run here: PGlite with 100,000 flags instead.');
      const db = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
      try {
        await build(db, 100_000);
        const where = 'PGlite: no PostgreSQL could run';
        return [
          ...(await measureViews(db, 100_000, where)),
          await measureIngest(db, 100_000, where),
        ];
      } finally {
        await db.close();
      }
    }
    const schema = `flagpost_console_bench_${randomBytes(4).toString('hex')}`;
    const db = await openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
    try {
      await build(db, flags);
      return [...(await measureViews(db, flags, where)), await measureIngest(db, flags, where)];
    } finally {
      await db.exec(`drop schema "${schema}" cascade`).catch(() => {});
      await db.close();
      cluster?.stop();
    }
  },
};

export default bench;
