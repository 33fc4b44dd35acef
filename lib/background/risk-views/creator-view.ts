/**
 * The creator panel's whole view: the merged timeline (flags, notes, enforcement actions,
 * each marked local or remote), the score with the flags that make it up, the risk over
 * time for a small chart, and how old the endpoint's part is.
 */

import type { FlagpostDb } from '@/lib/background/store/db';
import type {
  ContributionView,
  CreatorHistoryView,
  RemoteHistoryState,
  TimelineEntry,
} from '@/lib/messaging/risk-messages';
import type { CreatorRef } from '@/lib/shared/protocol/history';
import { creatorKey, type Flag, type Note } from '@/lib/shared/protocol/records';
import { riskScore, riskSeries, type Sourced, summarizeRisk } from '@/lib/shared/risk';
import { loadCreatorRecords, precisionFor } from './creator-records';

/** Enough for any real creator; the panel says how many older entries were left out. */
export const MAX_TIMELINE_ENTRIES = 1000;
const MAX_EXPLAINED = 100;

const flagEntry = ({ record: f, source }: Sourced<Flag>): TimelineEntry => ({
  kind: 'flag',
  id: f.id,
  at: f.createdAt,
  source,
  reviewer: f.reviewer,
  policyId: f.policyId,
  ...(f.ruleId ? { ruleId: f.ruleId } : {}),
  severity: f.severity,
  status: f.status,
  flagSource: f.source,
  itemId: f.item.itemId,
  itemUrl: f.item.url,
  ...(f.item.title ? { itemTitle: f.item.title } : {}),
  note: f.note,
});

const noteEntry = ({ record: n, source }: Sourced<Note>): TimelineEntry => ({
  kind: 'note',
  id: n.id,
  at: n.createdAt,
  source,
  reviewer: n.reviewer,
  about: n.target.type,
  ...(n.target.type === 'item'
    ? {
        itemId: n.target.item.itemId,
        itemUrl: n.target.item.url,
        ...(n.target.item.title ? { itemTitle: n.target.item.title } : {}),
      }
    : {}),
  text: n.text,
  editable: source === 'local' && n.target.type === 'creator',
});

export async function creatorHistoryView(
  db: FlagpostDb,
  ref: CreatorRef,
  now: number,
  remote: Omit<RemoteHistoryState, 'fetchedAt' | 'ageMs'>,
): Promise<CreatorHistoryView> {
  const key = creatorKey(ref);
  const [records, known] = await Promise.all([
    loadCreatorRecords(db, [key], { notes: true }),
    db.creators.get(key),
  ]);
  const found = records.get(key) ?? { flags: [], notes: [], enforcementActions: [] };
  const precision = await precisionFor(db, found.flags);
  const flags = found.flags.map((entry) => entry.record);
  const scored = riskScore(flags, now, precision);
  const byId = new Map(found.flags.map((entry) => [entry.record.id, entry]));

  const explanation: ContributionView[] = scored.contributions
    .slice(0, MAX_EXPLAINED)
    .flatMap((c) => {
      const entry = byId.get(c.flagId);
      if (!entry) return [];
      const f = entry.record;
      return [
        {
          flagId: f.id,
          policyId: f.policyId,
          ...(f.ruleId ? { ruleId: f.ruleId } : {}),
          severity: f.severity,
          status: f.status,
          source: entry.source,
          reviewer: f.reviewer,
          createdAt: f.createdAt,
          confidence: c.confidence,
          decay: c.decay,
          points: c.points,
          share: scored.points > 0 ? Math.min(1, c.points / scored.points) : 0,
        },
      ];
    });

  const timeline = [
    ...found.flags.map(flagEntry),
    ...found.notes.map(noteEntry),
    ...found.enforcementActions.map(
      (a): TimelineEntry => ({
        kind: 'enforcement',
        id: a.id,
        at: a.at,
        action: a.action,
        reason: a.reason,
      }),
    ),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));

  const fetchedAt = found.fetchedAt;
  return {
    creator: {
      platform: ref.platform,
      creatorId: ref.creatorId,
      ...(known?.handle ? { handle: known.handle } : {}),
      ...(known?.displayName ? { displayName: known.displayName } : {}),
    },
    summary: summarizeRisk(flags, now, precision),
    explanation,
    timeline: timeline.slice(0, MAX_TIMELINE_ENTRIES),
    omitted: Math.max(0, timeline.length - MAX_TIMELINE_ENTRIES),
    series: riskSeries(flags, now, precision).map((p) => ({
      at: new Date(p.at).toISOString(),
      score: p.score,
    })),
    remote: {
      ...remote,
      ...(fetchedAt
        ? { fetchedAt, ageMs: Math.max(0, Math.round(now - Date.parse(fetchedAt))) }
        : {}),
    },
  };
}
