/**
 * How an imported record meets the local one with the same id. Revisions order a record's
 * versions, so the higher revision wins and an older one never overwrites a newer one. Two
 * different contents under one revision means the record was edited apart on two devices:
 * neither can be called newer, so the local one is kept unchanged and the import reports a
 * conflict for the reviewer to resolve by hand (edit it, which makes a higher revision).
 */
import { canonicalJson } from '@/lib/shared/canonical-json';

export type MergeOutcome = 'added' | 'updated' | 'unchanged' | 'older' | 'conflict';

export interface Revisioned {
  id: string;
  revision: number;
}

/** Content as the wire sees it: '' and absent optional text are the same (CSV cannot tell). */
export function contentKey(record: object): string {
  return canonicalJson(
    JSON.parse(JSON.stringify(record), (_key, value: unknown) =>
      value === '' ? undefined : value,
    ),
  );
}

export function mergeOutcome<T extends Revisioned>(
  local: T | undefined,
  incoming: T,
  sameContent: (a: T, b: T) => boolean,
): MergeOutcome {
  if (!local) return 'added';
  if (incoming.revision > local.revision) return 'updated';
  if (incoming.revision < local.revision) return 'older';
  return sameContent(local, incoming) ? 'unchanged' : 'conflict';
}
