/**
 * The endpoint's event stream (/v1/escalations/events) read over fetch: a service worker has
 * no EventSource, and the stream needs the bearer token in a header. Receipts (an
 * acknowledgement, a resolution) and enforcement actions arrive the moment they commit;
 * while the stream is down, it reconnects (1 s doubling to 30 s, jittered) and the caller
 * falls back to polling. Every event is validated: a malformed one is skipped and counted,
 * never fatal, and an escalation with a category this release does not know is kept.
 */
import type { EndpointConfig } from '@/lib/background/sync/transport';
import {
  type RecordedEnforcementAction,
  recordedEnforcementActionSchema,
} from '@/lib/shared/protocol/enforcement-feed';
import { type EscalationEvent, escalationEventSchema } from '@/lib/shared/protocol/escalations';
import { escalationsUrl } from './send-escalation';

export interface SseFrame {
  event: string;
  data: string;
  id?: string;
}

/**
 * Splits Server-Sent Events text into frames (the WHATWG rules that matter here: CRLF, CR or
 * LF line ends, comments, multi-line data, "event" defaulting to "message"). Returns the
 * frames and the incomplete tail to keep for the next chunk.
 */
export function parseSse(buffer: string): { frames: SseFrame[]; rest: string } {
  const frames: SseFrame[] = [];
  const text = buffer.replace(/\r\n?/g, '\n');
  let start = 0;
  for (let end = text.indexOf('\n\n', start); end >= 0; end = text.indexOf('\n\n', start)) {
    const block = text.slice(start, end);
    start = end + 2;
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length > 0) frames.push({ event, data: data.join('\n'), ...(id ? { id } : {}) });
  }
  return { frames, rest: text.slice(start) };
}

export interface DecisionStreamOptions {
  config: () => Promise<EndpointConfig | undefined>;
  onEscalation: (event: EscalationEvent) => Promise<void> | void;
  onEnforcement: (action: RecordedEnforcementAction) => Promise<void> | void;
  /** The stream is open: catch up on what was missed while it was not. */
  onConnected?: () => Promise<void> | void;
  /** The stream closed or could not open (the caller polls meanwhile). */
  onDropped?: (reason: string) => void;
  fetch?: typeof fetch;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface DecisionStream {
  /** Opens the stream unless it is open or opening; a waiting reconnect starts at once. */
  start(): void;
  stop(): void;
  connected(): boolean;
  /** Events skipped because they did not validate (for diagnostics and tests). */
  skipped(): number;
}

export const STREAM_FIRST_RETRY_MS = 1_000;
export const STREAM_MAX_RETRY_MS = 30_000;
/** The server comments every 15 s; silence for this long means a dead connection. */
const SILENCE_MS = 45_000;
/** The server writes the head and a first comment at once; this long without: retry. */
const HEAD_TIMEOUT_MS = 15_000;

export function createDecisionStream(options: DecisionStreamOptions): DecisionStream {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let controller: AbortController | undefined;
  /** Set from the call to open() until its connection ends: one connection at a time. */
  let busy = false;
  let isOpen = false;
  let failures = 0;
  let retryTimer: unknown;
  let stopped = true;
  let skippedCount = 0;

  async function handle(frame: SseFrame): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(frame.data);
    } catch {
      skippedCount++;
      return;
    }
    if (frame.event === 'escalation') {
      const parsed = escalationEventSchema.safeParse(json);
      if (parsed.success) await options.onEscalation(parsed.data);
      else skippedCount++;
    } else if (frame.event === 'enforcement') {
      const parsed = recordedEnforcementActionSchema.safeParse(json);
      if (parsed.success) await options.onEnforcement(parsed.data);
      else skippedCount++;
    }
  }

  async function connect(): Promise<string> {
    const config = await options.config();
    if (!config) return 'no endpoint configured';
    const abort = new AbortController();
    controller = abort;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const listen = () => {
      if (silence) clearTimeout(silence);
      silence = setTimeout(() => abort.abort(), SILENCE_MS);
    };
    try {
      // A proxy that buffers whole answers never passes the head on: give up and retry.
      const headTimer = setTimeout(() => abort.abort(), HEAD_TIMEOUT_MS);
      const response = await doFetch(escalationsUrl(config.endpointUrl, '/events'), {
        headers: { authorization: `Bearer ${config.token}`, accept: 'text/event-stream' },
        signal: abort.signal,
        cache: 'no-store',
      }).finally(() => clearTimeout(headTimer));
      if (!response.ok || !response.body) return `HTTP ${response.status}`;
      if (!(response.headers.get('content-type') ?? '').includes('text/event-stream'))
        return 'The endpoint did not answer with an event stream';
      isOpen = true;
      failures = 0;
      listen();
      await options.onConnected?.();
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'The endpoint closed the stream';
        listen();
        buffer += decoder.decode(value, { stream: true });
        const { frames, rest } = parseSse(buffer);
        buffer = rest;
        for (const frame of frames) await handle(frame);
      }
    } catch (error) {
      return abort.signal.aborted && stopped
        ? 'stopped'
        : `Stream error: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      if (silence) clearTimeout(silence);
      isOpen = false;
      if (controller === abort) controller = undefined;
    }
  }

  function open(): void {
    if (stopped || busy) return;
    busy = true;
    void connect().then((reason) => {
      busy = false;
      if (stopped) return;
      options.onDropped?.(reason);
      failures++;
      const ceiling = Math.min(
        STREAM_MAX_RETRY_MS,
        STREAM_FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1),
      );
      retryTimer = setTimer(
        () => {
          retryTimer = undefined;
          open();
        },
        Math.round(ceiling * (0.5 + random() * 0.5)),
      );
    });
  }

  return {
    start() {
      stopped = false;
      if (retryTimer !== undefined) {
        clearTimer(retryTimer);
        retryTimer = undefined;
      }
      open();
    },
    stop() {
      stopped = true;
      if (retryTimer !== undefined) clearTimer(retryTimer);
      retryTimer = undefined;
      controller?.abort();
    },
    connected: () => isOpen,
    skipped: () => skippedCount,
  };
}
