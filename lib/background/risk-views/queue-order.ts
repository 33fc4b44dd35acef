/**
 * The queue in a sorted order (priority, severity or creator risk), which no index holds:
 * the filter's flags are read once, each creator's risk is scored once (local flags and the
 * cached endpoint history, as the chips score it), and the order is kept as a list of ids
 * with each row's rank. The panel pages through that list by position, so the order stays
 * put while the reviewer decides flags (a decision changes a flag's rank, not its place).
 */
import type { FlagpostDb } from '@/lib/background/store/db';
import { matchingFlags, type QueueFilter } from '@/lib/background/store/queue-repo';
import type { QueueRankView } from '@/lib/messaging/workspace-messages';
import type { CreatorRef } from '@/lib/shared/protocol/history';
import {
  compareFor,
  priorityOf,
  type QueueSort,
  type Ranked,
} from '@/lib/shared/risk/queue-priority';
import { creatorRisks } from './creator-risk';

export interface QueueOrder {
  ids: string[];
  ranks: Map<string, QueueRankView>;
}

export async function queueOrder(
  db: FlagpostDb,
  filter: QueueFilter,
  sort: Exclude<QueueSort, 'newest'>,
  now: number,
): Promise<QueueOrder> {
  const flags = await matchingFlags(db, filter);
  const refs = new Map<string, CreatorRef>();
  for (const flag of flags)
    if (flag.creatorKey && flag.item.creatorId && !refs.has(flag.creatorKey))
      refs.set(flag.creatorKey, { platform: flag.item.platform, creatorId: flag.item.creatorId });
  type Risk = NonNullable<QueueRankView['risk']>;
  const risks = new Map<string, Risk>();
  const keys = [...refs.keys()];
  (await creatorRisks(db, [...refs.values()], now)).forEach((answer, i) => {
    const key = keys[i];
    if (key !== undefined) risks.set(key, { score: answer.score, band: answer.band });
  });
  const ranked = flags.map((flag) => {
    const risk = risks.get(flag.creatorKey);
    const entry: Ranked & { creatorRisk?: Risk } = {
      id: flag.id,
      status: flag.status,
      severity: flag.severity,
      createdAt: flag.createdAt,
      risk: risk?.score,
    };
    if (risk) entry.creatorRisk = risk;
    return entry;
  });
  ranked.sort(compareFor(sort, now));
  const ranks = new Map<string, QueueRankView>();
  for (const flag of ranked) {
    const { creatorRisk } = flag;
    ranks.set(flag.id, { ...priorityOf(flag, now), ...(creatorRisk ? { risk: creatorRisk } : {}) });
  }
  return { ids: ranked.map((flag) => flag.id), ranks };
}
