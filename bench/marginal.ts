/**
 * The overlay budget per card that comes near, at the margin: the same feed driven to two
 * depths (fewer and more scrolls) in the same rounds, and the difference in cost divided by
 * the difference in boxes made. What every page pays once (loading the script, starting the
 * page view, creating the overlay root) is in both depths and drops out; what each scroll
 * brings (the cards the page appends, scanned and watched, and the few that come near, read,
 * checked and drawn) stays. Pure: figures in, figures out, so it is unit tested.
 */
import { median } from './trace-tasks';

/** One round's figures at one depth, ms (any clock, the same for every field). */
export interface DepthSample {
  /** Overlay boxes made: one per card that came near. */
  boxes: number;
  /** Flagpost's own script calls. */
  ownMs: number;
  /** Main-thread time with Flagpost minus the page alone's, both at this depth. */
  addedMs: number;
}

export interface MarginalCost {
  /** Median over rounds of the boxes the deeper run made beyond the shallower one. */
  boxes: number;
  /** Δ(own script) / Δ(boxes), µs a card; NaN when the deeper runs made no more boxes. */
  ownUsPerBox: number;
  /** Δ(main-thread time added) / Δ(boxes), µs a card; NaN likewise. */
  addedUsPerBox: number;
  /** Each round's Δ(own script) and Δ(added), ms, to print beside the medians. */
  rounds: { boxes: number; ownMs: number; addedMs: number }[];
}

/**
 * `shallow[i]` and `deep[i]` are round i's runs (interleaved, so they share the machine's
 * load): each round's differences are taken first, then their medians, so a round where the
 * machine was busier moves both depths and not the difference.
 */
export function marginalCost(
  shallow: readonly DepthSample[],
  deep: readonly DepthSample[],
): MarginalCost {
  if (shallow.length !== deep.length || shallow.length === 0)
    throw new Error(
      `marginalCost: one shallow and one deep run a round, got ${shallow.length} and ${deep.length}`,
    );
  const rounds = deep.map((d, i) => {
    const s = shallow[i] as DepthSample;
    return { boxes: d.boxes - s.boxes, ownMs: d.ownMs - s.ownMs, addedMs: d.addedMs - s.addedMs };
  });
  const boxes = median(rounds.map((r) => r.boxes));
  const perBox = (ms: number) => (boxes > 0 ? (ms * 1000) / boxes : Number.NaN);
  return {
    boxes,
    ownUsPerBox: perBox(median(rounds.map((r) => r.ownMs))),
    addedUsPerBox: perBox(median(rounds.map((r) => r.addedMs))),
    rounds,
  };
}
