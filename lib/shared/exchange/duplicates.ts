/** A file that holds one record twice is ambiguous (which one wins?): refuse it. */
import type { ImportProblem } from './envelope';

export function duplicateProblems(
  keys: readonly string[],
  where: (index: number) => string,
  what: string,
): ImportProblem[] {
  const first = new Map<string, number>();
  const problems: ImportProblem[] = [];
  keys.forEach((key, index) => {
    const seen = first.get(key);
    if (seen === undefined) first.set(key, index);
    else
      problems.push({
        where: where(index),
        message: `${what} ${key} appears twice (also at ${where(seen)})`,
      });
  });
  return problems;
}
