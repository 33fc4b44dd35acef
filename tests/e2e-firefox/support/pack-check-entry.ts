/**
 * Bundled by tests/e2e-firefox/pack-examples.spec.ts and run inside a browser page: the
 * policy engine as the extension runs it, on that browser's own JavaScript engine and Intl.
 * (Not loadPack: a plain page has no crypto.subtle for the digest, and the check is about
 * compilation, the examples and evaluation, which is the same code.)
 */
import { compilePack } from '@/lib/shared/policy/compile';
import { evaluate } from '@/lib/shared/policy/evaluate';
import { runExamples } from '@/lib/shared/policy/examples';
import { type PackSpec, packSchema } from '@/lib/shared/policy/pack-schema';
import type { PackError } from '@/lib/shared/policy/types';

export interface PackCheck {
  /** Every failing example (or compile error) of the pack, in this runtime. */
  errors: PackError[];
  /** Rule ids found in each text (same order), when the pack compiled. */
  findings: string[][];
}

export function checkPack(json: unknown, texts: string[]): PackCheck {
  const spec = packSchema.parse(json) as PackSpec;
  const compiled = compilePack(spec);
  if (!compiled.ok) return { errors: compiled.errors, findings: [] };
  return {
    errors: runExamples(spec, compiled.pack),
    findings: texts.map((text) =>
      evaluate(compiled.pack, { fields: { description: text } }).map(
        (f) => `${f.policyId}/${f.ruleId}`,
      ),
    ),
  };
}
