import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyBulkAction,
  BulkTooLargeError,
  lastUndo,
  MAX_BULK_FLAGS,
  noteWithReason,
  undoLastBulkAction,
} from '@/lib/background/store/bulk-actions';
import { FlagpostDb } from '@/lib/background/store/db';
import { editFlag } from '@/lib/background/store/flags-repo';
import { flagsWithSync, seed } from './seed';

let db: FlagpostDb;
let tick = 0;
const author = {
  reviewer: 'alice',
  clock: () => new Date(Date.UTC(2026, 11, 1, 8, 0, tick++)).toISOString(),
};

beforeEach(async () => {
  db = new FlagpostDb(`flagpost-bulk-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('bulk actions', () => {
  it('confirms the selected flags as new revisions, queues them, keeps the reason', async () => {
    const flags = await seed(db, 9); // statuses cycle suggested, confirmed, dismissed
    const ids = flags.map((f) => f.id);
    const result = await applyBulkAction(db, { ids }, 'confirm', 'seller is known', author);
    expect(result.affected).toBe(6); // the 3 already confirmed are left as they were
    const after = await flagsWithSync(db, ids);
    for (const [i, flag] of after.entries()) {
      expect(flag?.status).toBe('confirmed');
      const changed = flags[i]!.status !== 'confirmed';
      expect(flag?.revision).toBe(changed ? 2 : 1);
      if (changed) {
        expect(flag?.syncState).toBe('pending');
        expect(flag?.note).toBe('[bulk confirm] seller is known');
      }
    }
    expect(await db.outbox.count()).toBe(6);
    const undo = await lastUndo(db);
    expect(undo).toMatchObject({ action: 'confirm', reason: 'seller is known', count: 6 });
  });

  it('deletes every flag matching a filter as tombstones', async () => {
    const flags = await seed(db, 30);
    const result = await applyBulkAction(
      db,
      { filter: { policyId: 'price-anomaly' } },
      'delete',
      'duplicates',
      author,
    );
    const expectedIds = flags.filter((f) => f.policyId === 'price-anomaly').map((f) => f.id);
    expect(result.affected).toBe(expectedIds.length);
    const deleted = await db.flags.filter((f) => f.deleted).primaryKeys();
    expect(deleted.sort()).toEqual(expectedIds.sort());
  });

  it('undo restores the earlier state as new revisions and queues them', async () => {
    const flags = await seed(db, 6);
    const ids = flags.map((f) => f.id);
    await applyBulkAction(db, { ids }, 'delete', 'mistake', author);
    await db.outbox.clear(); // as if sync had delivered the tombstones
    const undone = await undoLastBulkAction(db, author);
    expect(undone).toEqual({ action: 'delete', restored: 6, skipped: 0 });
    const after = await flagsWithSync(db, ids);
    for (const [i, flag] of after.entries()) {
      expect(flag).toMatchObject({
        deleted: false,
        revision: 3,
        status: flags[i]!.status,
        note: '',
        syncState: 'pending',
      });
    }
    expect(await db.outbox.count()).toBe(6);
    expect(await lastUndo(db)).toBeUndefined();
    expect(await undoLastBulkAction(db, author)).toBeUndefined();
  });

  it('undo leaves alone a flag changed again after the action', async () => {
    const flags = await seed(db, 3);
    await applyBulkAction(db, { ids: flags.map((f) => f.id) }, 'dismiss', 'noise', author);
    await editFlag(db, flags[0]!.id, { status: 'confirmed' }, author);
    expect(await undoLastBulkAction(db, author)).toMatchObject({ restored: 1, skipped: 1 });
    expect((await db.flags.get(flags[0]!.id))?.status).toBe('confirmed');
  });

  it('only the last action can be undone', async () => {
    const flags = await seed(db, 3);
    await applyBulkAction(db, { ids: [flags[0]!.id] }, 'dismiss', 'first', author);
    await applyBulkAction(db, { ids: [flags[1]!.id] }, 'dismiss', 'second', author);
    expect(await db.undo.count()).toBe(1);
    expect((await lastUndo(db))?.reason).toBe('second');
  });

  it('sync now queues rejected and discarded flags again without a new revision', async () => {
    const flags = await seed(db, 20); // flags 9 and 19 are rejected
    await db.syncStates.update(`flag:${flags[0]!.id}`, { syncState: 'discarded' });
    const result = await applyBulkAction(
      db,
      { ids: flags.map((f) => f.id) },
      'sync',
      'endpoint fixed',
      author,
    );
    expect(result).toEqual({ affected: 3 });
    expect(await db.outbox.count()).toBe(3);
    expect((await db.flags.get(flags[9]!.id))?.revision).toBe(1);
    const requeued = await flagsWithSync(db, [flags[0]!.id, flags[9]!.id, flags[19]!.id]);
    expect(requeued.map((flag) => flag?.syncState)).toEqual(['pending', 'pending', 'pending']);
    expect(await db.syncStates.where('syncState').equals('rejected').count()).toBe(0);
    expect(await lastUndo(db)).toBeUndefined();
  });

  // The real limit: 20,001 flags and their sync rows go in as two bulk writes in one
  // transaction (seed.ts), not one write each, and the refusal reads them once: about 7 s on
  // two cores at a load average of 10. The timeout leaves room for a machine far slower.
  it('refuses more flags than one action may take, writing nothing', async () => {
    await seed(db, MAX_BULK_FLAGS + 1);
    const refused = applyBulkAction(db, { filter: {} }, 'confirm', 'all', author);
    await expect(refused).rejects.toThrow(BulkTooLargeError);
    await expect(refused).rejects.toThrow(`${MAX_BULK_FLAGS + 1} flags selected`);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.undo.count()).toBe(0);
    expect(await db.flags.filter((flag) => flag.revision > 1).count()).toBe(0);
  }, 180_000);

  it('moves the confirm/dismiss counts of automatic rules, and undo moves them back', async () => {
    const flags = (await seed(db, 4)).map((f) => ({ ...f, source: 'auto' as const, ruleId: 'r1' }));
    await db.flags.bulkPut(flags.map((f) => ({ ...f, status: 'suggested' as const })));
    await applyBulkAction(db, { ids: flags.map((f) => f.id) }, 'confirm', 'checked', author);
    const key = `${flags[0]!.policyId}:r1`;
    expect((await db.ruleStats.get(key))?.confirmed).toBeGreaterThan(0);
    await undoLastBulkAction(db, author);
    expect((await db.ruleStats.toArray()).every((r) => r.confirmed === 0)).toBe(true);
  });

  it('keeps the reason when the note is already at its limit', () => {
    const note = noteWithReason('x'.repeat(5000), 'dismiss', 'spam');
    expect(note).toHaveLength(5000);
    expect(note.endsWith('\n[bulk dismiss] spam')).toBe(true);
  });
});
