/** Flags written straight into a test database, spread over policies, markets and creators. */

import type { FlagpostDb, StoredFlag, WithSync } from '@/lib/background/store/db';
import { syncKey, withoutSync, withSync } from '@/lib/background/store/sync-transitions';
import { newUlid } from '@/lib/shared/protocol/ids';
import { MARKETS, SEVERITIES } from '@/lib/shared/protocol/records';

export const POLICIES = ['counterfeit-goods', 'off-platform-diversion', 'price-anomaly'] as const;
const STATUSES = ['suggested', 'confirmed', 'dismissed'] as const;

/** Flag i: created at second i (several share a millisecond when `sameTimeEvery` > 1). */
export function seededFlag(i: number, sameTimeEvery = 1): WithSync<StoredFlag> {
  const createdAt = new Date(
    Date.UTC(2026, 10, 1) + Math.floor(i / sameTimeEvery) * 1000,
  ).toISOString();
  const creatorId = `seller${i % 7}`;
  return {
    id: newUlid(Date.parse(createdAt)),
    revision: 1,
    reviewer: 'alice',
    createdAt,
    updatedAt: createdAt,
    deleted: false,
    item: {
      platform: 'shopvid',
      kind: 'video',
      itemId: String(1000 + i),
      url: `https://shop.example/v/${1000 + i}`,
      creatorId,
      market: MARKETS[i % MARKETS.length],
    },
    policyId: POLICIES[i % POLICIES.length] ?? 'other',
    policyVersion: 'manual-1',
    severity: SEVERITIES[i % SEVERITIES.length] ?? 'low',
    source: 'manual',
    status: STATUSES[i % STATUSES.length] ?? 'suggested',
    evidence: [],
    note: '',
    itemKey: `shopvid:${1000 + i}`,
    creatorKey: `shopvid:${creatorId}`,
    syncState: i % 10 === 9 ? 'rejected' : 'synced',
  };
}

/** The flags and their sync rows, as the repositories would have left them. */
export async function seed(db: FlagpostDb, count: number, sameTimeEvery = 1) {
  const flags = Array.from({ length: count }, (_, i) => seededFlag(i, sameTimeEvery));
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
  return flags;
}

/** The flags with these ids joined with their sync state (undefined where absent). */
export async function flagsWithSync(db: FlagpostDb, ids: readonly string[]) {
  const [flags, rows] = await Promise.all([
    db.flags.bulkGet([...ids]),
    db.syncStates.bulkGet(ids.map((id) => syncKey('flag', id))),
  ]);
  return flags.map((flag, i) => (flag ? withSync(flag, rows[i]) : undefined));
}
