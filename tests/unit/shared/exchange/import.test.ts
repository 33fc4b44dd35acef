import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlagpostDb } from '@/lib/background/store/db';
import {
  type ExportKind,
  exportPage,
  importFile,
  importRecords,
} from '@/lib/background/store/exchange-repo';
import { writeCsvExport } from '@/lib/shared/exchange/csv-write';
import type { ExportData } from '@/lib/shared/exchange/envelope';
import { writeJsonExport } from '@/lib/shared/exchange/json-format';
import { contentKey } from '@/lib/shared/exchange/merge';
import { sampleFlag } from '../../background/store/samples';
import { propertyRuns } from '../../property-runs';
import { exportDataArb } from './arbitraries';

const NOW = '2026-11-20T10:00:00.000Z';
const ME = { reviewer: 'alice', now: NOW };

async function freshDb() {
  const db = new FlagpostDb(`exchange-${randomUUID()}`);
  await db.open();
  return db;
}

async function exportAll(db: FlagpostDb): Promise<ExportData> {
  const all = async (kind: ExportKind) => {
    const records: unknown[] = [];
    let after = '';
    for (;;) {
      const page = await exportPage(db, kind, after, 3); // tiny pages: exercise paging
      records.push(...page.records);
      if (!page.next) return records;
      after = page.next;
    }
  };
  return {
    flags: (await all('flags')) as ExportData['flags'],
    notes: (await all('notes')) as ExportData['notes'],
    creators: (await all('creators')) as ExportData['creators'],
  };
}

/** Everything in the database, for "nothing changed" comparisons. */
async function snapshot(db: FlagpostDb) {
  const [flags, notes, creators, outbox] = await Promise.all([
    db.flags.toArray(),
    db.notes.toArray(),
    db.creators.toArray(),
    db.outbox.toArray(),
  ]);
  return JSON.stringify({ flags, notes, creators, outbox });
}

const sorted = (keys: string[]) => [...keys].sort();
const sameRecords = (a: ExportData, b: ExportData) => {
  for (const list of ['flags', 'notes', 'creators'] as const)
    expect(sorted(b[list].map(contentKey))).toEqual(sorted(a[list].map(contentKey)));
};

describe('import', () => {
  it('export -> import into an empty store reproduces the store; importing twice changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(exportDataArb, fc.boolean(), async (data, asCsv) => {
        const source = await freshDb();
        await importRecords(source, data, ME);
        const exported = await exportAll(source);
        // A creator without a sighting time gets the import's (the store always has one).
        const creators = data.creators.map((c) => ({ ...c, lastSeenAt: c.lastSeenAt ?? NOW }));
        sameRecords({ ...data, creators }, exported);
        const text = asCsv ? writeCsvExport(exported) : writeJsonExport(exported, NOW);

        const target = await freshDb();
        const first = await importFile(target, text, ME);
        expect(first.status).toBe('imported');
        sameRecords(exported, await exportAll(target));

        const before = await snapshot(target);
        const second = await importFile(target, text, ME);
        if (second.status !== 'imported') throw new Error('refused');
        expect(second.report.conflicts).toEqual([]);
        for (const list of ['flags', 'notes', 'creators'] as const)
          expect(second.report[list].unchanged).toBe(exported[list].length);
        expect(await snapshot(target)).toBe(before);
        source.close();
        target.close();
      }),
      { numRuns: propertyRuns(25) },
    );
  });

  it("queues this reviewer's records and keeps anyone else's on this device only", async () => {
    const db = await freshDb();
    const mine = { ...sampleFlag(), reviewer: 'alice' };
    const theirs = { ...sampleFlag(), reviewer: 'bob' };
    const result = await importRecords(db, { flags: [mine, theirs], notes: [], creators: [] }, ME);
    expect(result).toMatchObject({ queued: 1, localOnly: 1 });
    expect((await db.syncStates.get(`flag:${mine.id}`))?.syncState).toBe('pending');
    expect((await db.syncStates.get(`flag:${theirs.id}`))?.syncState).toBe('discarded');
    expect(await db.outbox.toCollection().primaryKeys()).toEqual([`flag:${mine.id}`]);

    const noId = await freshDb();
    const anonymous = await importRecords(
      noId,
      { flags: [mine], notes: [], creators: [] },
      {
        reviewer: undefined,
        now: NOW,
      },
    );
    expect(anonymous).toMatchObject({ queued: 0, localOnly: 1 });
    expect(await noId.outbox.count()).toBe(0);
  });

  it('higher revision wins, lower is ignored, equal but different is a conflict that changes nothing', async () => {
    const db = await freshDb();
    const flag = { ...sampleFlag(), reviewer: 'alice', revision: 2, note: 'ours' };
    await importRecords(db, { flags: [flag], notes: [], creators: [] }, ME);
    const at = (revision: number, note: string) => ({ ...flag, revision, note });
    const merge = (revision: number, note: string) =>
      importRecords(db, { flags: [at(revision, note)], notes: [], creators: [] }, ME);

    expect((await merge(1, 'older')).flags.older).toBe(1);
    const conflict = await merge(2, 'theirs');
    expect(conflict.flags.conflict).toBe(1);
    expect(conflict.conflicts).toEqual([{ type: 'flag', id: flag.id, revision: 2 }]);
    expect((await db.flags.get(flag.id))?.note).toBe('ours');
    expect((await merge(3, 'newer')).flags.updated).toBe(1);
    expect(await db.flags.get(flag.id)).toMatchObject({ revision: 3, note: 'newer' });
    expect(await db.syncStates.get(`flag:${flag.id}`)).toMatchObject({
      revision: 3,
      syncState: 'pending',
    });
  });

  it('a bad file changes nothing, even when most of it is fine', async () => {
    const db = await freshDb();
    await importRecords(db, { flags: [sampleFlag()], notes: [], creators: [] }, ME);
    const before = await snapshot(db);
    const good = { ...sampleFlag(), reviewer: 'alice' };
    const bad = { ...sampleFlag(), severity: 'extreme' };
    const text = JSON.stringify({
      format: 'flagpost-export',
      version: 1,
      exportedAt: NOW,
      flags: [good, bad],
      notes: [],
      creators: [],
    });
    const result = await importFile(db, text, ME);
    expect(result).toEqual({
      status: 'invalid',
      problems: [expect.objectContaining({ where: '$.flags[1].severity' })],
    });
    expect(await snapshot(db)).toBe(before);
  });

  it("moves the rules' decision counts (their precision) as flag writes do, once per standing decision", async () => {
    const db = await freshDb();
    const auto = (status: 'suggested' | 'confirmed' | 'dismissed', ruleId = 'r1') => ({
      ...sampleFlag(),
      source: 'auto' as const,
      ruleId,
      policyId: 'counterfeit-goods',
      status,
    });
    const confirmed = auto('confirmed');
    const dismissed = auto('dismissed');
    const suggested = auto('suggested');
    const other = auto('confirmed', 'r2');
    /** The counts, and what a full recount of the standing decisions in the store says. */
    const counts = async () => {
      const rows = await db.ruleStats.toArray();
      const recount: Record<string, { confirmed: number; dismissed: number }> = {};
      for (const flag of await db.flags.toArray()) {
        if (flag.source !== 'auto' || !flag.ruleId || flag.deleted) continue;
        if (flag.status !== 'confirmed' && flag.status !== 'dismissed') continue;
        const key = `${flag.policyId}:${flag.ruleId}`;
        recount[key] ??= { confirmed: 0, dismissed: 0 };
        recount[key][flag.status] += 1;
      }
      const stored = Object.fromEntries(
        rows
          .filter((r) => r.confirmed + r.dismissed > 0)
          .map((r) => [r.ruleKey, { confirmed: r.confirmed, dismissed: r.dismissed }]),
      );
      expect(stored).toEqual(recount);
      return stored;
    };
    const data = { flags: [confirmed, dismissed, suggested, other], notes: [], creators: [] };
    await importRecords(db, data, ME);
    expect(await counts()).toEqual({
      'counterfeit-goods:r1': { confirmed: 1, dismissed: 1 },
      'counterfeit-goods:r2': { confirmed: 1, dismissed: 0 },
    });
    // The same file again: nothing is added, nothing counted twice.
    await importRecords(db, data, ME);
    expect((await counts())['counterfeit-goods:r1']).toEqual({ confirmed: 1, dismissed: 1 });
    // Newer revisions: the dismissal reversed, the suggestion confirmed, a confirmation
    // withdrawn (tombstone), all in one file.
    const newer = {
      flags: [
        { ...dismissed, revision: 2, status: 'confirmed' as const },
        { ...suggested, revision: 2, status: 'confirmed' as const },
        { ...other, revision: 2, deleted: true },
      ],
      notes: [],
      creators: [],
    };
    await importRecords(db, newer, ME);
    expect(await counts()).toEqual({ 'counterfeit-goods:r1': { confirmed: 3, dismissed: 0 } });
  });
});
