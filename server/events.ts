/**
 * Escalation changes pushed to listeners (Server-Sent Events). One hub per database, so
 * every server sharing a database in this process hears every change; a lead's screen
 * updates the moment a transaction commits instead of on its next poll.
 */
import { EventEmitter } from 'node:events';
import type { EscalationEvent } from '@/lib/shared/protocol/escalations';
import type { Queryable } from './db/database';

const hubs = new WeakMap<Queryable, EventEmitter>();

function hubOf(db: Queryable): EventEmitter {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new EventEmitter();
    // Every open SSE stream is a listener; a team of leads easily passes Node's default 10.
    hub.setMaxListeners(0);
    hubs.set(db, hub);
  }
  return hub;
}

export function publishEscalation(db: Queryable, event: EscalationEvent): void {
  hubOf(db).emit('escalation', event);
}

/** Calls `listener` on every change until the returned function is called. */
export function subscribeEscalations(
  db: Queryable,
  listener: (event: EscalationEvent) => void,
): () => void {
  const hub = hubOf(db);
  hub.on('escalation', listener);
  return () => hub.off('escalation', listener);
}
