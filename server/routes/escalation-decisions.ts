/**
 * A lead's decisions on an escalation (acknowledge, resolve), the same whether they come
 * over /v1 (a lead token) or from the console (a lead's session): one answer for each
 * outcome of the store, and every change pushed to the listeners, so a resolution that
 * records an enforcement action reaches the enforcement feed from either door.
 */
import { escalationResolveSchema } from '@/lib/shared/protocol/escalations';
import { MAX_SMALL_BODY_BYTES } from '@/lib/shared/protocol/limits';
import { recordIdSchema } from '@/lib/shared/protocol/records';
import { publishEnforcement, publishEscalation } from '../events';
import { parseWith, readJson } from '../http/body';
import { HttpError } from '../http/respond';
import type { Reply, RequestContext } from '../http/router';
import { recordedActionById } from '../store/enforcement-feed';
import { acknowledgeEscalation, resolveEscalation } from '../store/escalations';

/** The escalation id in the path, a ULID. */
export function escalationIdParam(ctx: RequestContext): string {
  const parsed = recordIdSchema.safeParse(ctx.params.id);
  if (!parsed.success) {
    throw new HttpError(400, 'bad_request', 'The escalation id in the path must be a ULID.');
  }
  return parsed.data;
}

/** The same answer whether it does not exist or is someone else's: ids are not disclosed. */
export const escalationNotFound = (id: string) =>
  new HttpError(404, 'not_found', `No escalation ${id}.`);

/** Acknowledge as `reviewer`; acknowledging twice is not a change and answers the same. */
export async function acknowledgeAs(ctx: RequestContext, reviewer: string): Promise<Reply> {
  const id = escalationIdParam(ctx);
  const result = await acknowledgeEscalation(ctx.db, id, reviewer);
  if (result.kind === 'not_found') throw escalationNotFound(id);
  if (result.kind === 'conflict') {
    throw new HttpError(409, 'conflict', `Escalation ${id} is already resolved.`);
  }
  if (result.kind === 'changed') {
    publishEscalation(ctx.db, { change: 'acknowledged', escalation: result.escalation });
  }
  return { status: 200, body: result.escalation };
}

/** Resolve as `reviewer` with the outcome in the body (and its enforcement action, if any). */
export async function resolveAs(ctx: RequestContext, reviewer: string): Promise<Reply> {
  const id = escalationIdParam(ctx);
  const body = await readJson(ctx.req, MAX_SMALL_BODY_BYTES);
  const outcome = parseWith(escalationResolveSchema, body, 'Invalid resolution');
  const result = await resolveEscalation(ctx.db, id, reviewer, outcome);
  if (result.kind === 'not_found') throw escalationNotFound(id);
  if (result.kind === 'no_creator') {
    throw new HttpError(
      400,
      'validation_failed',
      `Escalation ${id} names no creator, so an enforcement action cannot be recorded.`,
    );
  }
  if (result.kind === 'conflict') {
    throw new HttpError(
      409,
      'conflict',
      `Escalation ${id} was already resolved with another outcome.`,
    );
  }
  if (result.kind === 'changed') {
    publishEscalation(ctx.db, { change: 'resolved', escalation: result.escalation });
    const actionId = result.escalation.outcome?.enforcementAction?.id;
    const recorded = actionId ? await recordedActionById(ctx.db, actionId) : undefined;
    if (recorded) publishEnforcement(ctx.db, recorded);
  }
  return { status: 200, body: result.escalation };
}
