/**
 * Importing declarative adapters: a file is validated in full against the document its
 * selectors will run in, every error reported with its path, before anything is kept.
 */
import type { z } from 'zod';
import { declarativeSchemas } from '@/lib/shared/sites/declarative-schema';
import { createDeclarativeAdapter } from './declarative';
import type { SiteAdapter } from './types';

export interface DeclarativeError {
  /** Where in the imported data, e.g. `adapters[0].item.container`. */
  path: string;
  message: string;
}

export type DeclarativeResult =
  | { ok: true; adapters: SiteAdapter[] }
  | { ok: false; errors: DeclarativeError[] };

/** `['adapters', 0, 'item', 'container']` as `adapters[0].item.container`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** One line per error, as shown to whoever imported the file. */
export const formatDeclarativeErrors = (errors: readonly DeclarativeError[]) =>
  errors.map(({ path, message }) => (path ? `${path}: ${message}` : message)).join('\n');

/**
 * Validates an imported adapters file (`{adapters: [...]}`, or a bare array of adapters)
 * against the document its selectors will run in; all errors are reported, each with its path.
 */
export function parseDeclarativeAdapters(json: unknown, doc: Document): DeclarativeResult {
  const input = Array.isArray(json) ? { adapters: json } : json;
  const parsed = declarativeSchemas(doc).file.safeParse(input);
  const errors = [
    ...(parsed.success ? [] : issuesToErrors(parsed.error.issues)),
    ...duplicateIds(input),
  ];
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, adapters: parsed.data.adapters.map(createDeclarativeAdapter) };
}

/** Checked beside the schema so a duplicate is reported together with every other error. */
function duplicateIds(input: unknown): DeclarativeError[] {
  const adapters = (input as { adapters?: unknown } | null)?.adapters;
  if (!Array.isArray(adapters)) return [];
  const seen = new Set<string>();
  return adapters.flatMap((entry: unknown, i) => {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return [];
    if (!seen.has(id)) {
      seen.add(id);
      return [];
    }
    return [{ path: `adapters[${i}].id`, message: `duplicate id "${id}"` }];
  });
}

function issuesToErrors(issues: readonly z.core.$ZodIssue[]): DeclarativeError[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
