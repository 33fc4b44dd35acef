/**
 * Escalation changes pushed to listeners (Server-Sent Events), on the database's event bus
 * (server/shared-state/event-bus.ts): in memory on the embedded database, over PostgreSQL
 * LISTEN/NOTIFY when several instances share one, so a lead's stream on any instance hears
 * a change the moment it commits on another.
 */
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
