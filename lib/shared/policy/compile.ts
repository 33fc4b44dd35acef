/**
 * Turns a validated pack into its compiled form: every term list into one shared automaton,
 * patterns into Pike VM programs, hashtags into normalised keys. Problems a schema cannot
 * see (a pattern that would backtrack, a term that normalises to nothing) come back as
 * PackErrors naming their JSON path.
 */
import { termKey } from './normalise';
import type { MatcherSpec, PackSpec } from './pack-schema';
import { compileRegex, PatternError } from './safe-regex';
import { buildTermIndex, type TermToAdd } from './term-index';
import type { CompiledMatcher, CompiledPack, CompiledPolicy, PackError } from './types';

/** Hashtags compare on their fold key without "#", spaces, "_" or "-". */
export function hashtagKey(tag: string): string {
  return termKey(tag.replace(/^[#＃]+/, '')).fold.replace(/[\s_-]+/g, '');
}

class Compiler {
  readonly errors: PackError[] = [];
  readonly terms: TermToAdd[] = [];
  private slots = 0;
  constructor(
    private policyId: string,
    private ruleId: string,
  ) {}

  setRule(policyId: string, ruleId: string): void {
    this.policyId = policyId;
    this.ruleId = ruleId;
  }

  private fail(path: string, message: string): void {
    this.errors.push({ path, message, policyId: this.policyId, ruleId: this.ruleId });
  }

  matcher(spec: MatcherSpec, path: string): CompiledMatcher {
    switch (spec.kind) {
      case 'terms': {
        const slot = this.slots++;
        spec.terms.forEach((term, k) => {
          const t = typeof term === 'string' ? { term } : term;
          const key = termKey(t.term);
          if (key.fold.trim().length === 0) {
            this.fail(`${path}.terms[${k}]`, 'normalises to nothing (only invisible characters?)');
            return;
          }
          this.terms.push({
            slot,
            fold: key.fold,
            text: key.text,
            sensitive: (t.diacritics ?? spec.diacritics ?? 'sensitive') === 'sensitive',
            wholeWord: t.wholeWord ?? spec.wholeWord ?? true,
          });
        });
        return { kind: 'terms', slot, fields: spec.fields };
      }
      case 'pattern': {
        let regex: ReturnType<typeof compileRegex>;
        try {
          regex = compileRegex(spec.pattern);
        } catch (error) {
          if (!(error instanceof PatternError)) throw error;
          this.fail(`${path}.pattern`, `refused: ${error.message}`);
          regex = compileRegex('\\u0000');
        }
        return {
          kind: 'pattern',
          regex,
          key: spec.key ?? 'digits',
          check: spec.check,
          fields: spec.fields,
        };
      }
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
          rules: spec.rules.map((r, k) => this.matcher(r, `${path}.rules[${k}]`)),
        };
      case 'not':
        return { kind: 'not', rule: this.matcher(spec.rule, `${path}.rule`) };
    }
  }
}

export function compilePack(
  spec: PackSpec,
): { ok: true; pack: CompiledPack } | { ok: false; errors: PackError[] } {
  const compiler = new Compiler('', '');
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
      return { id: rule.id, matcher: compiler.matcher(rule, path) };
    });
    policies.push({
      id: policy.id,
      title: policy.title,
      description: policy.description,
      guidance: policy.guidance,
      severity: policy.severity,
      markets: policy.markets,
      rules,
    });
  });
  if (compiler.errors.length > 0) return { ok: false, errors: compiler.errors };
  return {
    ok: true,
    pack: {
      id: spec.id,
      version: spec.version,
      title: spec.title,
      policies,
      terms: buildTermIndex(compiler.terms),
    },
  };
}
