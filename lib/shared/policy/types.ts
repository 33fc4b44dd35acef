/** Public shapes of the policy engine: what callers pass in and get back. */
import type { Severity } from '@/lib/shared/protocol/records';
import type { NumberSpec } from './pack-schema';
import type { SafeRegex } from './safe-regex';
import type { TermIndex } from './term-index';

export type { Severity };

/** One content item as the engine sees it. */
export interface PolicyInput {
  market?: string;
  /** Texts to check by field name: title, description, creator.handle, creator.displayName... */
  fields: Record<string, string | undefined>;
  hashtags?: string[];
  price?: { amount: number; currency: string; listAmount?: number };
  accountAgeDays?: number;
}

/** A range of a field's original text ("hashtags": the tags joined by spaces, each with "#"). */
export interface EvidenceSpan {
  field: string;
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  policyId: string;
  /** The pack version. */
  policyVersion: string;
  ruleId: string;
  severity: Severity;
  /** The policy title. */
  title: string;
  evidence: EvidenceSpan[];
}

export interface PackError {
  /** JSON path into the pack, e.g. "policies[3].rules[0].terms[12]" ("" for the whole pack). */
  path: string;
  message: string;
  policyId?: string;
  ruleId?: string;
  example?: string;
}

export interface PackReport {
  packId: string;
  version: string;
  signed: boolean;
  termCount: number;
  policies: Array<{
    id: string;
    title: string;
    severity: Severity;
    markets: string[];
    rules: Array<{ id: string; kind: string; mustMatch: number; mustNotMatch: number }>;
  }>;
}

export type CompiledMatcher =
  | { kind: 'terms'; slot: number; fields: readonly string[] | undefined }
  | {
      kind: 'pattern';
      regex: SafeRegex;
      key: 'digits' | 'text';
      check: 'th-national-id' | 'sg-nric' | 'luhn' | undefined;
      fields: readonly string[] | undefined;
    }
  | (NumberSpec & { kind: 'number' })
  | { kind: 'hashtags'; tags: readonly string[]; labels: readonly string[]; present: boolean }
  | { kind: 'all' | 'any'; rules: readonly CompiledMatcher[] }
  | { kind: 'not'; rule: CompiledMatcher };

export interface CompiledRule {
  id: string;
  matcher: CompiledMatcher;
}

export interface CompiledPolicy {
  id: string;
  title: string;
  description: string;
  guidance: string;
  severity: Severity;
  markets: readonly string[];
  rules: readonly CompiledRule[];
}

/**
 * A pack ready to evaluate. Not plain data (typed arrays, compiled programs): it is cheap to
 * rebuild from the pack JSON instead. Compiling the starter pack takes about 15 ms and a
 * 10,000-term pack 250-400 ms on the 2-core bench machine (BENCHMARKS.md), so the background
 * service worker compiles once per start and keeps the result in memory.
 */
export interface CompiledPack {
  readonly id: string;
  readonly version: string;
  readonly title: string | undefined;
  readonly policies: readonly CompiledPolicy[];
  readonly terms: TermIndex;
}
