import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlagpostDb, type StoredFlag, type WithSync } from '@/lib/background/store/db';
import {
  matchesFilter,
  matchingFlags,
  newestFirst,
  type QueueFilter,
  queueCounts,
  queueFacets,
  queuePage,
} from '@/lib/background/store/queue-repo';
import { syncKey, withoutSync } from '@/lib/background/store/sync-transitions';
import { localDayOf } from '@/lib/shared/local-day';
import { newUlid } from '@/lib/shared/protocol/ids';
import { seed, seededFlag } from './seed';

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

describe('the day filter', () => {
  it('pages, counts and bulk-matches only the flags created on one local day', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Ho_Chi_Minh'; // UTC+7: local days cut UTC days at 17:00
    try {
      // One flag every 5 hours from 1 Nov 2026 00:00 UTC: several per local day.
      const flags = Array.from({ length: 40 }, (_, i) => {
        const at = new Date(Date.UTC(2026, 10, 1) + i * 5 * 3_600_000).toISOString();
        const flag = seededFlag(i);
        return { ...flag, id: newUlid(Date.parse(at)), createdAt: at, updatedAt: at };
      });
      await db.transaction('rw', db.flags, db.syncStates, async () => {
        await db.flags.bulkAdd(flags.map(withoutSync));
        await db.syncStates.bulkAdd(
          flags.map(({ id, createdAt, revision, syncState }) => ({
            key: syncKey('flag', id),
            type: 'flag' as const,
            id,
            createdAt,
            revision,
            syncState,
          })),
        );
      });
      const onDay = flags
        .filter((f) => localDayOf(f.createdAt) === '2026-11-03')
        .sort(newestFirst)
        .map((f) => f.id);
      // 2 Nov 21:00 UTC to 3 Nov 12:00 UTC: the local day starts on the UTC day before.
      expect(onDay.length).toBe(4);
      expect(flags.find((f) => f.id === onDay.at(-1))?.createdAt).toBe('2026-11-02T21:00:00.000Z');
      expect(await walk({ day: '2026-11-03' }, 2)).toEqual(onDay);
      expect((await queueCounts(db, { day: '2026-11-03' })).matching).toBe(4);
      const ids = (await matchingFlags(db, { day: '2026-11-03' })).map((f) => f.id).sort();
      expect(ids).toEqual([...onDay].sort());
      // 1 Nov 00:00 UTC is 07:00 local: nothing was created on the local 31 October.
      expect(await walk({ day: '2026-10-31' }, 5)).toEqual([]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
