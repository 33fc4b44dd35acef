/**
 * Batch ingest. Each record is first judged against what the endpoint holds (a pure
 * decision, in request order, so a batch that carries two revisions of one record behaves
 * as if they came one after the other), then everything accepted is written set-based in
 * the batch's single transaction.
 */

import type { z } from 'zod';
import type {
  BatchEnvelope,
  BatchResponse,
  ItemResult,
  RecordType,
  RejectionCode,
} from '@/lib/shared/protocol/batch';
import { describeIssues, formatIssuePath, issuesText } from '@/lib/shared/protocol/issues';
import { type Flag, flagSchema, type Note, noteSchema } from '@/lib/shared/protocol/records';
import { UNSAFE_TEXT_ISSUE } from '@/lib/shared/protocol/text';
import type { Database } from './db/database';
import { recordDigest } from './record-digest';
import {
  loadStates,
  lockRecordIds,
  type RecordRow,
  type StoredState,
  writeRevisions,
} from './store/records';

/** Why a record failed its schema: the rejection code, the field it names, every issue. */
export interface Invalid {
  code: RejectionCode;
  /** The path inside the record of the issue the code stands for (`item.title`). */
  field: string;
  reason: string;
}

/** One envelope item after its record was parsed against its own schema. */
export type Candidate =
  | { type: RecordType; id: string; revision: number; invalid: Invalid }
  | { type: RecordType; id: string; revision: number; row: RecordRow };

const isUnsafeText = (issue: z.core.$ZodIssue) =>
  issue.code === 'custom' && (issue.params as { code?: unknown })?.code === UNSAFE_TEXT_ISSUE;
const isOutOfRange = (issue: z.core.$ZodIssue) =>
  issue.code === 'too_big' && (issue.origin === 'number' || issue.origin === 'int');

/**
 * The most specific code among the issues: text no database holds and integers beyond its
 * columns get their own codes (a client can tell a hostile page's string from a bug of its
 * own); anything else is `invalid_record`. All issues stay in the reason.
 */
function invalidOf(error: z.ZodError, index: number): Invalid {
  const { issues } = error;
  const text = issues.find(isUnsafeText);
  const range = issues.find(isOutOfRange);
  const decisive = text ?? range ?? issues[0];
  return {
    code: text ? 'invalid_text' : range ? 'out_of_range' : 'invalid_record',
    field: decisive ? formatIssuePath(decisive.path) : '(root)',
    reason: issuesText(describeIssues(error, `records[${index}].record`)),
  };
}

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
    if (!parsed.success) return { type, id, revision, invalid: invalidOf(parsed.error, index) };
    const record = parsed.data;
    const row: RecordRow = {
      id,
      type,
      revision,
      reviewer: record.reviewer,
      deleted: record.deleted,
      digest: recordDigest(record),
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
  const reject = (code: RejectionCode, reason: string, serverRevision?: number) => ({
    ...base,
    result: 'rejected' as const,
    code,
    reason,
    ...(serverRevision ? { serverRevision } : {}),
  });
  if ('invalid' in candidate) {
    const { code, reason, field } = candidate.invalid;
    return { ...reject(code, reason), field };
  }
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
    // Locked by id, whoever sends them: two reviewers creating one id at once are judged one
    // after the other, so only the first is told `created`. PGlite runs one transaction at a
    // time (server/db/pglite.ts): there the 500 locks would only cost time (about 40 ms a
    // batch; 12 ms on PostgreSQL).
    if (db.kind === 'postgres')
      await lockRecordIds(
        tx,
        candidates.map((c) => c.id),
      );
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
