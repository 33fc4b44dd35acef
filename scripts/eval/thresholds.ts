/**
 * The floors CI holds the starter pack to on the corpus (tests/fixtures/corpus/thresholds.json).
 * Raise them when the pack gets better; they never go down without a reason in the commit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CORPUS_DIR } from './corpus';
import { innocentFlagRate, precision, recall, type Tally } from './score';

const floorSchema = z.strictObject({
  /** Violations caught with the expected policy, at least. */
  recall: z.number().min(0).max(1),
  /** Findings that name the right policy of a violation, at least. */
  precision: z.number().min(0).max(1),
  /** Innocent look-alikes with any finding, at most. */
  innocentFlagRate: z.number().min(0).max(1),
});
export const thresholdsSchema = z.strictObject({ dev: floorSchema, test: floorSchema });
export type Thresholds = z.infer<typeof thresholdsSchema>;

export function readThresholds(dir = CORPUS_DIR): Thresholds {
  return thresholdsSchema.parse(JSON.parse(readFileSync(join(dir, 'thresholds.json'), 'utf8')));
}

/** What falls short of the floor, in words; empty when all is well. */
export function shortfalls(split: string, tally: Tally, floor: z.infer<typeof floorSchema>) {
  const out: string[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (recall(tally) < floor.recall)
    out.push(`${split}: recall ${pct(recall(tally))} is below the floor ${pct(floor.recall)}`);
  if (precision(tally) < floor.precision)
    out.push(
      `${split}: precision ${pct(precision(tally))} is below the floor ${pct(floor.precision)}`,
    );
  if (innocentFlagRate(tally) > floor.innocentFlagRate)
    out.push(
      `${split}: ${pct(innocentFlagRate(tally))} of innocent look-alikes flagged, above the ceiling ${pct(floor.innocentFlagRate)}`,
    );
  return out;
}
