/** Zod issues as PackErrors with readable JSON paths: "policies[3].rules[0].terms[12]". */
import type { z } from 'zod';
import type { PackError } from './types';

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) {
      out += out ? `.${part}` : part;
    } else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

function messageOf(issue: z.core.$ZodIssue): string {
  // A bad record key ("Bad Id" as a context id): say what the key must be.
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0];
    return inner ? `key ${inner.message}` : 'invalid key';
  }
  if (issue.code === 'invalid_type') {
    const expected =
      issue.expected === 'array' || issue.expected === 'object'
        ? `an ${issue.expected}`
        : `a ${issue.expected}`;
    return issue.message.startsWith('Invalid input') ? `must be ${expected}` : issue.message;
  }
  if (issue.code === 'too_small' && issue.message.startsWith('Too small')) {
    return issue.origin === 'array'
      ? `must have at least ${issue.minimum} item(s)`
      : `must be at least ${issue.minimum}`;
  }
  if (issue.code === 'too_big' && issue.message.startsWith('Too big')) {
    return issue.origin === 'array'
      ? `must have at most ${issue.maximum} item(s)`
      : `must be at most ${issue.maximum}`;
  }
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid')) {
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return issue.message;
}

/** Policy and rule ids found along the path, so errors name them as well. */
function idsAlong(
  root: unknown,
  path: ReadonlyArray<PropertyKey>,
): Pick<PackError, 'policyId' | 'ruleId'> {
  const out: Pick<PackError, 'policyId' | 'ruleId'> = {};
  let node: unknown = root;
  for (let k = 0; k < path.length; k++) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<PropertyKey, unknown>)[path[k] as string];
    const parent = path[k - 1];
    const idOf = (n: unknown) =>
      n && typeof n === 'object' && typeof (n as { id?: unknown }).id === 'string'
        ? (n as { id: string }).id
        : undefined;
    if (typeof path[k] === 'number' && parent === 'policies') out.policyId = idOf(node);
    if (typeof path[k] === 'number' && parent === 'rules' && k === 3) out.ruleId = idOf(node);
  }
  if (out.policyId === undefined) delete out.policyId;
  if (out.ruleId === undefined) delete out.ruleId;
  return out;
}

export function issuesToErrors(root: unknown, issues: readonly z.core.$ZodIssue[]): PackError[] {
  return issues.flatMap((issue) => {
    const ids = idsAlong(root, issue.path);
    // One error per unknown key, each at its own path ("policies[0].rules[0].unless").
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: jsonPath([...issue.path, key]),
        message: 'unknown key',
        ...ids,
      }));
    }
    return [{ path: jsonPath(issue.path), message: messageOf(issue), ...ids }];
  });
}
