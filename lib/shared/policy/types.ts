/** Public shapes of the policy engine: what callers pass in and get back. */
import type { EscalationCategory } from '@/lib/shared/protocol/escalations';
import type { Severity } from '@/lib/shared/protocol/records';
import type { NumberSpec, PolicyNames } from './pack-schema';
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
  /**
   * The folds that made the evidence match (fold-ids.ts ids, e.g. "emoji-removed",
   * "digit-words", "look-alike"); absent when the text matched as written.
   */
  folds?: string[];
  /** The context that made the rule fire (its near and requires clauses), when it has any. */
  context?: ContextNote[];
  /** The policy is an emergency category: the card proposes an escalation (reviewer confirms). */
  emergency?: true;
  /** The category the proposed escalation starts with, when the pack names one. */
  escalationCategory?: EscalationCategory;
  /**
   * Not a rule match: the learned scorer's suggestion (scorer/suggest.ts), with its
   * probability, the threshold it passed and the words that drove it (also the evidence).
   */
  suggested?: SuggestedNote;
}

export interface SuggestedNote {
  probability: number;
  threshold: number;
  /** The original text of each driving word (or n-gram) and its weight in the score. */
  features: Array<{ text: string; weight: number }>;
}

/** Why a rule with context fired: the partner found around one of its matches. */
export interface ContextNote {
  /** near: a partner the rule asks for (also in the evidence); requires: the context that lets an ambiguous term fire. */
  clause: 'near' | 'requires';
  /** The context id, or "terms" / "pattern" for a partner written in the rule itself. */
  source: string;
  /** The match this explains. */
  match: EvidenceSpan;
  /** The partner in the original text (field "price", offsets 0, for an item's structured price). */
  partner: EvidenceSpan;
  /** Words between match and partner; absent for "field" and "item" windows. */
  words?: number;
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
  /** Terms that load but mean less than written (term-check.ts); absent on a warm start. */
  warnings?: PackError[];
  policies: Array<{
    id: string;
    title: string;
    severity: Severity;
    /** Findings propose an escalation to a lead. */
    emergency?: true;
    escalationCategory?: EscalationCategory;
    /** Empty: every market. */
    markets: string[];
    /** The policy's own unless clauses in words (every rule inherits them). */
    unless?: string[];
    rules: Array<{
      id: string;
      kind: string;
      mustMatch: number;
      mustNotMatch: number;
      /** The only markets the rule runs on, when it names any. */
      markets?: string[];
      /** The rule's context clauses in words, e.g. "unless negation (3 words before)". */
      context?: string[];
    }>;
  }>;
  /** Declared contexts: terms per language, patterns, the rules that use them. */
  contexts?: Array<{
    id: string;
    termsByLanguage: Record<string, number>;
    patterns: number;
    usedBy: number;
    mustMatch: number;
    mustNotMatch: number;
  }>;
}

/** What a context clause looks for, found once per input however many rules use it. */
export interface CompiledPartner {
  /** Index in CompiledPack.partners (the per-input cache key). */
  readonly index: number;
  /** The context id, or "terms" / "pattern" for a partner written in a rule. */
  readonly source: string;
  /** Term slot in the pack's shared term index, or undefined without terms. */
  readonly slot: number | undefined;
  readonly patterns: ReadonlyArray<{ regex: SafeRegex; key: 'digits' | 'text' }>;
  /** A structured price on the item counts for "item" windows. */
  readonly itemPrice: boolean;
}

/** before / after: words allowed between (-1: that side is not looked at). */
export type CompiledWindow =
  | { kind: 'words'; before: number; after: number; crossSentences: boolean }
  | { kind: 'field' }
  | { kind: 'item' };

export interface CompiledClause {
  partner: CompiledPartner;
  window: CompiledWindow;
  /**
   * A field or item window's framing that an offer beside the match lifts (context-schema.ts
   * liftedBy): the offer partner in its word window, and the same framing in the word window
   * where it still cancels unless a pivot partner lies between it and the match.
   */
  lift?: { offer: CompiledClause; keep: CompiledClause; pivot?: CompiledPartner };
}

export interface CompiledContextRules {
  near: CompiledClause | undefined;
  requires: CompiledClause | undefined;
  unless: readonly CompiledClause[];
}

export type CompiledMatcher =
  | {
      kind: 'terms';
      slot: number;
      fields: readonly string[] | undefined;
      context: CompiledContextRules | undefined;
    }
  | {
      kind: 'pattern';
      regex: SafeRegex;
      key: 'digits' | 'text';
      check: 'th-national-id' | 'sg-nric' | 'luhn' | undefined;
      fields: readonly string[] | undefined;
      context: CompiledContextRules | undefined;
    }
  | (NumberSpec & { kind: 'number' })
  | { kind: 'hashtags'; tags: readonly string[]; labels: readonly string[]; present: boolean }
  | { kind: 'all' | 'any'; rules: readonly CompiledMatcher[] }
  | { kind: 'not'; rule: CompiledMatcher };

export interface CompiledRule {
  id: string;
  /** The name per UI language (policy-name.ts ruleName picks one); absent: its description. */
  names?: PolicyNames;
  description?: string;
  matcher: CompiledMatcher;
  /** The only markets the rule runs on (evaluate.ts ruleInScope); absent: wherever its policy does. */
  markets?: readonly string[];
}

export interface CompiledPolicy {
  id: string;
  title: string;
  /** The name per UI language (policy-name.ts picks one); absent: title everywhere. */
  names?: PolicyNames;
  description: string;
  guidance: string;
  severity: Severity;
  /** An emergency category: its findings propose an escalation. */
  emergency?: true;
  escalationCategory?: EscalationCategory;
  /** Absent: every market. */
  markets?: readonly string[];
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
  /** Every context clause's partner: declared contexts first, then inline partners. */
  readonly partners: readonly CompiledPartner[];
  /** Declared contexts by id. */
  readonly contexts: ReadonlyMap<string, CompiledPartner>;
}
