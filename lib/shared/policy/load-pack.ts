/**
 * loadPack: the one way a pack becomes active. Validates the JSON (errors name their JSON
 * path), checks the signature, compiles, and runs every rule's examples. It never throws:
 * anything unexpected is returned as an error, so a bad pack cannot take the engine down.
 */
import { canonicalJson } from '@/lib/shared/canonical-json';
import { compilePack } from './compile';
import { contextUse, describeClause } from './context-compile';
import { runExamples } from './examples';
import { issuesToErrors } from './json-path';
import { LIMITS, type PackSpec, packSchema, type RuleSpec } from './pack-schema';
import type { SafeRegex } from './safe-regex';
import { verifyPackSignature } from './signature';
import type { TermIndex } from './term-index';
import type { CompiledPack, PackError, PackReport } from './types';
import type { WarmSpec } from './warm-pack-store';

export interface LoadPackOptions {
  /** Trusted signers: raw Ed25519 public keys, base64. */
  trustedKeys?: string[];
  /** Whether a pack without a signature is accepted. */
  allowUnsigned: boolean;
  /**
   * Digests (packDigest) of packs whose examples already passed under this same engine
   * build. Their examples are not run again: they are the pack author's check, and running
   * them costs about a third of a cold load. Validation, signature and compilation still
   * run, so a tampered or different pack has another digest and runs its examples.
   */
  examplesPassed?: ReadonlySet<string>;
  /**
   * Term indexes compiled earlier, by packDigest (already checked by term-index-store.ts).
   * One for this pack's digest saves normalising every term; compile.ts still checks it
   * holds as many terms as the pack and compiles from scratch if not.
   */
  termIndexes?: ReadonlyMap<string, TermIndex>;
  /**
   * What an earlier load of this very JSON kept (warm-pack-store.ts, found by content key):
   * its packDigest, the validated spec and the pattern programs. Schema validation and the
   * canonical digest are skipped; the signature, the unsigned setting, compilation and (if
   * the digest is not in examplesPassed) the examples still apply. If that load fails in any
   * way the pack loads the full way, so a bad entry costs time, never the pack.
   */
  warm?: WarmSpec & { digest: string };
  /**
   * For the pack that ships with the release, which was checked before it shipped: a rule
   * whose own examples fail in this runtime is left out and the rest of the pack loads,
   * instead of the whole pack being refused (no finding at all). Each left-out rule's failing
   * examples are in the result's skipped and in report.warnings, naming policy, rule and
   * example. Anything else wrong (schema, signature, compilation, a context's examples, or a
   * failure left after the rules are out) still refuses the pack. Off for imported and
   * fetched packs: a candidate with a failing example never replaces the active pack.
   */
  skipRulesFailingExamples?: boolean;
}

export type LoadPackResult =
  | {
      ok: true;
      pack: CompiledPack;
      report: PackReport;
      /** packDigest of the pack's JSON, for examplesPassed on a later load. */
      digest: string;
      /** False when the examples were skipped because the digest was in examplesPassed. */
      examplesRun: boolean;
      /** What a later warm load can reuse (warm-pack-store.ts). */
      spec: PackSpec;
      patterns: ReadonlyMap<string, SafeRegex>;
      /** True when options.warm was used (validation and digest skipped). */
      warmed: boolean;
      /**
       * Failing examples of the rules left out (skipRulesFailingExamples). A pack loaded so
       * has not passed its examples: its digest must not go into examplesPassed.
       */
      skipped?: PackError[];
    }
  | { ok: false; errors: PackError[] };

const MAX_ERRORS = 100;

/** SHA-256 (hex) of the pack's canonical JSON, signature included. */
export async function packDigest(json: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(json));
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of hash) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Guards Zod's recursion against absurdly deep JSON before parsing. */
function tooDeep(json: unknown): boolean {
  const stack: Array<[unknown, number]> = [[json, 0]];
  let visited = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++visited > 5_000_000 || depth > LIMITS.depth * 2 + 8) return true;
    if (node && typeof node === 'object') {
      for (const child of Object.values(node)) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The rule's context clauses in words (top level only; nested rules are in the pack). */
const declaredWindow = (spec: PackSpec) => (id: string) => spec.contexts?.[id]?.window;

function clausesOf(rule: RuleSpec, spec: PackSpec): string[] | undefined {
  if (rule.kind !== 'terms' && rule.kind !== 'pattern') return undefined;
  const declared = declaredWindow(spec);
  const out: string[] = [];
  if (rule.near) out.push(describeClause('near', rule.near, declared));
  if (rule.requires) out.push(describeClause('requires', rule.requires, declared));
  for (const c of rule.unless ?? []) out.push(describeClause('unless', c, declared));
  return out.length > 0 ? out : undefined;
}

function contextsOf(spec: PackSpec, usedBy: ReadonlyMap<string, number>): PackReport['contexts'] {
  const entries = Object.entries(spec.contexts ?? {});
  if (entries.length === 0) return undefined;
  return entries.map(([id, c]) => ({
    id,
    termsByLanguage: Object.fromEntries(
      Object.entries(c.terms ?? {}).map(([language, terms]) => [language, terms?.length ?? 0]),
    ),
    patterns: c.patterns?.length ?? 0,
    usedBy: usedBy.get(id) ?? 0,
    mustMatch: c.examples.mustMatch.length,
    mustNotMatch: c.examples.mustNotMatch.length,
  }));
}

function reportOf(spec: PackSpec, pack: CompiledPack, warnings: PackError[]): PackReport {
  const contexts = contextsOf(spec, contextUse(spec));
  return {
    packId: spec.id,
    version: spec.version,
    signed: spec.signature !== undefined,
    termCount: pack.terms.termCount,
    ...(warnings.length > 0 ? { warnings: warnings.slice(0, MAX_ERRORS) } : {}),
    policies: spec.policies.map((p) => ({
      id: p.id,
      title: p.title,
      severity: p.severity,
      ...(p.emergency ? { emergency: true as const } : {}),
      ...(p.emergency && p.escalationCategory ? { escalationCategory: p.escalationCategory } : {}),
      markets: p.markets ?? [],
      ...(p.unless
        ? { unless: p.unless.map((c) => describeClause('unless', c, declaredWindow(spec))) }
        : {}),
      rules: p.rules.map((r) => {
        const context = clausesOf(r, spec);
        return {
          id: r.id,
          kind: r.kind,
          mustMatch: r.examples.mustMatch.length,
          mustNotMatch: r.examples.mustNotMatch.length,
          ...(r.markets ? { markets: r.markets } : {}),
          ...(context ? { context } : {}),
        };
      }),
    })),
    ...(contexts ? { contexts } : {}),
  };
}

async function load(json: unknown, options: LoadPackOptions): Promise<LoadPackResult> {
  const { warm } = options;
  if (warm) {
    const result = await accept(json, warm.spec, options, warm.digest, warm.patterns).catch(
      () => undefined,
    );
    if (result?.ok) return { ...result, warmed: true };
  }
  if (tooDeep(json))
    return { ok: false, errors: [{ path: '', message: 'pack is nested too deeply or too large' }] };
  const parsed = packSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: issuesToErrors(json, parsed.error.issues).slice(0, MAX_ERRORS) };
  }
  return accept(json, parsed.data as PackSpec, options, undefined, undefined);
}

/** Signature, compilation and examples of a validated spec (digest computed unless given). */
async function accept(
  json: unknown,
  spec: PackSpec,
  options: LoadPackOptions,
  knownDigest: string | undefined,
  knownPatterns: ReadonlyMap<string, SafeRegex> | undefined,
): Promise<LoadPackResult> {
  if (spec.signature) {
    const trusted = options.trustedKeys ?? [];
    const verified = await verifyPackSignature(
      json as Record<string, unknown>,
      spec.signature,
      trusted,
    );
    if (!verified) {
      const message =
        trusted.length === 0
          ? 'pack is signed but no trusted keys are configured to verify it'
          : 'signature does not verify against any trusted key';
      return { ok: false, errors: [{ path: 'signature', message }] };
    }
  } else if (!options.allowUnsigned) {
    return {
      ok: false,
      errors: [
        { path: 'signature', message: 'pack is unsigned and unsigned packs are not allowed' },
      ],
    };
  }
  const digest = knownDigest ?? (await packDigest(json));
  const terms = options.termIndexes?.get(digest);
  const compiled = compilePack(spec, {
    ...(terms ? { terms } : {}),
    ...(knownPatterns ? { patterns: knownPatterns } : {}),
  });
  if (!compiled.ok) return { ok: false, errors: compiled.errors.slice(0, MAX_ERRORS) };
  const examplesRun = !options.examplesPassed?.has(digest);
  if (examplesRun) {
    const exampleErrors = runExamples(spec, compiled.pack);
    if (exampleErrors.length > 0) {
      const reduced = options.skipRulesFailingExamples
        ? withoutFailingRules(spec, exampleErrors, compiled.patterns)
        : undefined;
      if (!reduced) return { ok: false, errors: exampleErrors.slice(0, MAX_ERRORS) };
      const skipped = exampleErrors.map((e) => ({
        ...e,
        message: `rule left out in this runtime: ${e.message}`,
      }));
      return {
        ok: true,
        pack: reduced.pack,
        report: reportOf(reduced.spec, reduced.pack, [...skipped, ...reduced.warnings]),
        digest,
        examplesRun,
        // The whole spec: a warm load of the same JSON runs the examples and leaves out the
        // same rules again.
        spec,
        patterns: compiled.patterns,
        warmed: false,
        skipped: skipped.slice(0, MAX_ERRORS),
      };
    }
  }
  return {
    ok: true,
    pack: compiled.pack,
    report: reportOf(spec, compiled.pack, compiled.warnings),
    digest,
    examplesRun,
    spec,
    patterns: compiled.patterns,
    warmed: false,
  };
}

/**
 * The pack compiled without the rules whose examples failed, if every failure is a rule's
 * example and the rest then passes its examples; otherwise undefined (the pack is refused).
 */
function withoutFailingRules(
  spec: PackSpec,
  errors: readonly PackError[],
  patterns: ReadonlyMap<string, SafeRegex>,
): { spec: PackSpec; pack: CompiledPack; warnings: PackError[] } | undefined {
  const failing = new Set<string>();
  for (const e of errors) {
    if (e.policyId === undefined || e.ruleId === undefined) return undefined;
    failing.add(`${e.policyId}\u0000${e.ruleId}`);
  }
  const policies = spec.policies
    .map((p) => ({ ...p, rules: p.rules.filter((r) => !failing.has(`${p.id}\u0000${r.id}`)) }))
    .filter((p) => p.rules.length > 0);
  if (policies.length === 0) return undefined;
  const reduced: PackSpec = { ...spec, policies };
  const compiled = compilePack(reduced, { patterns });
  if (!compiled.ok || runExamples(reduced, compiled.pack).length > 0) return undefined;
  return { spec: reduced, pack: compiled.pack, warnings: compiled.warnings };
}

export async function loadPack(json: unknown, options: LoadPackOptions): Promise<LoadPackResult> {
  try {
    return await load(json, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ path: '', message: `pack could not be loaded: ${message}` }] };
  }
}
