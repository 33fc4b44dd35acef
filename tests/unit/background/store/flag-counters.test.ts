/**
 * The dashboard counters against a full recount: after any sequence of creates, edits,
 * deletions, bulk actions, undos and imports, the counter table holds exactly what counting
 * every live flag from scratch gives.
 */
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { applyBulkAction, undoLastBulkAction } from '@/lib/background/store/bulk-actions';
import { FlagpostDb, type StoredFlag } from '@/lib/background/store/db';
import { importRecords, toWireFlag } from '@/lib/background/store/exchange-repo';
import { counterDelta, counterKeys, counterRows } from '@/lib/background/store/flag-counters';
import { createFlag, deleteFlag, editFlag } from '@/lib/background/store/flags-repo';
import { MARKETS, SEVERITIES } from '@/lib/shared/protocol/records';
import { propertyRuns } from '../../property-runs';

const STATUSES = ['suggested', 'confirmed', 'dismissed'] as const;
const POLICIES = ['off-platform', 'counterfeit-goods', 'a|b'] as const;
const opened: FlagpostDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function freshDb() {
  const db = new FlagpostDb(`flagpost-counters-${Math.random()}`);
  opened.push(db);
  await db.open();
  return db;
}

/** The counters as a map, and the same recounted from every flag in the store. */
async function countersAndRecount(db: FlagpostDb) {
  const asMap = (rows: { key: string[]; count: number }[]) =>
    Object.fromEntries(rows.map((r) => [JSON.stringify(r.key), r.count]));
  const recount = new Map();
  for (const flag of await db.flags.toArray()) counterDelta(undefined, flag, recount);
  return { counters: asMap(await db.flagCounters.toArray()), recount: asMap(counterRows(recount)) };
}

const newFlagArb = fc.record({
  policy: fc.constantFrom(...POLICIES),
  severity: fc.constantFrom(...SEVERITIES),
  market: fc.option(fc.constantFrom(...MARKETS), { nil: undefined }),
  creator: fc.option(fc.constantFrom('lena', 'minh', 'ari'), { nil: undefined }),
  status: fc.constantFrom(...STATUSES),
  rule: fc.option(fc.constantFrom('line-id', 'zalo'), { nil: undefined }),
  hours: fc.integer({ min: 0, max: 72 }),
});
const pick = fc.nat();
const opArb = fc.oneof(
  fc.record({ op: fc.constant('create' as const), flag: newFlagArb }),
  fc.record({
    op: fc.constant('edit' as const),
    pick,
    status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
    severity: fc.option(fc.constantFrom(...SEVERITIES), { nil: undefined }),
  }),
  fc.record({ op: fc.constant('delete' as const), pick }),
  fc.record({
    op: fc.constant('bulk' as const),
    picks: fc.array(pick, { maxLength: 5 }),
    action: fc.constantFrom('confirm' as const, 'dismiss' as const, 'delete' as const),
  }),
  fc.record({ op: fc.constant('undo' as const) }),
  fc.record({
    op: fc.constant('import' as const),
    picks: fc.array(pick, { maxLength: 4 }),
    status: fc.constantFrom(...STATUSES),
    deleted: fc.boolean(),
    fresh: fc.array(newFlagArb, { maxLength: 3 }),
  }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function run(db: FlagpostDb) {
  let tick = 0;
  const base = Date.UTC(2026, 10, 20, 6);
  const author = (hours = 0) => ({
    reviewer: 'alice',
    clock: () => new Date(base + hours * 3_600_000 + tick++ * 1000).toISOString(),
  });
  const create = (target: FlagpostDb, f: (Op & { op: 'create' })['flag']) =>
    createFlag(
      target,
      {
        item: {
          platform: 'shopvid',
          kind: 'video',
          itemId: `v${tick}`,
          url: `https://shop.example/v/${tick}`,
          ...(f.creator ? { creatorId: f.creator } : {}),
          ...(f.market ? { market: f.market } : {}),
        },
        policyId: f.policy,
        policyVersion: '1',
        ...(f.rule ? { ruleId: f.rule } : {}),
        severity: f.severity,
        source: f.rule ? 'auto' : 'manual',
        status: f.status,
      },
      author(f.hours),
    );
  return async (op: Op) => {
    const all = await db.flags.orderBy('id').toArray();
    const at = (i: number): StoredFlag | undefined => all[i % Math.max(1, all.length)];
    switch (op.op) {
      case 'create':
        await create(db, op.flag);
        return;
      case 'edit': {
        const flag = at(op.pick);
        if (!flag || flag.deleted) return;
        const edit = {
          ...(op.status ? { status: op.status } : {}),
          ...(op.severity ? { severity: op.severity } : {}),
        };
        await editFlag(db, flag.id, edit, author());
        return;
      }
      case 'delete': {
        const flag = at(op.pick);
        if (flag) await deleteFlag(db, flag.id, author());
        return;
      }
      case 'bulk': {
        const ids = op.picks.flatMap((i) => (at(i) ? [at(i)?.id ?? ''] : []));
        await applyBulkAction(db, { ids }, op.action, 'model test', author());
        return;
      }
      case 'undo':
        await undoLastBulkAction(db, author());
        return;
      case 'import': {
        // Newer revisions of stored flags (status changed, maybe deleted) and new flags.
        const updated = op.picks.flatMap((i) => {
          const flag = at(i);
          if (!flag) return [];
          const wire = toWireFlag(flag);
          return [{ ...wire, revision: wire.revision + 1, status: op.status, deleted: op.deleted }];
        });
        const source = await freshDb();
        for (const f of op.fresh) await create(source, f);
        const fresh = (await source.flags.toArray()).map(toWireFlag);
        const unique = new Map([...updated, ...fresh].map((f) => [f.id, f]));
        await importRecords(
          db,
          { flags: [...unique.values()], notes: [], creators: [] },
          { reviewer: 'alice', now: author().clock() },
        );
        return;
      }
    }
  };
}

describe('flag counters', () => {
  it('count a flag once per dimension, and a deleted flag nowhere', () => {
    const flag = {
      createdAt: '2026-11-22T20:30:00+07:00',
      deleted: false,
      policyId: 'off-platform',
      status: 'confirmed' as const,
      severity: 'high' as const,
      item: {
        platform: 'shopvid',
        kind: 'video' as const,
        itemId: '1',
        url: 'https://x.example/1',
      },
      creatorKey: 'shopvid:lena',
      source: 'auto' as const,
      ruleId: 'line-id',
    };
    expect(counterKeys(flag)).toContainEqual(['policy-hour', '2026-11-22T13', 'off-platform']);
    expect(counterKeys(flag)).toContainEqual(['market', '']);
    expect(counterKeys(flag)).toContainEqual(['rule', 'off-platform', 'line-id', 'confirmed']);
    expect(counterKeys({ ...flag, deleted: true })).toEqual([]);
    // An edit that changes no counted field moves nothing; a deletion undoes the creation.
    expect([...counterDelta(flag, { ...flag }).values()].every((c) => c.delta === 0)).toBe(true);
    const deletion = counterDelta(flag, { ...flag, deleted: true });
    expect([...deletion.values()].every((c) => c.delta === -1)).toBe(true);
    expect(deletion.size).toBe(counterKeys(flag).length);
  });

  it('equal a full recount after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const db = await freshDb();
        const apply = run(db);
        for (const op of ops) {
          await apply(op);
          const { counters, recount } = await countersAndRecount(db);
          expect(counters).toEqual(recount);
        }
      }),
      { numRuns: propertyRuns(40) },
    );
  });
});
