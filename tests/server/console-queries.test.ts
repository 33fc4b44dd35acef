/**
 * The console's query layer (server/console/queries) on a real database, through the real
 * ingest path (so migration 007's triggers keep the rollups): every view's answer is
 * checked against the same answer worked out in JavaScript from the records sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItem } from '@/lib/shared/protocol/batch';
import { newUlid } from '@/lib/shared/protocol/ids';
import {
  type Flag,
  MARKETS,
  type Market,
  SEVERITIES,
  type Severity,
} from '@/lib/shared/protocol/records';
import {
  agreement,
  ConsoleQueryError,
  cohensKappa,
  creatorView,
  escalationQueue,
  type FlagQueueInput,
  flagQueue,
  policyMarketMetrics,
  reviewerMetrics,
  rulePrecision,
} from '@/server/console/queries';
import type { Database } from '@/server/db/database';
import { migrate } from '@/server/db/migrations';
import { ingestBatch, toCandidates } from '@/server/ingest';
import { recordAction } from '@/server/store/enforcement';
import { acknowledgeEscalation, createEscalation } from '@/server/store/escalations';
import { type Backend, flagItem, forEachBackend, makeFlag, makeNote, noteItem } from './helpers';

const REVIEWERS = ['ana', 'ben', 'cai', 'dee'];
const POLICIES = ['off-platform', 'counterfeit', 'prohibited'];
const STATUSES = ['suggested', 'confirmed', 'dismissed'] as const;
const DAY0 = Date.parse('2026-11-01T00:00:00.000Z');
const RANGE = { from: '2026-11-01T00:00:00Z', to: '2026-11-05T00:00:00Z' };

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 160 flags: shared items (agreement), shared createdAt values (keyset ties), every filter. */
function makeFlags(): Flag[] {
  const r = rng(17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: 160 }, (_, i) => {
    const policyId = pick(POLICIES);
    const manual = r() < 0.15;
    const status = pick(STATUSES);
    // Every fourth flag shares its second with the one before: ties on createdAt.
    const created = DAY0 + Math.floor(i / 2) * 2_700_000 + (i % 4 === 1 ? 0 : (i % 2) * 1000);
    const decision = status === 'suggested' ? 0 : Math.floor(r() * 3600) * 1000;
    const market = r() < 0.15 ? undefined : pick(MARKETS);
    const itemNo = Math.floor(r() * 24);
    return makeFlag({
      id: newUlid(created),
      reviewer: pick(REVIEWERS),
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created + decision).toISOString(),
      item: {
        platform: 'shopvid',
        kind: 'video',
        itemId: `item-${itemNo}`,
        url: `https://shopvid.example/v/${itemNo}`,
        creatorId: `creator-${itemNo % 5}`,
        creatorHandle: `@c${itemNo % 5}`,
        ...(market ? { market } : {}),
      },
      policyId,
      severity: pick(SEVERITIES),
      source: manual ? 'manual' : 'auto',
      status,
      ...(manual ? {} : { ruleId: `${policyId}.r${Math.floor(r() * 2)}` }),
    });
  });
}

async function send(db: Database, reviewer: string, items: BatchItem[]) {
  return ingestBatch(db, reviewer, toCandidates({ records: items }));
}

/** Ingests each reviewer's flags in their own batches, as the extension would. */
async function ingestAll(db: Database, flags: readonly Flag[]) {
  for (const reviewer of REVIEWERS) {
    const mine = flags.filter((f) => f.reviewer === reviewer).map(flagItem);
    const response = await send(db, reviewer, mine);
    expect(response.counts.rejected).toBe(0);
  }
}

const newestFirst = (a: Flag, b: Flag) =>
  Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function allPages(db: Database, input: FlagQueueInput): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 100; n++) {
    const page = await flagQueue(db, { ...input, ...(cursor ? { cursor } : {}) });
    ids.push(...page.rows.map((row) => row.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const decided = (f: Flag) => f.status !== 'suggested';
const dayOf = (iso: string) => iso.slice(0, 10);

forEachBackend((backend: Backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let flags: Flag[];
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
    await migrate(db);
    flags = makeFlags();
    await ingestAll(db, flags);
  });
  afterAll(() => dispose?.());

  describe('flag queue', () => {
    const cases: Array<[string, FlagQueueInput, (f: Flag) => boolean]> = [
      ['no filter', {}, () => true],
      ['policy', { policy: 'counterfeit' }, (f) => f.policyId === 'counterfeit'],
      ['market', { market: 'TH' }, (f) => f.item.market === 'TH'],
      ['severity', { severity: 'critical' }, (f) => f.severity === 'critical'],
      ['status', { status: 'dismissed' }, (f) => f.status === 'dismissed'],
      ['reviewer', { reviewer: 'ben' }, (f) => f.reviewer === 'ben'],
      ['creator', { creator: 'shopvid:creator-3' }, (f) => f.item.creatorId === 'creator-3'],
      [
        'time range',
        { from: '2026-11-02T00:00:00Z', to: '2026-11-02T12:00:00+00:00' },
        (f) => f.createdAt >= '2026-11-02T00:00:00' && f.createdAt < '2026-11-02T12:00:00',
      ],
      [
        'several at once',
        { policy: 'off-platform', severity: 'high', reviewer: 'ana', market: 'SG' },
        (f) =>
          f.policyId === 'off-platform' &&
          f.severity === 'high' &&
          f.reviewer === 'ana' &&
          f.item.market === 'SG',
      ],
      ['nothing matches', { policy: 'no-such-policy' }, () => false],
    ];
    for (const [name, input, keep] of cases) {
      it(`filters by ${name}, newest first, over every page`, async () => {
        const expected = flags
          .filter(keep)
          .sort(newestFirst)
          .map((f) => f.id);
        expect(await allPages(db, { ...input, limit: 7 })).toEqual(expected);
      });
    }

    it('returns the fields a row shows', async () => {
      const page = await flagQueue(db, { limit: 1 });
      const newest = [...flags].sort(newestFirst)[0] as Flag;
      expect(page.rows[0]).toEqual({
        id: newest.id,
        reviewer: newest.reviewer,
        createdAt: newest.createdAt,
        updatedAt: newest.updatedAt,
        policyId: newest.policyId,
        ruleId: newest.ruleId ?? null,
        severity: newest.severity,
        status: newest.status,
        market: newest.item.market ?? null,
        platform: 'shopvid',
        kind: 'video',
        itemId: newest.item.itemId,
        url: newest.item.url,
        creatorId: newest.item.creatorId,
        creatorHandle: newest.item.creatorHandle,
        title: null,
      });
    });

    it('keeps pages stable while flags arrive, ties on createdAt broken by id', async () => {
      const tied = flags.filter((f, i, all) =>
        all.some((g, j) => j !== i && g.createdAt === f.createdAt),
      );
      expect(tied.length).toBeGreaterThan(10);
      const expected = flags
        .filter((f) => f.reviewer !== 'eve')
        .sort(newestFirst)
        .map((f) => f.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      let arrivals = 0;
      do {
        const page = await flagQueue(db, { limit: 6, ...(cursor ? { cursor } : {}) });
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
        // A newer flag arrives between pages: it is above the cursor and never shifts a page.
        const at = new Date(DAY0 + 10 * 86_400_000 + arrivals++ * 1000).toISOString();
        const fresh = makeFlag({ reviewer: 'eve', createdAt: at, updatedAt: at });
        await send(db, 'eve', [flagItem(fresh)]);
      } while (cursor);
      expect(seen).toEqual(expected);
      // Clean up: eve's flags become tombstones, and leave every view.
      const eve = (await flagQueue(db, { reviewer: 'eve', limit: 200 })).rows;
      expect(eve.length).toBe(arrivals);
      const gone = eve.map((row) => {
        const at = new Date(Date.parse(row.createdAt) + 1).toISOString();
        return flagItem(
          makeFlag({
            id: row.id,
            reviewer: 'eve',
            revision: 2,
            deleted: true,
            createdAt: row.createdAt,
            updatedAt: at,
          }),
        );
      });
      expect((await send(db, 'eve', gone)).counts.updated).toBe(arrivals);
      expect((await flagQueue(db, { reviewer: 'eve' })).rows).toEqual([]);
    });
  });

  describe('bad filter values', () => {
    const bad: Array<[string, () => Promise<unknown>, RegExp]> = [
      ['market', () => flagQueue(db, { market: 'XX' as Market }), /^market: must be one of SG, MY/],
      [
        'severity',
        () => flagQueue(db, { severity: 'urgent' as Severity }),
        /severity: must be one of low, medium, high, critical/,
      ],
      ['status', () => flagQueue(db, { status: 'maybe' as never }), /status: must be one of/],
      ['limit', () => flagQueue(db, { limit: 0 }), /limit: must be at least 1/],
      [
        'limit text',
        () => flagQueue(db, { limit: 'ten' as never }),
        /limit: must be a whole number/,
      ],
      ['limit too big', () => flagQueue(db, { limit: 201 }), /limit: must be at most 200/],
      [
        'creator',
        () => flagQueue(db, { creator: 'creator-1' }),
        /creator: must be "platform:creatorId"/,
      ],
      ['reviewer', () => flagQueue(db, { reviewer: 'a b' }), /reviewer: may hold letters/],
      ['time', () => flagQueue(db, { from: 'yesterday' }), /from: /],
      [
        'range order',
        () => flagQueue(db, { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }),
        /to: must be after from/,
      ],
      ['cursor', () => flagQueue(db, { cursor: 'bm90LWEtY3Vyc29y' }), /cursor: is not a cursor/],
      [
        'unknown filter',
        () => flagQueue(db, { colour: 'red' } as never),
        /Unrecognized key: "colour"/,
      ],
      ['missing range', () => reviewerMetrics(db, {}), /a time range \(from and to\) is required/],
      [
        'long reviewer range',
        () => reviewerMetrics(db, { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }),
        /to: the range may span at most 31 days/,
      ],
      [
        'long range',
        () => policyMarketMetrics(db, { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }),
        /at most 366 days/,
      ],
      [
        'agreement kind',
        () => agreement(db, { ...RANGE, by: 'creator' as never }),
        /by: must be one of item, rule/,
      ],
      [
        'threshold',
        () => rulePrecision(db, { tightenBelow: 2 }),
        /tightenBelow: must be between 0 and 1/,
      ],
      [
        'escalation state',
        () => escalationQueue(db, { state: 'closed' as never }),
        /state: must be one of open/,
      ],
      [
        'creator id',
        () => creatorView(db, { platform: 'Shop Vid', creatorId: '' }),
        /platform: .*creatorId: must not be empty/,
      ],
    ];
    for (const [name, run, message] of bad) {
      it(`refuses a bad ${name} with a message naming it`, async () => {
        const error = await run().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConsoleQueryError);
        expect((error as Error).message).toMatch(message);
        expect((error as ConsoleQueryError).issues.length).toBeGreaterThan(0);
      });
    }
  });

  it('shows a creator across the team: records, totals, enforcement actions', async () => {
    const note = makeNote({
      reviewer: 'cai',
      target: {
        type: 'creator',
        creator: { platform: 'shopvid', creatorId: 'creator-2', handle: '@c2' },
      },
    });
    await send(db, 'cai', [noteItem(note)]);
    const at = '2026-11-03T10:00:00.000Z';
    await recordAction(db, {
      id: newUlid(),
      creator: { platform: 'shopvid', creatorId: 'creator-2' },
      action: 'warning',
      reason: 'Repeat off-platform payment links',
      at,
    });
    const view = await creatorView(db, { platform: 'shopvid', creatorId: 'creator-2', limit: 5 });
    const theirs = flags.filter((f) => f.item.creatorId === 'creator-2');
    expect(view.creator).toEqual({ platform: 'shopvid', creatorId: 'creator-2', handle: '@c2' });
    expect(view.totals).toEqual({
      flags: theirs.length,
      suggested: theirs.filter((f) => f.status === 'suggested').length,
      confirmed: theirs.filter((f) => f.status === 'confirmed').length,
      dismissed: theirs.filter((f) => f.status === 'dismissed').length,
      reviewers: new Set(theirs.map((f) => f.reviewer)).size,
      notes: 1,
    });
    expect(view.flags.map((f) => f.id)).toEqual(
      theirs
        .sort(newestFirst)
        .slice(0, 5)
        .map((f) => f.id),
    );
    expect(view.notes.map((n) => n.id)).toEqual([note.id]);
    expect(view.actions).toMatchObject([{ action: 'warning', at }]);
    const nobody = await creatorView(db, { platform: 'shopvid', creatorId: 'nobody' });
    expect(nobody.totals.flags).toBe(0);
    expect(nobody.flags).toEqual([]);
  });

  describe('metrics', () => {
    const expectedDays = (all: readonly Flag[]) => {
      const rows = new Map<
        string,
        { flags: number; suggested: number; confirmed: number; dismissed: number }
      >();
      for (const f of all) {
        const key = `${dayOf(f.createdAt)}|${f.policyId}|${f.item.market ?? ''}`;
        const row = rows.get(key) ?? { flags: 0, suggested: 0, confirmed: 0, dismissed: 0 };
        row.flags += 1;
        row[f.status] += 1;
        rows.set(key, row);
      }
      return rows;
    };
    const actualDays = async (input = RANGE) =>
      new Map(
        (await policyMarketMetrics(db, input)).map(({ day, policyId, market, ...counts }) => [
          `${day}|${policyId}|${market ?? ''}`,
          counts,
        ]),
      );

    it('counts per policy, market and day', async () => {
      expect(await actualDays()).toEqual(expectedDays(flags));
      const th = await policyMarketMetrics(db, { ...RANGE, market: 'TH', policy: 'counterfeit' });
      expect(th.reduce((n, r) => n + r.flags, 0)).toBe(
        flags.filter((f) => f.item.market === 'TH' && f.policyId === 'counterfeit').length,
      );
      // Whole UTC days: a range inside 2 November is the whole of that day.
      const day2 = await policyMarketMetrics(db, {
        from: '2026-11-02T05:00:00Z',
        to: '2026-11-02T06:00:00Z',
      });
      expect(new Set(day2.map((r) => r.day))).toEqual(new Set(['2026-11-02']));
      expect(day2.reduce((n, r) => n + r.flags, 0)).toBe(
        flags.filter((f) => dayOf(f.createdAt) === '2026-11-02').length,
      );
    });

    it('follows decisions and deletions exactly once, and not at all when a batch rolls back', async () => {
      const before = await actualDays();
      // Replaying a batch changes nothing.
      const anas = flags.filter((f) => f.reviewer === 'ana');
      expect((await send(db, 'ana', anas.map(flagItem))).counts.unchanged).toBe(anas.length);
      expect(await actualDays()).toEqual(before);
      // A batch that fails after its writes leaves no trace in the rollups.
      const target = anas.find((f) => f.status === 'suggested') as Flag;
      const confirmedRevision = { ...target, revision: 2, status: 'confirmed' as const };
      await expect(
        db.transaction(async (tx) => {
          const fake = {
            ...db,
            kind: db.kind,
            transaction: <T>(fn: (q: typeof tx) => Promise<T>) => fn(tx),
          };
          await ingestBatch(
            fake as Database,
            'ana',
            toCandidates({ records: [flagItem(confirmedRevision)] }),
          );
          throw new Error('rolled back on purpose');
        }),
      ).rejects.toThrow('rolled back on purpose');
      expect(await actualDays()).toEqual(before);
      // Confirming one flag and deleting another moves the counts.
      const victim = anas.find((f) => f.id !== target.id) as Flag;
      const tombstone = { ...victim, revision: 2, deleted: true };
      await send(db, 'ana', [flagItem(confirmedRevision), flagItem(tombstone)]);
      const now = flags
        .map((f) => (f.id === target.id ? confirmedRevision : f))
        .filter((f) => f.id !== victim.id);
      expect(await actualDays()).toEqual(expectedDays(now));
      flags = now;
    });

    it('per reviewer: volume, decisions and the median time to decision', async () => {
      const rows = await reviewerMetrics(db, RANGE);
      const expected = REVIEWERS.map((reviewer) => {
        const mine = flags.filter((f) => f.reviewer === reviewer);
        return {
          reviewer,
          flags: mine.length,
          suggested: mine.filter((f) => f.status === 'suggested').length,
          confirmed: mine.filter((f) => f.status === 'confirmed').length,
          dismissed: mine.filter((f) => f.status === 'dismissed').length,
          medianDecisionSeconds: median(
            mine
              .filter(decided)
              .map((f) => (Date.parse(f.updatedAt) - Date.parse(f.createdAt)) / 1000),
          ),
        };
      });
      expect(rows).toEqual(expected);
      const sg = await reviewerMetrics(db, { ...RANGE, market: 'SG', policy: 'prohibited' });
      expect(sg.reduce((n, r) => n + r.flags, 0)).toBe(
        flags.filter((f) => f.item.market === 'SG' && f.policyId === 'prohibited').length,
      );
    });
  });

  describe('agreement', () => {
    const expectedAgreement = (by: 'item' | 'rule') => {
      const table = {
        confirmedConfirmed: 0,
        confirmedDismissed: 0,
        dismissedConfirmed: 0,
        dismissedDismissed: 0,
      };
      const units = new Set<string>();
      const live = flags.filter(decided);
      for (const a of live)
        for (const b of live) {
          if (a.item.itemId !== b.item.itemId || !(a.reviewer < b.reviewer)) continue;
          const group = by === 'item' ? a.policyId : a.ruleId;
          if (group === undefined || group !== (by === 'item' ? b.policyId : b.ruleId)) continue;
          units.add(`${a.item.itemId}|${group}`);
          const cell =
            `${a.status === 'confirmed' ? 'confirmed' : 'dismissed'}${b.status === 'confirmed' ? 'Confirmed' : 'Dismissed'}` as keyof typeof table;
          table[cell] += 1;
        }
      return { table, units: units.size };
    };

    for (const by of ['item', 'rule'] as const) {
      it(`rate and kappa where two reviewers decided the same ${by}`, async () => {
        const view = await agreement(db, { ...RANGE, by, limit: 200 });
        const { table, units } = expectedAgreement(by);
        expect(view.units).toBe(units);
        expect(view.overall.table).toEqual(table);
        expect(view.overall.kappa).toBe(cohensKappa(table));
        const pairs = Object.values(table).reduce((a, b) => a + b, 0);
        expect(pairs).toBeGreaterThan(20);
        expect(view.overall.agreementRate).toBeCloseTo(
          (table.confirmedConfirmed + table.dismissedDismissed) / pairs,
          12,
        );
        // Groups and reviewer pairs partition the same pairs.
        expect(view.groups.reduce((n, g) => n + g.pairs, 0)).toBe(pairs);
        expect(view.reviewerPairs.reduce((n, p) => n + p.pairs, 0)).toBe(pairs);
        for (const p of view.reviewerPairs) expect(p.reviewerA < p.reviewerB).toBe(true);
        const top = await agreement(db, { ...RANGE, by, limit: 1, minShared: 1 });
        expect(top.reviewerPairs).toHaveLength(1);
        expect(top.reviewerPairs[0]?.pairs).toBe(
          Math.max(...view.reviewerPairs.map((p) => p.pairs)),
        );
      });
    }

    it('counts nothing outside the range, and matches a rebuild from the records', async () => {
      const empty = await agreement(db, {
        from: '2025-01-01T00:00:00Z',
        to: '2025-02-01T00:00:00Z',
      });
      expect(empty.overall).toMatchObject({ pairs: 0, kappa: null, agreementRate: null });
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from (
           (select item_key, kind, group_key, day, reviewer_a, reviewer_b, a_confirmed, b_confirmed, pairs
              from console_agreement_pairs
            except all
            select item_key, kind, group_key, day, reviewer_a, reviewer_b, a_confirmed, b_confirmed, pairs
              from console_item_pairs(null))
           union all
           (select item_key, kind, group_key, day, reviewer_a, reviewer_b, a_confirmed, b_confirmed, pairs
              from console_item_pairs(null)
            except all
            select item_key, kind, group_key, day, reviewer_a, reviewer_b, a_confirmed, b_confirmed, pairs
              from console_agreement_pairs)
         ) as drift`,
      );
      expect(rows[0]?.n).toBe(0);
    });
  });

  it('rule precision per rule, and the rules to tighten', async () => {
    const view = await rulePrecision(db, { tightenBelow: 0.5, minDecisions: 3 });
    const byRule = new Map<string, { confirmed: number; dismissed: number; suggested: number }>();
    for (const f of flags) {
      if (!f.ruleId) continue;
      const row = byRule.get(f.ruleId) ?? { confirmed: 0, dismissed: 0, suggested: 0 };
      row[f.status] += 1;
      byRule.set(f.ruleId, row);
    }
    expect(view.rules).toHaveLength(byRule.size);
    for (const rule of view.rules) {
      const want = byRule.get(rule.ruleId);
      expect(rule).toMatchObject(want ?? {});
      const decidedCount = rule.confirmed + rule.dismissed;
      expect(rule.precision).toBe(decidedCount ? rule.confirmed / decidedCount : null);
      expect(rule.tighten).toBe(decidedCount >= 3 && (rule.precision ?? 1) < 0.5);
    }
    const precisions = view.rules.map((r) => r.precision ?? 2);
    expect(precisions).toEqual([...precisions].sort((a, b) => a - b));
    expect(view.toTighten).toEqual(view.rules.filter((r) => r.tighten));
    const strict = await rulePrecision(db, { tightenBelow: 1, minDecisions: 1 });
    expect(strict.toTighten.length).toBeGreaterThanOrEqual(view.toTighten.length);
    const one = await rulePrecision(db, { policy: 'counterfeit' });
    expect(one.rules.every((r) => r.policyId === 'counterfeit')).toBe(true);
  });

  it('the escalation queue by state, oldest first, paged, with counts and overdue timers', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = newUlid();
      ids.push(id);
      await createEscalation(db, 'ana', {
        id,
        flagId: newUlid(),
        category: i % 2 ? 'scam_wave' : 'other',
        reason: `case ${i}`,
        item: {
          platform: 'shopvid',
          kind: 'video',
          itemId: `e${i}`,
          url: 'https://shopvid.example/v/e',
        },
        evidence: [],
        createdAt: new Date().toISOString(),
      });
    }
    const first = ids[0] as string;
    await acknowledgeEscalation(db, first, 'lead-1');
    // Make one case overdue: its acknowledge deadline has passed.
    await db.query(
      `update escalations set acknowledge_due_at = now() - interval '1 minute' where id = $1`,
      [ids[1]],
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let counts: Record<string, number> | undefined;
    do {
      const page = await escalationQueue(db, {
        state: 'open',
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.rows.map((r) => r.id));
      counts = page.counts;
      for (const row of page.rows) expect(row.acknowledgeOverdue).toBe(row.id === ids[1]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids.slice(1));
    expect(counts).toEqual({ open: 6, acknowledged: 1, resolved: 0 });
    const scams = await escalationQueue(db, { category: 'scam_wave' });
    expect(scams.rows.map((r) => r.reason)).toEqual(['case 1', 'case 3', 'case 5']);
    const acked = await escalationQueue(db, { state: 'acknowledged' });
    expect(acked.rows.map((r) => r.id)).toEqual([first]);
  });
}, describe);
