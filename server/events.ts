/**
 * Escalation changes pushed to listeners (Server-Sent Events), on the database's event bus
 * (server/shared-state/event-bus.ts): in memory on the embedded database, over PostgreSQL
 * LISTEN/NOTIFY when several instances share one, so a lead's stream on any instance hears
 * a change the moment it commits on another.
 */
import type { RecordedEnforcementAction } from '@/lib/shared/protocol/enforcement-feed';
import type { EscalationEvent } from '@/lib/shared/protocol/escalations';
import type { Queryable } from './db/database';
import { eventBusFor } from './shared-state/event-bus';

const TOPIC = 'escalation';

export function publishEscalation(db: Queryable, event: EscalationEvent): void {
  eventBusFor(db).emit(TOPIC, event);
}

/** Calls `listener` on every change until the returned function is called. */
export function subscribeEscalations(
  db: Queryable,
  listener: (event: EscalationEvent) => void,
): () => void {
  const bus = eventBusFor(db);
  bus.on<EscalationEvent>(TOPIC, listener);
  return () => bus.off<EscalationEvent>(TOPIC, listener);
}

const ENFORCEMENT_TOPIC = 'enforcement';

/** An enforcement action recorded on a creator (by a lead's resolution or the governance system). */
export function publishEnforcement(db: Queryable, action: RecordedEnforcementAction): void {
  eventBusFor(db).emit(ENFORCEMENT_TOPIC, action);
}

export function subscribeEnforcement(
  db: Queryable,
  listener: (action: RecordedEnforcementAction) => void,
): () => void {
  const bus = eventBusFor(db);
  bus.on<RecordedEnforcementAction>(ENFORCEMENT_TOPIC, listener);
  return () => bus.off<RecordedEnforcementAction>(ENFORCEMENT_TOPIC, listener);
}
