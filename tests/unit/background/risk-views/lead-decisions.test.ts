/** A lead's decision on an escalated flag settles what it weighs in the creator's score. */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRemote, escalateNewFlag } from '@/lib/background/escalation/escalations-repo';
import { creatorHistoryView } from '@/lib/background/risk-views/creator-view';
import { FlagpostDb } from '@/lib/background/store/db';
import { createFlag, type NewFlag } from '@/lib/background/store/flags-repo';
import type { Escalation } from '@/lib/shared/protocol/escalations';
import { ITEM } from '../store/samples';

let db: FlagpostDb;
const author = { reviewer: 'alice', clock: () => new Date().toISOString() };
const creator = { platform: ITEM.platform, creatorId: ITEM.creatorId as string };
const critical: NewFlag = {
  item: ITEM,
  policyId: 'minor-safety',
  policyVersion: '2.0.0',
  severity: 'critical',
  source: 'manual',
  status: 'confirmed',
};

beforeEach(async () => {
  db = new FlagpostDb(`flagpost-lead-decisions-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** The endpoint's view of the escalation once a lead resolved it. */
function resolved(id: string, flagId: string, decision: string): Escalation {
  const at = new Date().toISOString();
  return {
    id,
    flagId,
    reviewer: 'alice',
    category: 'child_safety',
    reason: 'r',
    item: ITEM,
    evidence: [],
    createdAt: at,
    state: 'resolved',
    receivedAt: at,
    acknowledgeDueAt: at,
    resolveDueAt: at,
    acknowledgedBy: 'lead-lin',
    acknowledgedAt: at,
    resolvedBy: 'lead-lin',
    resolvedAt: at,
    outcome: { decision, note: '' } as Escalation['outcome'],
  };
}

describe('lead decisions in the score', () => {
  it('drops a flag a lead found no violation in, and keeps the others', async () => {
    const other = await createFlag(db, { ...critical, policyId: 'weapons' }, author);
    const { flag, escalation } = await escalateNewFlag(
      db,
      critical,
      { category: 'child_safety', reason: 'A minor is asked for photos.' },
      author,
    );
    const before = await creatorHistoryView(db, creator, Date.now(), { state: 'cached' });
    expect(before.explanation.map((c) => c.flagId).sort()).toEqual([flag.id, other.id].sort());

    await applyRemote(db, resolved(escalation.id, flag.id, 'no_violation'));
    const after = await creatorHistoryView(db, creator, Date.now(), { state: 'cached' });
    expect(after.explanation.map((c) => c.flagId)).toEqual([other.id]);
    expect(after.summary.score).toBeLessThan(before.summary.score);
  });
});
