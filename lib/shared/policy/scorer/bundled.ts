/**
 * The scorer shipped with the extension (weights.json, bundled: nothing is downloaded at run
 * time), loaded once. A bad file is an error the caller reports; suggestions are then off and
 * the rule scan carries on.
 */
import { type LoadScorerResult, loadScorer } from './model';
import weights from './weights.json';

let loaded: LoadScorerResult | undefined;

export function bundledScorer(): LoadScorerResult {
  loaded ??= loadScorer(weights);
  return loaded;
}
