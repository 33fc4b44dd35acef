/** The learned scorer: suggestions where rules cannot reach paraphrases (README: policy). */
export { bundledScorer } from './bundled';
export { extractFeatures, type FeatureSet } from './features';
export { type LoadScorerResult, loadScorer, type Scorer, scoreText } from './model';
export { SCORER_FORMAT, type ScorerFile, scorerFileSchema } from './model-schema';
export { SUGGESTED_RULE_ID, suggestFindings } from './suggest';
