import { describe, expect, it } from 'vitest';
import { createDecisionStream, parseSse } from '@/lib/background/escalation/event-stream';
import type { RecordedEnforcementAction } from '@/lib/shared/protocol/enforcement-feed';
import type { EscalationEvent } from '@/lib/shared/protocol/escalations';

describe('parseSse', () => {
  it('splits frames on blank lines, joins data lines, skips comments, keeps the tail', () => {
    const { frames, rest } = parseSse(
      ': connected\n\nid: 1\nevent: escalation\ndata: {"a":\ndata: 1}\n\r\nevent: enforcement\r\ndata: x\r\n\r\ndata: partial',
    );
    expect(frames).toEqual([
      { event: 'escalation', data: '{"a":\n1}', id: '1' },
      { event: 'enforcement', data: 'x' },
    ]);
    expect(rest).toBe('data: partial');
  });

  it('defaults the event name to "message" and ignores frames without data', () => {
    expect(parseSse('data:no space\n\nevent: x\n\n').frames).toEqual([
      { event: 'message', data: 'no space' },
    ]);
  });
});

const escalation = {
  id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  flagId: '01JABCDEFGHJKMNPQRSTVWXYZ1',
  reviewer: 'alice',
  // A category a newer endpoint knows and this release does not: kept, never dropped.
  category: 'mass_casualty_event',
  reason: 'Live stream of a crowd crush.',
  item: { platform: 'shopvid', kind: 'live', itemId: 'l1', url: 'https://shopvid.example/l/1' },
  evidence: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  state: 'acknowledged',
  receivedAt: '2026-12-01T10:00:00.100Z',
  acknowledgeDueAt: '2026-12-01T10:02:00.100Z',
  resolveDueAt: '2026-12-01T10:30:00.100Z',
  acknowledgedBy: 'lead-lin',
  acknowledgedAt: '2026-12-01T10:00:05.000Z',
  resolvedBy: null,
  resolvedAt: null,
  outcome: null,
};

const action = {
  id: '01JABCDEFGHJKMNPQRSTVWXYZ2',
  creator: { platform: 'shopvid', creatorId: 'c1' },
  action: 'suspended',
  reason: 'Weapons.',
  at: '2026-12-01T09:00:00.000Z',
  recordedAt: '2026-12-01T10:00:06.000Z',
};

/** A fetch that answers with an event stream of these chunks, then ends it. */
function streamFetch(chunks: string[], status = 200): typeof fetch {
  return (async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    return new Response(body, {
      status,
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
    });
  }) as typeof fetch;
}

describe('decision stream', () => {
  it('delivers valid events across chunk boundaries, skips malformed ones, reconnects after the end', async () => {
    const escalations: EscalationEvent[] = [];
    const actions: RecordedEnforcementAction[] = [];
    const drops: string[] = [];
    const waits: number[] = [];
    const event = `event: escalation\ndata: ${JSON.stringify({ change: 'acknowledged', escalation })}\n\n`;
    let connected = 0;
    const done = new Promise<void>((resolve) => {
      const stream = createDecisionStream({
        config: async () => ({ endpointUrl: 'http://127.0.0.1:1/', token: 't' }),
        fetch: streamFetch([
          ': connected\n\n',
          event.slice(0, 40),
          event.slice(40),
          'event: escalation\ndata: {"change":"created"}\n\n',
          'event: enforcement\ndata: not json\n\n',
          `event: enforcement\ndata: ${JSON.stringify(action)}\n\n`,
        ]),
        onEscalation: (e) => void escalations.push(e),
        onEnforcement: (a) => void actions.push(a),
        onConnected: () => void connected++,
        onDropped: (reason) => {
          drops.push(reason);
          stream.stop();
          resolve();
        },
        random: () => 0,
        setTimer: (_run, ms) => waits.push(ms),
        clearTimer: () => {},
      });
      stream.start();
      // A second start while connecting opens no second connection.
      stream.start();
    });
    await done;
    expect(connected).toBe(1);
    expect(escalations.map((e) => [e.change, e.escalation.category])).toEqual([
      ['acknowledged', 'mass_casualty_event'],
    ]);
    expect(actions.map((a) => a.id)).toEqual([action.id]);
    expect(drops).toEqual(['The endpoint closed the stream']);
  });

  it('says why it could not open, and waits 1 s doubling (jittered) before trying again', async () => {
    const drops: string[] = [];
    const waits: number[] = [];
    const runs: (() => void)[] = [];
    const stream = createDecisionStream({
      config: async () => ({ endpointUrl: 'http://127.0.0.1:1/', token: 't' }),
      fetch: streamFetch([], 503),
      onEscalation: () => {},
      onEnforcement: () => {},
      onDropped: (reason) => drops.push(reason),
      random: () => 1,
      setTimer: (run, ms) => {
        waits.push(ms);
        runs.push(run);
      },
      clearTimer: () => {},
    });
    stream.start();
    for (let i = 0; i < 3; i++) {
      while (runs.length <= i) await new Promise((r) => setTimeout(r, 1));
      runs[i]!();
    }
    while (drops.length < 4) await new Promise((r) => setTimeout(r, 1));
    stream.stop();
    expect(drops[0]).toBe('HTTP 503');
    expect(waits.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(stream.connected()).toBe(false);
  });
});
