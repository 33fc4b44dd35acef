/**
 * Quarantine in the store: a record the endpoint failed on alone is set aside once, then
 * quarantined (out of the outbox, rejected with the answer, marked); an edit while it was
 * being isolated, or a retry by the reviewer, gives it a fresh start.
 */
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlagpostDb } from '@/lib/background/store/db';
import { createFlag, editFlag, flagsForItem } from '@/lib/background/store/flags-repo';
import { queueRecords } from '@/lib/background/store/sync-states';
import { answeredRow, syncKey } from '@/lib/background/store/sync-transitions';
import { QUARANTINE_AFTER, strikeSuspects } from '@/lib/background/sync/quarantine';
import type { BatchItem } from '@/lib/shared/protocol/batch';
import { ITEM } from './samples';

let db: FlagpostDb;
const author = { reviewer: 'alice', clock: () => new Date().toISOString() };

beforeEach(async () => {
  db = new FlagpostDb(`flagpost-quarantine-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const newFlag = () =>
  createFlag(
    db,
    {
      item: ITEM,
      policyId: 'counterfeit-goods',
      policyVersion: 'manual-1',
      severity: 'high',
      source: 'manual',
      status: 'confirmed',
    },
    author,
  );

const suspect = (id: string, revision: number) => ({
  item: { type: 'flag', record: { id, revision } } as unknown as BatchItem,
  reason: 'HTTP 500: The endpoint failed; see its log.',
});

describe('quarantine', () => {
  it(`sets a record aside, then quarantines it at ${QUARANTINE_AFTER} runs`, async () => {
    const flag = await newFlag();
    const key = syncKey('flag', flag.id);
    for (let run = 1; run < QUARANTINE_AFTER; run++) {
      const struck = await strikeSuspects(db, [suspect(flag.id, 1)]);
      expect(struck).toEqual({ setAside: [key], quarantined: 0 });
      expect(await db.outbox.get(key)).toMatchObject({ attempts: run, lastError: /HTTP 500/ });
    }
    expect(await strikeSuspects(db, [suspect(flag.id, 1)])).toEqual({
      setAside: [],
      quarantined: 1,
    });
    expect(await db.outbox.get(key)).toBeUndefined();
    const row = await db.syncStates.get(key);
    expect(row).toMatchObject({ syncState: 'rejected', quarantined: true });
    expect(row?.syncError).toMatch(/^HTTP 500/);
    // Kept in the store, joined with its state for every view.
    const [shown] = await flagsForItem(db, flag.itemKey);
    expect(shown).toMatchObject({ id: flag.id, syncState: 'rejected', quarantined: true });

    // The reviewer retries it: queued afresh, the mark gone.
    await db.transaction('rw', db.syncStates, db.outbox, async () => {
      if (row) await queueRecords(db, 'flag', [row], author.clock());
    });
    expect(await db.syncStates.get(key)).not.toHaveProperty('quarantined');
    expect(await db.outbox.get(key)).toMatchObject({ attempts: 0 });
  });

  it('does not count a failure against a revision edited meanwhile', async () => {
    const flag = await newFlag();
    const key = syncKey('flag', flag.id);
    await strikeSuspects(db, [suspect(flag.id, 1)]);
    expect((await db.outbox.get(key))?.attempts).toBe(1);
    await editFlag(db, flag.id, { note: 'fixed' }, author);
    // The edit keeps the queue position and starts the count again...
    expect(await db.outbox.get(key)).toMatchObject({ attempts: 0 });
    // ...and a failure reported for revision 1 is not revision 2's.
    expect(await strikeSuspects(db, [suspect(flag.id, 1)])).toEqual({
      setAside: [],
      quarantined: 0,
    });
    expect((await db.syncStates.get(key))?.syncState).toBe('pending');
  });

  it("an endpoint's answer for the revision clears the mark", async () => {
    const flag = await newFlag();
    const key = syncKey('flag', flag.id);
    for (let run = 0; run < QUARANTINE_AFTER; run++)
      await strikeSuspects(db, [suspect(flag.id, 1)]);
    const row = await db.syncStates.get(key);
    if (!row) throw new Error('no row');
    const synced = answeredRow(row, { type: 'flag', id: flag.id, revision: 1, result: 'created' });
    expect(synced).toMatchObject({ syncState: 'synced', syncedRevision: 1 });
    expect(synced).not.toHaveProperty('quarantined');
    expect(synced).not.toHaveProperty('syncError');
  });
});
