/**
 * A test reader for the escalation event stream (`GET /v1/escalations/events`): it keeps the
 * events of one name, parsed by their schema, and skips the others that share the stream.
 * `open` returns once the server's `: connected` comment arrives, so an event sent after it
 * cannot be missed by a subscription still in flight.
 */
import type { z } from 'zod';

export interface EventStream<T> {
  readonly response: Response;
  readonly events: T[];
  /** Resolves with the events once at least `count` have arrived. */
  waitFor(count: number): Promise<T[]>;
  close(): Promise<void>;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 10));

export async function openEventStream<S extends z.ZodType>(
  url: string,
  token: string,
  eventName: string,
  schema: S,
): Promise<EventStream<z.infer<S>>> {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/escalations/events`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: z.infer<S>[] = [];
  let buffer = '';
  let connected = false;
  let ended = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          if (lines.includes(': connected')) connected = true;
          const data = lines.find((line) => line.startsWith('data: '));
          if (data && lines.includes(`event: ${eventName}`))
            events.push(schema.parse(JSON.parse(data.slice('data: '.length))));
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      ended = true;
    }
  })();
  while (!connected) {
    if (ended) throw new Error(`event stream closed before connecting (HTTP ${response.status})`);
    await pause();
  }
  return {
    response,
    events,
    async waitFor(count) {
      while (events.length < count) await pause();
      return events;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}
