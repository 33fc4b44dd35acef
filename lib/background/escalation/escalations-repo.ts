/**
 * Escalations in the extension's database. An escalation is written in the same
 * transaction as its flag (strict durability, like the outbox): once the reviewer sees
 * "escalated", it is on disk and the lane will deliver it, whatever stops the worker.
 */

import type { FlagpostDb, StoredFlag, WithSync } from '@/lib/background/store/db';
import type { EscalationRow } from '@/lib/background/store/escalation-row';
import { type Author, createFlag, type NewFlag } from '@/lib/background/store/flags-repo';
import { RecordNotFoundError } from '@/lib/background/store/records-repo';
import {
  type Escalation,
  type EscalationCategory,
  escalationCreateSchema,
} from '@/lib/shared/protocol/escalations';
import { newUlid } from '@/lib/shared/protocol/ids';
import { describeIssues, issuesText } from '@/lib/shared/protocol/issues';

export interface EscalationRequest {
  category: EscalationCategory | string;
  reason: string;
  /** SHA-256 of evidence snapshots the reviewer chose to attach. */
  evidence?: string[];
}

/** The reviewer's input was refused before anything was written; the message says why. */
export class EscalationInputError extends Error {
  override name = 'EscalationInputError';
}

const requestFieldsSchema = escalationCreateSchema.pick({ category: true, reason: true });

/**
 * Refuses a request whose category or reason the endpoint would refuse, before anything is
 * done for it (a snapshot is not captured for an escalation that cannot be made).
 */
export function checkEscalationRequest(request: EscalationRequest): void {
  const parsed = requestFieldsSchema.safeParse(request);
  if (!parsed.success)
    throw new EscalationInputError(`Cannot escalate: ${issuesText(describeIssues(parsed.error))}`);
}

function buildRow(flag: StoredFlag, request: EscalationRequest, now: string): EscalationRow {
  const parsed = escalationCreateSchema.safeParse({
    id: newUlid(Date.parse(now)),
    flagId: flag.id,
    category: request.category,
    reason: request.reason,
    item: flag.item,
    evidence: request.evidence ?? [],
    createdAt: now,
  });
  if (!parsed.success) {
    throw new EscalationInputError(`Cannot escalate: ${issuesText(describeIssues(parsed.error))}`);
  }
  return { ...parsed.data, lane: 'queued', attempts: 0, nextAttemptAt: 0, notified: [] };
}

const tablesFor = (db: FlagpostDb) => [
  db.flags,
  db.outbox,
  db.syncStates,
  db.ruleStats,
  db.flagCounters,
  db.escalations,
];

/** A new flag and its escalation, in one transaction: both are stored, or neither. */
export async function escalateNewFlag(
  db: FlagpostDb,
  input: NewFlag,
  request: EscalationRequest,
  author: Author,
): Promise<{ flag: WithSync<StoredFlag>; escalation: EscalationRow }> {
  return db.transaction('rw', tablesFor(db), async () => {
    const flag = await createFlag(db, input, author);
    const escalation = buildRow(flag, request, flag.createdAt);
    await db.escalations.add(escalation);
    return { flag, escalation };
  });
}

/**
 * Escalates a flag already stored. A flag has one escalation at most: escalating it again
 * returns the existing one instead of sending a second case to the leads.
 */
export async function escalateFlag(
  db: FlagpostDb,
  flagId: string,
  request: EscalationRequest,
  author: Author,
): Promise<EscalationRow> {
  return db.transaction('rw', [db.flags, db.escalations], async () => {
    const flag = await db.flags.get(flagId);
    if (!flag || flag.deleted) throw new RecordNotFoundError('flag', flagId);
    const existing = await db.escalations.where('flagId').equals(flagId).first();
    if (existing) return existing;
    const escalation = buildRow(flag, request, author.clock());
    await db.escalations.add(escalation);
    return escalation;
  });
}

/** Queued escalations due now, oldest first: the first case escalated goes first. */
export async function dueEscalations(db: FlagpostDb, now: number): Promise<EscalationRow[]> {
  const queued = await db.escalations.where('lane').equals('queued').sortBy('createdAt');
  return queued.filter((row) => row.nextAttemptAt <= now);
}

/** The earliest time a queued escalation may be sent again, or undefined when none waits. */
export async function nextDueAt(db: FlagpostDb): Promise<number | undefined> {
  const queued = await db.escalations.where('lane').equals('queued').toArray();
  return queued.length === 0 ? undefined : Math.min(...queued.map((row) => row.nextAttemptAt));
}

export async function markDelivered(
  db: FlagpostDb,
  id: string,
  remote: Escalation,
  at: string,
): Promise<void> {
  await db.escalations.update(id, (row) => {
    row.lane = 'delivered';
    row.deliveredAt ??= at;
    row.remote = remote;
    delete row.lastError;
  });
}

export async function markRetry(
  db: FlagpostDb,
  id: string,
  reason: string,
  nextAttemptAt: number,
): Promise<void> {
  await db.escalations.update(id, (row) => {
    row.attempts += 1;
    row.lastError = reason;
    row.nextAttemptAt = nextAttemptAt;
  });
}

export async function markRefused(db: FlagpostDb, id: string, reason: string): Promise<void> {
  await db.escalations.update(id, { lane: 'refused', lastError: reason });
}

/**
 * Takes the endpoint's newer view (from an event or a read); returns the row when it moved
 * to a state not yet announced, so the caller notifies the reviewer once per receipt.
 */
export async function applyRemote(
  db: FlagpostDb,
  remote: Escalation,
): Promise<{ row: EscalationRow; announce?: 'acknowledged' | 'resolved' } | undefined> {
  return db.transaction('rw', db.escalations, async () => {
    const row = await db.escalations.get(remote.id);
    if (!row) return undefined;
    row.remote = remote;
    if (row.lane !== 'delivered') {
      row.lane = 'delivered';
      row.deliveredAt ??= remote.receivedAt;
    }
    const state = remote.state;
    const announce =
      (state === 'acknowledged' || state === 'resolved') && !row.notified.includes(state)
        ? state
        : undefined;
    if (announce) row.notified = [...row.notified, announce];
    await db.escalations.put(row);
    return { row, announce };
  });
}

export const escalationsForFlag = (db: FlagpostDb, flagId: string) =>
  db.escalations.where('flagId').equals(flagId).toArray();

/** The escalations of these flags (an item's), in one indexed read. */
export async function escalationsForFlags(
  db: FlagpostDb,
  flagIds: readonly string[],
): Promise<EscalationRow[]> {
  if (flagIds.length === 0) return [];
  return db.escalations
    .where('flagId')
    .anyOf([...flagIds])
    .toArray();
}

/** This reviewer's escalations about a creator's items (the table holds a handful). */
export async function escalationsAboutCreator(
  db: FlagpostDb,
  platform: string,
  creatorId: string,
): Promise<EscalationRow[]> {
  return db.escalations
    .filter((row) => row.item.platform === platform && row.item.creatorId === creatorId)
    .toArray();
}
