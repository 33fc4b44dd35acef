/**
 * Strings and integers the endpoint's database can hold. Everything a reviewer records can
 * come from a hostile page (a product name in JSON-LD), and PostgreSQL refuses two kinds of
 * string that JavaScript and JSON allow: U+0000 (in `text` and in `jsonb`) and a lone UTF-16
 * surrogate (JSON.stringify writes it as a `\udXXX` escape, which `jsonb` refuses). Integers
 * beyond an `integer` column fail the same way. Refused at the schema instead, they are a
 * per-record rejection naming the field, never a database error that fails a whole batch.
 */
import { z } from 'zod';

/** The `code` in a refused string's issue params, and in the endpoint's issue list. */
export const UNSAFE_TEXT_ISSUE = 'unsafe_text';

/** Largest value of a PostgreSQL `integer` column (and of any integer on the wire). */
export const MAX_WIRE_INT = 2_147_483_647;

// A high surrogate not followed by a low one, or a low one not preceded by a high one (the
// pattern has no `u` flag, so it sees UTF-16 code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSAFE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);

// A cheap first look (no lookaround): almost all text has neither NUL nor any surrogate.
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what it looks for
const MAYBE_UNSAFE = /[\u0000\uD800-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  if (!MAYBE_UNSAFE.test(text)) return undefined;
  const found = UNSAFE.exec(text);
  if (!found) return undefined;
  const unit = found[0].charCodeAt(0);
  const at = `at index ${found.index}`;
  if (unit === 0) return `must not contain U+0000 (NUL) (${at})`;
  const hex = unit.toString(16).toUpperCase();
  return `must not contain a lone surrogate U+${hex} (${at})`;
}

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

/**
 * Text made storable: U+0000 removed and lone surrogates replaced by U+FFFD, as a browser's
 * TextEncoder would. For code that turns page text into records, so that a hostile page's
 * string still makes a flag instead of a record the endpoint refuses.
 */
export function toWireText(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

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
