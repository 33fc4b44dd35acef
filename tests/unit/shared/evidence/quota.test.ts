import { afterEach, describe, expect, it } from 'vitest';
import { FlagpostDb } from '@/lib/background/store/db';
import { evidenceUsage, putEvidence } from '@/lib/background/store/evidence-repo';
import { checkQuota, formatMb, MB } from '@/lib/shared/evidence/quota';

describe('checkQuota', () => {
  it('allows up to the quota exactly and refuses beyond it', () => {
    expect(checkQuota(MB, MB, 2)).toEqual({ ok: true });
    expect(checkQuota(MB, MB + 1, 2)).toEqual({ ok: false, usedBytes: MB, quotaBytes: 2 * MB });
  });
  it('formats megabytes with one decimal', () => {
    expect(formatMb(1.25 * MB)).toBe('1.3 MB');
  });
});

let db: FlagpostDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

const row = (sha256: string, size: number) => ({
  sha256,
  createdAt: '2026-11-22T03:00:00.000Z',
  mimeType: 'image/png',
  bytes: new Blob([new Uint8Array(size)], { type: 'image/png' }),
  size,
});

describe('putEvidence', () => {
  it('keeps an image once by its hash and refuses a new one over the quota', async () => {
    db = new FlagpostDb(`evidence-${Math.random()}`);
    const allow = (size: number) => (used: number) => checkQuota(used, size, 1).ok;
    expect(await putEvidence(db, row('a'.repeat(64), 600_000), allow(600_000))).toBe('stored');
    expect(await putEvidence(db, row('a'.repeat(64), 600_000), allow(600_000))).toBe('existing');
    expect(await putEvidence(db, row('b'.repeat(64), 600_000), allow(600_000))).toBe('refused');
    expect(await putEvidence(db, row('c'.repeat(64), 400_000), allow(400_000))).toBe('stored');
    expect(await evidenceUsage(db)).toEqual({ count: 2, usedBytes: 1_000_000 });
  });
});
