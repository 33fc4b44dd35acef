/** The local evidence store: snapshot images keyed by their SHA-256 (kept once each). */
import type { EvidenceRow, FlagpostDb } from './db';

/** Bytes held by all stored snapshots. */
export async function evidenceUsage(db: FlagpostDb): Promise<{ count: number; usedBytes: number }> {
  let usedBytes = 0;
  let count = 0;
  await db.evidence.each((row) => {
    usedBytes += row.size;
    count += 1;
  });
  return { count, usedBytes };
}

/**
 * Stores an image unless one with the same hash is already there. `allow` runs inside the
 * transaction with the current usage, so two captures at once cannot both squeeze past
 * the quota; it returns false to refuse. Answers whether the image is (now) stored.
 */
export async function putEvidence(
  db: FlagpostDb,
  row: EvidenceRow,
  allow: (usedBytes: number) => boolean,
): Promise<'stored' | 'existing' | 'refused'> {
  return db.transaction('rw', db.evidence, async () => {
    if (await db.evidence.get(row.sha256)) return 'existing';
    const { usedBytes } = await evidenceUsage(db);
    if (!allow(usedBytes)) return 'refused';
    await db.evidence.add(row);
    return 'stored';
  });
}

export const getEvidence = (db: FlagpostDb, sha256: string) => db.evidence.get(sha256);
