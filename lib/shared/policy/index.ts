/** The policy engine's public API: load a pack, evaluate items, keep the active pack. */
export { canonicalJson } from '@/lib/shared/canonical-json';
export { type EvaluateOptions, EvaluationContext, evaluate } from './evaluate';
export { type LoadPackOptions, type LoadPackResult, loadPack } from './load-pack';
export { type NormalisedText, normalise, termKey } from './normalise';
export { type PackSpec, type PolicySpec, packSchema, type RuleSpec } from './pack-schema';
export { activatePack, compareVersions, emptySlot, type PackSlot } from './pack-slot';
export { nameLanguage, policyName, readableId, ruleName } from './policy-name';
export { fromBase64, publicKeyBase64, signPack, toBase64, verifyPackSignature } from './signature';
export { STARTER_PACK_JSON } from './starter-pack';
export type {
  CompiledPack,
  CompiledPolicy,
  ContextNote,
  EvidenceSpan,
  Finding,
  PackError,
  PackReport,
  PolicyInput,
  Severity,
} from './types';
