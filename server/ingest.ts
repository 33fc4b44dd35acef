/**
 * Batch ingest. Each record is first judged against what the endpoint holds (a pure
 * decision, in request order, so a batch that carries two revisions of one record behaves
 * as if they came one after the other), then everything accepted is written set-based in
 * the batch's single transaction.
 */
import type {
  BatchEnvelope,
  BatchResponse,
  ItemResult,
  RecordType,
} from '@/lib/shared/protocol/batch';
import { describeIssues, issuesText } from '@/lib/shared/protocol/issues';
import { type Flag, flagSchema, type Note, noteSchema } from '@/lib/shared/protocol/records';
import { canonicalJson, sha256Hex } from './canonical-json';
import type { Database } from './db/database';
import {
  loadStates,
  lockReviewer,
  type RecordRow,
  type StoredState,
  writeRevisions,
} from './store/records';

/** One envelope item after its record was parsed against its own schema. */
export type Candidate =
  | { type: RecordType; id: string; revision: number; invalid: string }
  | { type: RecordType; id: string; revision: number; row: RecordRow };

function subjectOf(type: RecordType, record: Flag | Note) {
  if (type === 'flag') {
    const { item } = record as Flag;
    return { platform: item.platform, creatorId: item.creatorId ?? null };
  }
  const { target } = record as Note;
  return target.type === 'creator'
    ? { platform: target.creator.platform, creatorId: target.creator.creatorId }
    : { platform: target.item.platform, creatorId: target.item.creatorId ?? null };
}

export function toCandidates(envelope: BatchEnvelope): Candidate[] {
  return envelope.records.map((item, index) => {
    const { type } = item;
    const { id, revision } = item.record;
    const parsed =
      type === 'flag' ? flagSchema.safeParse(item.record) : noteSchema.safeParse(item.record);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error, `records[${index}].record`);
      return { type, id, revision, invalid: issuesText(issues) };
    }
    const record = parsed.data;
    const row: RecordRow = {
      id,
      type,
      revision,
      reviewer: record.reviewer,
      deleted: record.deleted,
      digest: sha256Hex(canonicalJson(record)),
      body: record,
      ...subjectOf(type, record),
    };
    return { type, id, revision, row };
  });
}

/** The outcome of one candidate against the state the endpoint holds for its id. */
export function decide(
  candidate: Candidate,
  stored: StoredState | undefined,
  reviewer: string,
): ItemResult {
  const { type, id, revision } = candidate;
  const base = { type, id, revision };
  const reject = (code: ItemResult['code'], reason: string, serverRevision?: number) => ({
    ...base,
    result: 'rejected' as const,
    code,
    reason,
    ...(serverRevision ? { serverRevision } : {}),
  });
  if ('invalid' in candidate) return reject('invalid_record', candidate.invalid);
  const { row } = candidate;
  if (row.reviewer !== reviewer) {
    return reject(
      'reviewer_mismatch',
      `record reviewer "${row.reviewer}" is not this token's reviewer "${reviewer}"`,
    );
  }
  if (!stored) return { ...base, result: 'created', serverRevision: revision };
  if (stored.reviewer !== reviewer) {
    return reject('not_owner', `id ${id} belongs to another reviewer's record`);
  }
  if (stored.type !== type) {
    return reject('type_mismatch', `id ${id} is already a ${stored.type}, not a ${type}`);
  }
  if (revision < stored.revision) {
    return { ...base, result: 'stale', serverRevision: stored.revision };
  }
  if (revision === stored.revision) {
    return stored.digest === row.digest
      ? { ...base, result: 'unchanged', serverRevision: stored.revision }
      : reject(
          'revision_conflict',
          `revision ${revision} of ${id} is already stored with different content; send a new revision`,
          stored.revision,
        );
  }
  return { ...base, result: 'updated', serverRevision: revision };
}

const emptyCounts = (): BatchResponse['counts'] => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  stale: 0,
  rejected: 0,
});

/** Ingests one batch for `reviewer` in one transaction. */
export async function ingestBatch(
  db: Database,
  reviewer: string,
  candidates: readonly Candidate[],
): Promise<BatchResponse> {
  return db.transaction(async (tx) => {
    await lockReviewer(tx, reviewer);
    const states = await loadStates(tx, [...new Set(candidates.map((c) => c.id))]);
    const results: ItemResult[] = [];
    const accepted: RecordRow[] = [];
    const latest = new Map<string, RecordRow>();
    const counts = emptyCounts();
    for (const candidate of candidates) {
      const result = decide(candidate, states.get(candidate.id), reviewer);
      results.push(result);
      counts[result.result] += 1;
      if ((result.result === 'created' || result.result === 'updated') && 'row' in candidate) {
        const { row } = candidate;
        accepted.push(row);
        latest.set(row.id, row);
        states.set(row.id, row);
      }
    }
    await writeRevisions(tx, accepted, new Set(latest.values()));
    return { results, counts };
  });
}
