/**
 * Rule precision from reviewers' decisions, on a real FlagpostDb (fake-indexeddb), through
 * the flag repository, which calls applyRuleDecision inside each flag write's transaction.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlagpostDb, type StoredFlag } from '@/lib/background/store/db';
import { createFlag, deleteFlag, editFlag, type NewFlag } from '@/lib/background/store/flags-repo';
import { applyRuleDecision, rulePrecisions } from '@/lib/background/store/rule-stats-repo';
import { ITEM } from '../../background/store/samples';

let db: FlagpostDb;
const author = { reviewer: 'alice', clock: () => new Date().toISOString() };
beforeEach(async () => {
  db = new FlagpostDb(`flagpost-rules-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const finding = (status: NewFlag['status'], ruleId = 'whatsapp'): NewFlag => ({
  item: ITEM,
  policyId: 'off-platform',
  policyVersion: '1',
  ruleId,
  severity: 'high',
  source: 'auto',
  status,
});

/** The repository applies the hook itself, inside the flag write's transaction. */
const tracked = (write: () => Promise<StoredFlag>, _id?: string) => write();

const counts = async (ruleId = 'whatsapp') =>
  (await rulePrecisions(db, [{ policyId: 'off-platform', ruleId }]))[0];

describe('rule precision from decisions', () => {
  it('counts decisions made at creation and changed later; withdrawal on delete', async () => {
    const a = await tracked(() => createFlag(db, finding('confirmed'), author));
    const b = await tracked(() => createFlag(db, finding('suggested'), author));
    await tracked(() => createFlag(db, finding('dismissed'), author));
    expect(await counts()).toMatchObject({ confirmed: 1, dismissed: 1, decisions: 2 });

    await tracked(() => editFlag(db, b.id, { status: 'dismissed' }, author), b.id);
    expect(await counts()).toMatchObject({ confirmed: 1, dismissed: 2 });
    await tracked(() => editFlag(db, a.id, { status: 'dismissed' }, author), a.id);
    expect(await counts()).toMatchObject({ confirmed: 0, dismissed: 3 });
    await tracked(() => editFlag(db, a.id, { note: 'same decision' }, author), a.id);
    expect(await counts()).toMatchObject({ confirmed: 0, dismissed: 3 });
    await tracked(() => deleteFlag(db, a.id, author), a.id);
    expect(await counts()).toMatchObject({ confirmed: 0, dismissed: 2 });
  });

  it('smooths: no decisions read as the prior, and few decisions move it only a little', async () => {
    expect(await counts('unknown-rule')).toMatchObject({ precision: 0.5, decisions: 0 });
    await tracked(() => createFlag(db, finding('dismissed'), author));
    const one = await counts();
    expect(one?.precision).toBeCloseTo(2 / 5);
  });

  it('ignores manual flags and findings without a rule', async () => {
    await tracked(() => createFlag(db, { ...finding('confirmed'), source: 'manual' }, author));
    const { ruleId: _none, ...noRule } = finding('confirmed');
    await tracked(() => createFlag(db, noRule, author));
    expect(await db.ruleStats.count()).toBe(0);
  });

  it('rolls back with the flag write when the transaction fails', async () => {
    await expect(
      db.transaction(
        'rw',
        [db.flags, db.outbox, db.syncStates, db.ruleStats, db.flagCounters],
        async () => {
          const flag = await createFlag(db, finding('confirmed'), author);
          await applyRuleDecision(db, undefined, flag);
          throw new Error('crash after both writes');
        },
      ),
    ).rejects.toThrow('crash');
    expect(await db.ruleStats.count()).toBe(0);
    expect(await db.flags.count()).toBe(0);
  });
});
