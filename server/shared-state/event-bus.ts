/**
 * Live updates (escalation changes for Server-Sent Events, later the console's) go through
 * an event bus, shaped like the part of EventEmitter the endpoint uses, so code written
 * against an in-process emitter adopts it unchanged. In memory for the embedded database
 * (one process); over PostgreSQL LISTEN/NOTIFY when several instances share a database,
 * so a change committed through one instance reaches the streams open on every other.
 */
import { EventEmitter } from 'node:events';
import type { Queryable } from '../db/database';

export interface EventBus {
  /**
   * Delivers `payload` to every listener of `topic`, on every instance sharing the bus.
   * Payloads must survive JSON: across instances listeners receive a parsed copy.
   */
  emit(topic: string, payload: unknown): void;
  on<T>(topic: string, listener: (payload: T) => void): void;
  off<T>(topic: string, listener: (payload: T) => void): void;
  close(): Promise<void>;
}

export class MemoryEventBus implements EventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Every open SSE stream is a listener; a team of leads easily passes Node's default 10.
    this.#emitter.setMaxListeners(0);
  }

  emit(topic: string, payload: unknown): void {
    this.#emitter.emit(topic, payload);
  }

  on<T>(topic: string, listener: (payload: T) => void): void {
    this.#emitter.on(topic, listener);
  }

  off<T>(topic: string, listener: (payload: T) => void): void {
    this.#emitter.off(topic, listener);
  }

  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}

/**
 * The bus each database's routes publish on. startServer acquires one per database and
 * releases it on close; servers sharing one open database in a process share its bus. A
 * database no server holds (a test publishing directly) gets an in-memory bus on first
 * use, which is what one process needs.
 */
const held = new WeakMap<Queryable, { bus: EventBus; holders: number }>();
const fallback = new WeakMap<Queryable, EventBus>();

export function eventBusFor(db: Queryable): EventBus {
  const bus = held.get(db)?.bus ?? fallback.get(db);
  if (bus) return bus;
  const created = new MemoryEventBus();
  fallback.set(db, created);
  return created;
}

/**
 * Holds `db`'s bus, made by `create` for the first holder; the last release closes it.
 */
export async function acquireEventBus(
  db: Queryable,
  create: () => Promise<EventBus>,
): Promise<{ bus: EventBus; release(): Promise<void> }> {
  let entry = held.get(db);
  if (!entry) {
    entry = { bus: await create(), holders: 0 };
    // Another holder may have created one while this one was connecting: keep the first.
    const raced = held.get(db);
    if (raced) {
      await entry.bus.close();
      entry = raced;
    } else held.set(db, entry);
  }
  entry.holders++;
  const current = entry;
  let released = false;
  return {
    bus: current.bus,
    async release() {
      if (released) return;
      released = true;
      current.holders--;
      if (current.holders > 0) return;
      if (held.get(db) === current) held.delete(db);
      await current.bus.close();
    },
  };
}
