/**
 * The event bus over PostgreSQL LISTEN/NOTIFY: every instance on the database listens on
 * one channel, and an emit anywhere reaches the listeners everywhere, the emitting
 * instance included (its own notification comes back like everyone else's, so every
 * instance sees one order). A payload too large for a notification is spilled to
 * event_spill and the notification carries its id.
 */
import { EventEmitter } from 'node:events';
import type { Notifications, Queryable } from '../db/database';
import type { EventBus } from './event-bus';

const CHANNEL = 'flagpost_events';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; leave room for the envelope. */
const INLINE_LIMIT_BYTES = 7_000;
/** Every instance has read a spilled payload long before this. */
const SPILL_KEEP_MINUTES = 10;

type Envelope = { topic: string; payload: unknown } | { topic: string; spill: string };

export class PostgresEventBus implements EventBus {
  readonly #local = new EventEmitter();
  /** Notifications are handled one after another, so a spilled one cannot be overtaken. */
  #queue: Promise<void> = Promise.resolve();
  /**
   * Emits go out one after another too: a spilled payload's insert must not let a later,
   * smaller emit notify first, or listeners would see this instance's changes reordered.
   */
  #sending: Promise<void> = Promise.resolve();
  #listener: { close(): Promise<void> } | undefined;
  #sweep: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Queryable,
    private readonly notifications: Notifications,
    private readonly onError: (error: unknown) => void,
  ) {
    this.#local.setMaxListeners(0);
  }

  static async open(
    db: Queryable,
    notifications: Notifications,
    onError: (error: unknown) => void,
  ): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(db, notifications, onError);
    bus.#listener = await notifications.listen(CHANNEL, (text) => {
      bus.#queue = bus.#queue.then(() => bus.#deliver(text)).catch(onError);
    });
    bus.#sweep = setInterval(() => {
      db.query(
        `delete from event_spill where created_at < now() - interval '${SPILL_KEEP_MINUTES} minutes'`,
      ).catch(onError);
    }, 60_000);
    bus.#sweep.unref();
    return bus;
  }

  emit(topic: string, payload: unknown): void {
    this.publish(topic, payload).catch(this.onError);
  }

  /** Like emit, for callers that want to know the notification went out. */
  publish(topic: string, payload: unknown): Promise<void> {
    const sent = this.#sending.then(() => this.#publish(topic, payload));
    this.#sending = sent.catch(() => {});
    return sent;
  }

  on<T>(topic: string, listener: (payload: T) => void): void {
    this.#local.on(topic, listener);
  }

  off<T>(topic: string, listener: (payload: T) => void): void {
    this.#local.off(topic, listener);
  }

  async close(): Promise<void> {
    clearInterval(this.#sweep);
    await this.#sending;
    await this.#listener?.close();
    this.#listener = undefined;
    await this.#queue;
    this.#local.removeAllListeners();
  }

  async #publish(topic: string, payload: unknown): Promise<void> {
    const inline = JSON.stringify({ topic, payload } satisfies Envelope);
    if (Buffer.byteLength(inline) <= INLINE_LIMIT_BYTES) {
      await this.notifications.notify(CHANNEL, inline);
      return;
    }
    const { rows } = await this.db.query<{ id: string }>(
      'insert into event_spill (topic, payload) values ($1, $2) returning id',
      [topic, JSON.stringify(payload)],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('event_spill: the insert returned no id');
    await this.notifications.notify(
      CHANNEL,
      JSON.stringify({ topic, spill: String(id) } satisfies Envelope),
    );
  }

  async #deliver(text: string): Promise<void> {
    const envelope = JSON.parse(text) as Envelope;
    if ('spill' in envelope) {
      const { rows } = await this.db.query<{ payload: string }>(
        'select payload from event_spill where id = $1',
        [envelope.spill],
      );
      const row = rows[0];
      if (!row) throw new Error(`event_spill ${envelope.spill}: gone before it was read`);
      this.#local.emit(envelope.topic, JSON.parse(row.payload));
    } else this.#local.emit(envelope.topic, envelope.payload);
  }
}
