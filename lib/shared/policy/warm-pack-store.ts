/**
 * What a warm service-worker start reuses besides the kept term index (term-index-store.ts):
 * the pack spec packSchema's parse returned (validation and clause preprocessing are a
 * large part of a start) and the pattern programs. The entry is found by a content key of
 * the pack's JSON, so the canonical digest need not be computed either: the key is a
 * SHA-256 of JSON.stringify, which is native and about ten times cheaper than the canonical
 * form, and as sound for this use: JSON.stringify writes different JSON values as different
 * strings (key order included, so an equal pack written in another order only misses the
 * entry). Everything read back is checked for shape; anything wrong reads as "no entry" and
 * the pack loads the full way (load-pack.ts also falls back if the kept spec fails to compile).
 */
import type { PackSpec } from './pack-schema';
import {
  ASSERT,
  ASSERT_KINDS,
  CLASS,
  JMP,
  MAX_PROGRAM,
  type SafeRegex,
  SPLIT,
} from './regex-program';

/** Bumped when the shape of PackSpec or SafeRegex changes. */
export const WARM_PACK_FORMAT = 1;

export interface WarmPack {
  format: number;
  /** packContentKey of the JSON the spec was validated from. */
  contentKey: string;
  spec: PackSpec;
  /** Every pattern program of the pack (compileRegex depends only on the source). */
  patterns: SafeRegex[];
}

/** What a load can reuse from a warm entry. */
export interface WarmSpec {
  spec: PackSpec;
  patterns: ReadonlyMap<string, SafeRegex>;
}

/** SHA-256 (hex) of JSON.stringify(json): the key a warm entry is found by. */
export async function packContentKey(json: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(json));
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of hash) hex += b.toString(16).padStart(2, '0');
  return hex;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const optional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);

function validExamples(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.mustMatch) && Array.isArray(value.mustNotMatch);
}

function validRule(value: unknown): boolean {
  return (
    isObject(value) && isString(value.id) && isString(value.kind) && validExamples(value.examples)
  );
}

function validPolicy(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { id, title, description, guidance, severity, rules } = value;
  if (![id, title, description, guidance, severity].every(isString)) return false;
  return Array.isArray(rules) && rules.length > 0 && rules.every(validRule);
}

/**
 * The spec's outline: what load-pack.ts and compile.ts read before anything can fail softly
 * (a deeper fault makes a rule fail to compile, and the pack then loads the full way).
 */
function validSpec(value: unknown): value is PackSpec {
  if (!isObject(value) || !isString(value.id) || !isString(value.version)) return false;
  if (!optional(value.title, isString)) return false;
  if (!Array.isArray(value.policies) || value.policies.length === 0) return false;
  if (!value.policies.every(validPolicy)) return false;
  const contexts = value.contexts;
  if (contexts !== undefined) {
    if (!isObject(contexts)) return false;
    if (!Object.values(contexts).every((c) => isObject(c) && validExamples(c.examples)))
      return false;
  }
  const signature = value.signature;
  return optional(
    signature,
    (s) => isObject(s) && isString(s.alg) && isString(s.keyId) && isString(s.value),
  );
}

/** A program the Pike VM can run without reading outside its arrays. */
function validRegex(value: unknown): value is SafeRegex {
  if (!isObject(value) || !isString(value.source)) return false;
  const { ops, arg1, arg2, classes, firstAscii, firstRanges, literals } = value;
  if (!(ops instanceof Uint8Array) || !(arg1 instanceof Int32Array)) return false;
  if (!(arg2 instanceof Int32Array) || !Array.isArray(classes)) return false;
  const n = ops.length;
  if (n === 0 || n > MAX_PROGRAM || arg1.length !== n || arg2.length !== n) return false;
  const validClass = (c: unknown) =>
    isObject(c) &&
    c.ranges instanceof Int32Array &&
    c.ranges.length % 2 === 0 &&
    typeof c.negate === 'boolean';
  if (!classes.every(validClass)) return false;
  const target = (t: number) => t >= 0 && t < n;
  for (let pc = 0; pc < n; pc++) {
    const op = ops[pc]!;
    if (op > ASSERT) return false;
    if (op === CLASS && !(arg1[pc]! >= 0 && arg1[pc]! < classes.length)) return false;
    if (op === JMP && !target(arg1[pc]!)) return false;
    if (op === SPLIT && !(target(arg1[pc]!) && target(arg2[pc]!))) return false;
    if (op === ASSERT && !(arg1[pc]! >= 0 && arg1[pc]! < ASSERT_KINDS.length)) return false;
  }
  // Both first sets or neither (pike-vm.ts reads them together).
  if (firstAscii === undefined) {
    if (firstRanges !== undefined) return false;
  } else if (!(firstAscii instanceof Uint8Array) || firstAscii.length !== 128) return false;
  else if (!(firstRanges instanceof Int32Array) || firstRanges.length % 2 !== 0) return false;
  return optional(literals, (l) => Array.isArray(l) && l.every(isString));
}

/** The kept spec and programs if the entry is well formed and was made from this JSON. */
export function warmSpecOf(value: unknown, contentKey: string): WarmSpec | undefined {
  if (!isObject(value) || value.format !== WARM_PACK_FORMAT) return undefined;
  if (value.contentKey !== contentKey || !Array.isArray(value.patterns)) return undefined;
  if (!value.patterns.every(validRegex) || !validSpec(value.spec)) return undefined;
  const patterns = new Map<string, SafeRegex>();
  for (const regex of value.patterns as SafeRegex[]) patterns.set(regex.source, regex);
  return { spec: value.spec, patterns };
}
