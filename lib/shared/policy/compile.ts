/**
 * Turns a validated pack into its compiled form: every term list into one shared automaton,
 * patterns into Pike VM programs, hashtags into normalised keys. Problems a schema cannot
 * see (a pattern that would backtrack, a term that normalises to nothing) come back as
 * PackErrors naming their JSON path.
 */
import { type CompilerServices, ContextCompiler, type TermDefaults } from './context-compile';
import { termKey } from './normalise';
import type { MatcherSpec, PackSpec, TermSpec } from './pack-schema';
import { compileRegex, PatternError, type SafeRegex } from './safe-regex';
import { checkTerm, literalPattern, mayNeedCheck, termWarning } from './term-check';
import { buildTermIndex, type TermIndex, type TermToAdd } from './term-index';
import type {
  CompiledClause,
  CompiledMatcher,
  CompiledPack,
  CompiledPolicy,
  CompiledRule,
  PackError,
} from './types';

/** Hashtags compare on their fold key without "#", spaces, "_" or "-". */
export function hashtagKey(tag: string): string {
  return termKey(tag.replace(/^[#＃]+/, '')).fold.replace(/[\s_-]+/g, '');
}

class Compiler implements CompilerServices {
  readonly errors: PackError[] = [];
  /** What `npm run pack -- check` shows but does not refuse (terms that mean less than written). */
  readonly warnings: PackError[] = [];
  readonly terms: TermToAdd[] = [];
  /** Terms seen, counted even when a prebuilt index makes their keys unnecessary. */
  termsSeen = 0;

  /** Every pattern compiled (or taken from `known`), by source, for the warm-start store. */
  readonly patterns = new Map<string, SafeRegex>();

  /**
   * With a prebuilt term index (term-index-store.ts) terms are counted, not normalised.
   * `known` holds programs compiled from the same sources before (compileRegex depends on
   * nothing but the source), so parsing them again is skipped.
   */
  constructor(
    private readonly prebuilt: boolean,
    private readonly known: ReadonlyMap<string, SafeRegex> | undefined,
  ) {}
  readonly contexts = new ContextCompiler(this);
  private slots = 0;
  private policyId: string | undefined;
  private ruleId: string | undefined;

  setRule(policyId: string | undefined, ruleId: string | undefined): void {
    this.policyId = policyId;
    this.ruleId = ruleId;
  }

  private at(path: string, message: string): PackError {
    const error: PackError = { path, message };
    if (this.policyId !== undefined) error.policyId = this.policyId;
    if (this.ruleId !== undefined) error.ruleId = this.ruleId;
    return error;
  }

  fail(path: string, message: string): void {
    this.errors.push(this.at(path, message));
  }

  newSlot(): number {
    return this.slots++;
  }

  /**
   * Adds a list's terms to the index; returns the digits-key pattern standing for its terms
   * that keep an emoji or symbol (term-check.ts), if any. With a prebuilt index only such
   * terms are normalised (the index has the others), and only index terms are counted.
   */
  addTerms(
    slot: number,
    terms: readonly TermSpec[],
    defaults: TermDefaults,
    path: (k: number) => string,
  ): SafeRegex | undefined {
    const literals: Array<{ literal: string; wholeWord: boolean }> = [];
    const firstOf = new Map<string, number>();
    terms.forEach((term, k) => {
      const t = typeof term === 'string' ? { term } : term;
      const wholeWord = t.wholeWord ?? defaults.wholeWord ?? true;
      if (this.prebuilt && !mayNeedCheck(t.term)) {
        this.termsSeen++;
        return;
      }
      const key = termKey(t.term);
      const check = checkTerm(key);
      if (check.kind === 'refuse') {
        this.fail(path(k), check.message);
        return;
      }
      if (check.kind === 'literal') {
        literals.push({ literal: check.literal, wholeWord });
        return;
      }
      this.termsSeen++;
      if (this.prebuilt) return;
      const sensitive = (t.diacritics ?? defaults.diacritics ?? 'sensitive') === 'sensitive';
      const language = ('language' in t ? t.language : undefined) ?? defaults.language;
      const warning = termWarning(t.term, key);
      if (warning) this.warnings.push(this.at(path(k), warning));
      const same = `${key.text}\u0000${sensitive}\u0000${wholeWord}\u0000${language}`;
      const first = firstOf.get(same);
      if (first !== undefined) {
        this.warnings.push(
          this.at(
            path(k),
            `reads the same as ${JSON.stringify(terms[first])} (index ${first}): remove one`,
          ),
        );
      } else firstOf.set(same, k);
      this.terms.push({ slot, fold: key.fold, text: key.text, sensitive, wholeWord, language });
    });
    if (literals.length === 0) return undefined;
    return this.pattern(literalPattern(literals), path(0).replace(/\[\d+\]$/, ''));
  }

  pattern(source: string, path: string): SafeRegex | undefined {
    try {
      const regex = this.known?.get(source) ?? compileRegex(source);
      this.patterns.set(source, regex);
      return regex;
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      this.fail(path, `refused: ${error.message}`);
      return undefined;
    }
  }

  /** The policy's unless clauses, applied to every terms and pattern matcher outside "not". */
  private inherited: readonly CompiledClause[] = [];

  setPolicyUnless(clauses: readonly CompiledClause[]): void {
    this.inherited = clauses;
  }

  matcher(spec: MatcherSpec, path: string, inherited = this.inherited): CompiledMatcher {
    switch (spec.kind) {
      case 'terms': {
        const slot = this.newSlot();
        const literal = this.addTerms(slot, spec.terms, spec, (k) => `${path}.terms[${k}]`);
        const context = this.contexts.clauses(spec, path, inherited);
        const terms: CompiledMatcher = { kind: 'terms', slot, fields: spec.fields, context };
        if (!literal) return terms;
        // Terms keeping an emoji or symbol are found on the digits key, which keeps them.
        const pattern: CompiledMatcher = {
          kind: 'pattern',
          regex: literal,
          key: 'digits',
          check: undefined,
          fields: spec.fields,
          context,
        };
        return { kind: 'any', rules: [terms, pattern] };
      }
      case 'pattern':
        return {
          kind: 'pattern',
          regex: this.pattern(spec.pattern, `${path}.pattern`) ?? NEVER,
          key: spec.key ?? 'digits',
          check: spec.check,
          fields: spec.fields,
          context: this.contexts.clauses(spec, path, inherited),
        };
      case 'number':
        return spec;
      case 'hashtags':
        return {
          kind: 'hashtags',
          tags: spec.tags.map(hashtagKey),
          labels: spec.tags.map((t) => (t.startsWith('#') ? t : `#${t}`)),
          present: spec.present,
        };
      case 'all':
      case 'any':
        return {
          kind: spec.kind,
          rules: spec.rules.map((r, k) => this.matcher(r, `${path}.rules[${k}]`, inherited)),
        };
      case 'not':
        // An exception inside "not" would turn into a reason to fire: none are inherited.
        return { kind: 'not', rule: this.matcher(spec.rule, `${path}.rule`, []) };
    }
  }

  /** A rule that throws while compiling is refused at its path instead of failing the pack. */
  rule(spec: MatcherSpec, path: string): CompiledMatcher {
    try {
      return this.matcher(spec, path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.fail(path, `could not be compiled: ${message}`);
      return { kind: 'not', rule: { kind: 'all', rules: [] } };
    }
  }
}

/** Stands in for a refused pattern so compilation can go on and report every error. */
const NEVER = compileRegex('\\u0000');

export interface CompileOptions {
  /**
   * The term index this same pack compiled to before (term-index-store.ts checks release and
   * digest). Used only if it holds as many terms as the pack; otherwise the pack compiles
   * from scratch.
   */
  terms?: TermIndex;
  /** Pattern programs by source from an earlier compile (warm-pack-store.ts checks them). */
  patterns?: ReadonlyMap<string, SafeRegex>;
}

export type CompileResult =
  | {
      ok: true;
      pack: CompiledPack;
      /** Terms that compile but mean less than written (path and why), for pack check. */
      warnings: PackError[];
      /** The pack's pattern programs by source, to keep for the next start. */
      patterns: ReadonlyMap<string, SafeRegex>;
    }
  | { ok: false; errors: PackError[] };

export function compilePack(spec: PackSpec, options: CompileOptions = {}): CompileResult {
  if (options.terms) {
    const fast = compileWith(spec, options.terms, options.patterns);
    if (fast.ok) return fast;
  }
  return compileWith(spec, undefined, options.patterns);
}

function compileWith(
  spec: PackSpec,
  prebuilt: TermIndex | undefined,
  known: ReadonlyMap<string, SafeRegex> | undefined,
): CompileResult {
  const compiler = new Compiler(prebuilt !== undefined, known);
  try {
    compiler.contexts.declare(spec.contexts);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    compiler.fail('contexts', `could not be compiled: ${message}`);
  }
  const policies: CompiledPolicy[] = [];
  const seenPolicies = new Set<string>();
  spec.policies.forEach((policy, p) => {
    if (seenPolicies.has(policy.id)) {
      compiler.errors.push({
        path: `policies[${p}].id`,
        message: `duplicate policy id "${policy.id}"`,
        policyId: policy.id,
      });
    }
    seenPolicies.add(policy.id);
    compiler.setRule(policy.id, undefined);
    compiler.setPolicyUnless(compiler.contexts.unlessList(policy.unless, `policies[${p}]`));
    const seenRules = new Set<string>();
    const rules = policy.rules.map((rule, r) => {
      const path = `policies[${p}].rules[${r}]`;
      compiler.setRule(policy.id, rule.id);
      if (seenRules.has(rule.id)) {
        compiler.errors.push({
          path: `${path}.id`,
          message: `duplicate rule id "${rule.id}"`,
          policyId: policy.id,
          ruleId: rule.id,
        });
      }
      seenRules.add(rule.id);
      const compiled: CompiledRule = { id: rule.id, matcher: compiler.rule(rule, path) };
      if (rule.names) compiled.names = rule.names;
      if (rule.description) compiled.description = rule.description;
      if (rule.markets) compiled.markets = rule.markets;
      return compiled;
    });
    policies.push({
      id: policy.id,
      title: policy.title,
      ...(policy.names ? { names: policy.names } : {}),
      description: policy.description,
      guidance: policy.guidance,
      severity: policy.severity,
      ...(policy.emergency ? { emergency: true as const } : {}),
      ...(policy.emergency && policy.escalationCategory
        ? { escalationCategory: policy.escalationCategory }
        : {}),
      ...(policy.markets ? { markets: policy.markets } : {}),
      rules,
    });
  });
  compiler.setRule(undefined, undefined);
  if (compiler.errors.length > 0) return { ok: false, errors: compiler.errors };
  // A prebuilt index that does not hold every term of the pack is not this pack's: the
  // caller compiles again from scratch (no errors: nothing is wrong with the pack).
  if (prebuilt && prebuilt.termCount !== compiler.termsSeen) return { ok: false, errors: [] };
  const terms = prebuilt ?? buildTermIndex(compiler.terms);
  return {
    ok: true,
    pack: {
      id: spec.id,
      version: spec.version,
      title: spec.title,
      policies,
      terms,
      partners: compiler.contexts.partners,
      contexts: compiler.contexts.contexts,
    },
    warnings: compiler.warnings,
    patterns: compiler.patterns,
  };
}
