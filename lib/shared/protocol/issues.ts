/**
 * Turns Zod issues into `records[3].record.severity: Invalid option ...` lines, so a
 * reviewer or an operator can see what was wrong and where without reading a stack trace.
 */
import type { z } from 'zod';

export interface ValidationIssue {
  /** Where, in JavaScript accessor notation: `records[3].record.severity`. */
  path: string;
  message: string;
  /**
   * What kind of problem: Zod's issue code (`too_big`, `invalid_type`...), or the code a
   * protocol check names in its params (`unsafe_text`, lib/shared/protocol/text.ts).
   */
  code: string;
}

export function formatIssuePath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key))
      out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}

function issueCode(issue: z.core.$ZodIssue): string {
  const named =
    issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return typeof named === 'string' ? named : issue.code;
}

/** The issues of a failed parse, each with its full path from `root`. */
export function describeIssues(error: z.ZodError, root = ''): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: formatIssuePath(issue.path, root),
    message: issue.message,
    code: issueCode(issue),
  }));
}

/** One line per issue, for log lines and per-item rejection reasons. */
export function issuesText(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
