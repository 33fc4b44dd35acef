/**
 * Compiles the pack's declared contexts and the rules' near / requires / unless clauses.
 * Context terms join the pack's one term index (each context is a slot), so the single
 * Aho-Corasick pass per field that finds rule terms finds context terms too; a context is
 * then looked up per input once, however many rules refer to it.
 */
import type { ClauseInput, ClauseSpec, ContextSpec, WindowSpec } from './context-schema';
import type { MatcherSpec, TermSpec } from './pack-schema';
import type { SafeRegex } from './safe-regex';
import type {
  CompiledClause,
  CompiledContextRules,
  CompiledPartner,
  CompiledWindow,
} from './types';

/** What a term list gives its terms unless a term says otherwise. */
export interface TermDefaults {
  diacritics?: 'sensitive' | 'insensitive';
  wholeWord?: boolean;
  /** The list's language (a context's list by language); "any" is left out. */
  language?: string;
}

/** What the pack compiler lends: term slots in the shared index, patterns, error reports. */
export interface CompilerServices {
  newSlot(): number;
  addTerms(
    slot: number,
    terms: readonly TermSpec[],
    defaults: TermDefaults,
    path: (k: number) => string,
  ): SafeRegex | undefined;
  /** The compiled pattern, or undefined after reporting why it was refused. */
  pattern(source: string, path: string): SafeRegex | undefined;
  fail(path: string, message: string): void;
}

export interface RuleClauses {
  near?: ClauseInput;
  requires?: ClauseInput;
  unless?: readonly ClauseInput[];
  inheritUnless?: boolean;
}

const asClause = (c: ClauseInput): ClauseSpec => (typeof c === 'string' ? { context: c } : c);

export class ContextCompiler {
  readonly partners: CompiledPartner[] = [];
  readonly contexts = new Map<string, CompiledPartner>();
  private readonly windows = new Map<string, WindowSpec | undefined>();
  /** Declared contexts' liftedBy, resolved once every context is declared. */
  private readonly lifts = new Map<string, NonNullable<CompiledClause['lift']>>();

  constructor(private readonly services: CompilerServices) {}

  /** Declared contexts, in declaration order. */
  declare(contexts: Record<string, ContextSpec> | undefined): void {
    for (const [id, spec] of Object.entries(contexts ?? {})) {
      const path = `contexts${pathKey(id)}`;
      let slot: number | undefined;
      // Terms keeping an emoji or symbol come back as digits-key patterns (term-check.ts).
      const literals: CompiledPartner['patterns'][number][] = [];
      for (const [language, terms] of Object.entries(spec.terms ?? {})) {
        if (!terms || terms.length === 0) continue;
        slot ??= this.services.newSlot();
        const defaults: TermDefaults = { diacritics: spec.diacritics, wholeWord: spec.wholeWord };
        if (language !== 'any') defaults.language = language;
        const literal = this.services.addTerms(
          slot,
          terms,
          defaults,
          (k) => `${path}.terms.${language}[${k}]`,
        );
        if (literal) literals.push({ regex: literal, key: 'digits' });
      }
      const patterns = [
        ...this.patterns(
          (spec.patterns ?? []).map((p) => (typeof p === 'string' ? { pattern: p } : p)),
          (k) => `${path}.patterns[${k}]`,
        ),
        ...literals,
      ];
      const partner = this.partner(id, slot, patterns, spec.itemPrice ?? false);
      this.contexts.set(id, partner);
      this.windows.set(id, spec.window);
    }
    for (const [id, spec] of Object.entries(contexts ?? {})) {
      if (spec.liftedBy) this.declareLift(id, spec.liftedBy);
    }
  }

  private declareLift(id: string, lift: NonNullable<ContextSpec['liftedBy']>): void {
    const path = `contexts${pathKey(id)}.liftedBy`;
    const offer = this.contexts.get(lift.context);
    if (!offer) {
      this.services.fail(`${path}.context`, `unknown context "${lift.context}"`);
      return;
    }
    if (lift.context === id) {
      this.services.fail(`${path}.context`, 'a context cannot lift itself');
      return;
    }
    const pivot = lift.pivot === undefined ? undefined : this.contexts.get(lift.pivot);
    if (lift.pivot !== undefined && !pivot) {
      this.services.fail(`${path}.pivot`, `unknown context "${lift.pivot}"`);
      return;
    }
    const words = (n: number): CompiledWindow => ({
      kind: 'words',
      before: n,
      after: n,
      crossSentences: false,
    });
    this.lifts.set(id, {
      offer: { partner: offer, window: words(lift.within) },
      keep: { partner: this.contexts.get(id)!, window: words(lift.keepWithin) },
      ...(pivot ? { pivot } : {}),
    });
  }

  /** A list of unless clauses (a rule's or a policy's), those that compile. */
  unlessList(list: readonly ClauseInput[] | undefined, path: string): CompiledClause[] {
    return (list ?? []).flatMap((c, k) => {
      const compiled = this.clause(asClause(c), `${path}.unless[${k}]`);
      return compiled ? [compiled] : [];
    });
  }

  /**
   * The matcher's clauses, with the policy's unless clauses after its own unless it opts
   * out; undefined when there are none (the common, fast case).
   */
  clauses(
    spec: RuleClauses,
    path: string,
    inherited: readonly CompiledClause[],
  ): CompiledContextRules | undefined {
    const fromPolicy = spec.inheritUnless === false ? [] : inherited;
    if (!spec.near && !spec.requires && !spec.unless && fromPolicy.length === 0) return undefined;
    return {
      near: spec.near ? this.clause(asClause(spec.near), `${path}.near`) : undefined,
      requires: spec.requires
        ? this.clause(asClause(spec.requires), `${path}.requires`)
        : undefined,
      unless: [...this.unlessList(spec.unless, path), ...fromPolicy],
    };
  }

  private clause(spec: ClauseSpec, path: string): CompiledClause | undefined {
    let partner: CompiledPartner | undefined;
    let declaredWindow: WindowSpec | undefined;
    if (spec.context !== undefined) {
      partner = this.contexts.get(spec.context);
      if (!partner) {
        const known = [...this.contexts.keys()];
        this.services.fail(
          `${path}.context`,
          `unknown context "${spec.context}"; ${
            known.length === 0
              ? 'the pack declares no contexts'
              : `declared: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', ...' : ''}`
          }`,
        );
        return undefined;
      }
      declaredWindow = this.windows.get(spec.context);
    } else if (spec.terms) {
      const slot = this.services.newSlot();
      const literal = this.services.addTerms(slot, spec.terms, spec, (k) => `${path}.terms[${k}]`);
      partner = this.partner(
        'terms',
        slot,
        literal ? [{ regex: literal, key: 'digits' }] : [],
        false,
      );
    } else if (spec.pattern !== undefined) {
      const patterns = this.patterns(
        [{ pattern: spec.pattern, key: spec.key }],
        () => `${path}.pattern`,
      );
      partner = this.partner('pattern', undefined, patterns, false);
    } else {
      return undefined; // the schema already refused it
    }
    const own = spec.within !== undefined || spec.before !== undefined || spec.after !== undefined;
    const window = compileWindow(own ? spec : declaredWindow, spec.crossSentences);
    if (!window) {
      this.services.fail(
        `${path}.within`,
        `needs a window (within, before or after): context "${spec.context}" declares none`,
      );
      return undefined;
    }
    const lift = spec.context !== undefined ? this.lifts.get(spec.context) : undefined;
    if (lift && window.kind !== 'words') return { partner, window, lift };
    return { partner, window };
  }

  private patterns(
    list: ReadonlyArray<{ pattern: string; key?: 'digits' | 'text' }>,
    path: (k: number) => string,
  ): CompiledPartner['patterns'] {
    return list.flatMap((p, k) => {
      const regex = this.services.pattern(p.pattern, path(k));
      return regex ? [{ regex, key: p.key ?? 'digits' }] : [];
    });
  }

  private partner(
    source: string,
    slot: number | undefined,
    patterns: CompiledPartner['patterns'],
    itemPrice: boolean,
  ): CompiledPartner {
    const partner = { index: this.partners.length, source, slot, patterns, itemPrice };
    this.partners.push(partner);
    return partner;
  }
}

function compileWindow(
  spec: WindowSpec | undefined,
  crossOverride: boolean | undefined,
): CompiledWindow | undefined {
  if (!spec) return undefined;
  if (spec.within === 'field' || spec.within === 'item') return { kind: spec.within };
  const crossSentences = crossOverride ?? spec.crossSentences ?? false;
  if (typeof spec.within === 'number') {
    return { kind: 'words', before: spec.within, after: spec.within, crossSentences };
  }
  if (spec.before === undefined && spec.after === undefined) return undefined;
  return { kind: 'words', before: spec.before ?? -1, after: spec.after ?? -1, crossSentences };
}

/** A record key in a JSON path: `.negation` or `["how-to-spot"]`, as json-path.ts writes it. */
export function pathKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A clause in words, for reports: "unless negation (3 words before)". */
export function describeClause(
  kind: 'near' | 'requires' | 'unless',
  clause: ClauseInput,
  declared: (context: string) => WindowSpec | undefined,
  lifted?: (context: string) => ContextSpec['liftedBy'],
): string {
  const c = asClause(clause);
  const what = c.context ?? (c.terms ? `${c.terms.length} terms` : `pattern ${c.pattern}`);
  const own = c.within !== undefined || c.before !== undefined || c.after !== undefined;
  const w = own ? c : c.context !== undefined ? declared(c.context) : undefined;
  let window: string;
  if (!w) window = 'no window';
  else if (w.within === 'field' || w.within === 'item') window = `anywhere in the ${w.within}`;
  else if (typeof w.within === 'number') window = `${w.within} words either side`;
  else {
    window = [
      w.before !== undefined ? `${w.before} words before` : '',
      w.after !== undefined ? `${w.after} words after` : '',
    ]
      .filter(Boolean)
      .join(', ');
  }
  const cross = c.crossSentences ?? w?.crossSentences;
  const sentences = typeof w?.within === 'string' ? '' : cross ? ', across sentences' : '';
  const lift =
    typeof w?.within === 'string' && c.context !== undefined ? lifted?.(c.context) : undefined;
  const lifts = lift
    ? `, lifted by ${lift.context} within ${lift.within} words unless within ${lift.keepWithin}`
    : '';
  return `${kind} ${what} (${window}${sentences}${lifts})`;
}

/** How many clauses (at any depth) name each declared context. */
export function contextUse(spec: {
  contexts?: Record<string, { liftedBy?: { context: string; pivot?: string } }>;
  policies: ReadonlyArray<{ unless?: readonly ClauseInput[]; rules: readonly MatcherSpec[] }>;
}): Map<string, number> {
  const counts = new Map<string, number>(Object.keys(spec.contexts ?? {}).map((id) => [id, 0]));
  const visit = (m: MatcherSpec): void => {
    if (m.kind === 'terms' || m.kind === 'pattern') {
      for (const c of [m.near, m.requires, ...(m.unless ?? [])]) {
        if (c === undefined) continue;
        const id = asClause(c).context;
        if (id !== undefined && counts.has(id)) counts.set(id, counts.get(id)! + 1);
      }
    } else if (m.kind === 'all' || m.kind === 'any') m.rules.forEach(visit);
    else if (m.kind === 'not') visit(m.rule);
  };
  for (const p of spec.policies) {
    for (const c of p.unless ?? []) {
      const id = asClause(c).context;
      if (id !== undefined && counts.has(id)) counts.set(id, counts.get(id)! + 1);
    }
    p.rules.forEach(visit);
  }
  // A context that lifts another's framing is in use wherever that framing is.
  for (const c of Object.values(spec.contexts ?? {})) {
    for (const id of [c.liftedBy?.context, c.liftedBy?.pivot]) {
      if (id !== undefined && counts.has(id)) counts.set(id, counts.get(id)! + 1);
    }
  }
  return counts;
}
