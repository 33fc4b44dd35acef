/**
 * Strings and integers the endpoint's database can hold. Everything a reviewer records can
 * come from a hostile page (a product name in JSON-LD), and PostgreSQL refuses two kinds of
 * string that JavaScript and JSON allow: U+0000 (in `text` and in `jsonb`) and a lone UTF-16
 * surrogate (JSON.stringify writes it as a `\udXXX` escape, which `jsonb` refuses). Integers
 * beyond an `integer` column fail the same way. Refused at the schema instead, they are a
 * per-record rejection naming the field, never a database error that fails a whole batch.
 */
import { z } from 'zod';
import { unsafeTextReason } from './wire-text';

export { toWireText, unsafeTextReason } from './wire-text';

/** The `code` in a refused string's issue params, and in the endpoint's issue list. */
export const UNSAFE_TEXT_ISSUE = 'unsafe_text';

/** Largest value of a PostgreSQL `integer` column (and of any integer on the wire). */
export const MAX_WIRE_INT = 2_147_483_647;

/** A check for any string schema (`z.url().check(refuseUnsafeText)`): see wireString. */
export function refuseUnsafeText(ctx: z.core.ParsePayload<string>): void {
  const reason = unsafeTextReason(ctx.value);
  if (reason)
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: reason,
      params: { code: UNSAFE_TEXT_ISSUE },
      continue: true,
    });
}

/**
 * A wire string: any text except U+0000 and lone surrogates. Every string schema of the
 * protocol starts here or carries refuseUnsafeText (tests/unit/shared/protocol replaces
 * every string of every sample and expects this issue).
 */
export const wireString = () => z.string().check(refuseUnsafeText);

/** An integer a PostgreSQL `integer` column holds. */
export const wireInt = () => z.int().max(MAX_WIRE_INT);

/** The path and reason of the first string anywhere in `value` (keys included) that is unsafe. */
export function findUnsafeText(
  value: unknown,
  path: PropertyKey[] = [],
): { path: PropertyKey[]; reason: string } | undefined {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? { path, reason } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnsafeText(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = unsafeTextReason(key);
      if (keyReason) return { path, reason: `a key ${keyReason}` };
      const found = findUnsafeText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Any JSON value whose strings are all wire strings (a policy pack, stored as published). */
export const wireJson = () =>
  z.unknown().check((ctx) => {
    const found = findUnsafeText(ctx.value);
    if (found)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: found.path,
        message: found.reason,
        params: { code: UNSAFE_TEXT_ISSUE },
        continue: true,
      });
  });
