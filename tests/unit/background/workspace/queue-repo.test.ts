import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlagpostDb, type StoredFlag, type WithSync } from '@/lib/background/store/db';
import {
  matchesFilter,
  newestFirst,
  type QueueFilter,
  queueCounts,
  queueFacets,
  queuePage,
} from '@/lib/background/store/queue-repo';
import { seed } from './seed';

let db: FlagpostDb;
beforeEach(async () => {
  db = new FlagpostDb(`flagpost-queue-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Walks every page with the cursor, as the panel does when scrolling. */
async function walk(filter: QueueFilter, limit: number) {
  const ids: string[] = [];
  let after: { createdAt: string; id: string } | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await queuePage(db, filter, { after, limit });
    ids.push(...page.rows.map((row) => row.id));
    if (!page.next) break;
    after = page.next;
  }
  return ids;
}

const expected = (flags: WithSync<StoredFlag>[], filter: QueueFilter) =>
  flags
    .filter((f) => matchesFilter(f, filter))
    .sort(newestFirst)
    .map((f) => f.id);

describe('queue pages', () => {
  it('walks every live flag newest first, once each, across creation-time ties', async () => {
    const flags = await seed(db, 230, 4); // four flags per timestamp: ties at page edges
    await db.flags.update(flags[5]!.id, { deleted: true });
    flags[5]!.deleted = true;
    const ids = await walk({}, 17);
    expect(ids).toEqual(expected(flags, {}));
    expect(new Set(ids).size).toBe(229);
  });

  it.each<QueueFilter>([
    { policyId: 'price-anomaly' },
    { status: 'dismissed' },
    { market: 'TH' },
    { severity: 'critical' },
    { syncState: 'rejected' },
    { syncState: 'synced' },
    { syncState: 'synced', policyId: 'price-anomaly', market: 'TH' },
    { syncState: 'rejected', status: 'dismissed' },
    { syncState: 'synced', severity: 'high' },
    { syncState: 'rejected', creatorKey: 'shopvid:seller2' },
    { creatorKey: 'shopvid:seller3' },
    { policyId: 'counterfeit-goods', status: 'confirmed', market: 'SG' },
    { creatorKey: 'shopvid:seller2', status: 'suggested' },
  ])('pages the filter %o with the cursor and matches a full scan', async (filter) => {
    const flags = await seed(db, 300, 3);
    expect(await walk(filter, 11)).toEqual(expected(flags, filter));
  });

  it.each<QueueFilter>([{ syncState: 'synced' }, { syncState: 'synced', status: 'confirmed' }])(
    'jumps by offset with the sync filter %o, past deleted flags',
    async (filter) => {
      const flags = await seed(db, 400, 2);
      for (const i of [3, 50, 51, 260]) {
        await db.flags.update(flags[i]!.id, { deleted: true });
        flags[i]!.deleted = true;
      }
      const all = expected(flags, filter);
      for (const offset of [0, 7, 120, 300])
        expect((await queuePage(db, filter, { offset, limit: 13 })).rows.map((r) => r.id)).toEqual(
          all.slice(offset, offset + 13),
        );
      const counts = await queueCounts(db, filter);
      expect(counts.matching).toBe(all.length);
    },
  );

  it('jumps by offset to the same rows the cursor reaches', async () => {
    const flags = await seed(db, 120);
    const jumped = await queuePage(db, { status: 'confirmed' }, { offset: 20, limit: 10 });
    expect(jumped.rows.map((r) => r.id)).toEqual(
      expected(flags, { status: 'confirmed' }).slice(20, 30),
    );
  });
});

describe('queue counts and facets', () => {
  it('counts live flags of the filter and per status', async () => {
    const flags = await seed(db, 90);
    await db.flags.update(flags[0]!.id, { deleted: true });
    flags[0]!.deleted = true;
    const filter: QueueFilter = { policyId: 'counterfeit-goods', status: 'confirmed' };
    const counts = await queueCounts(db, filter);
    expect(counts.matching).toBe(expected(flags, filter).length);
    expect(counts.byStatus.suggested).toBe(
      expected(flags, { policyId: 'counterfeit-goods', status: 'suggested' }).length,
    );
    expect((await queueCounts(db, {})).matching).toBe(89);
  });

  it('lists the policies and creators that have flags', async () => {
    await seed(db, 20);
    const facets = await queueFacets(db);
    expect(facets.policyIds).toEqual([
      'counterfeit-goods',
      'off-platform-diversion',
      'price-anomaly',
    ]);
    expect(facets.creatorKeys).toHaveLength(7);
  });
});
