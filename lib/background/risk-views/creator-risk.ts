/** Risk summaries for many creators at once (the chips of a feed), from local + cached data. */

import type { FlagpostDb } from '@/lib/background/store/db';
import type { CreatorRiskView } from '@/lib/messaging/risk-messages';
import type { CreatorRef } from '@/lib/shared/protocol/history';
import { creatorKey } from '@/lib/shared/protocol/records';
import { summarizeRisk } from '@/lib/shared/risk';
import { loadCreatorRecords, precisionFor } from './creator-records';

/** One answer per distinct creator, in the order first asked. */
export async function creatorRisks(
  db: FlagpostDb,
  refs: readonly CreatorRef[],
  now: number,
): Promise<CreatorRiskView[]> {
  const distinct = new Map<string, CreatorRef>();
  for (const ref of refs) if (!distinct.has(creatorKey(ref))) distinct.set(creatorKey(ref), ref);
  const records = await loadCreatorRecords(db, [...distinct.keys()], { notes: false });
  const precision = await precisionFor(
    db,
    [...records.values()].flatMap((r) => r.flags),
  );
  return [...distinct].map(([key, ref]) => {
    const found = records.get(key);
    const flags = (found?.flags ?? []).map((entry) => entry.record);
    return {
      platform: ref.platform,
      creatorId: ref.creatorId,
      ...summarizeRisk(flags, now, precision),
      ...(found?.fetchedAt ? { historyFetchedAt: found.fetchedAt } : {}),
      // Neither a record here nor a fetched history: the score would be a made-up 0.
      ...(flags.length === 0 && !found?.fetchedAt ? { state: 'unknown' as const } : {}),
    };
  });
}
