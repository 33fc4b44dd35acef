/**
 * The bisection on its own, against an endpoint written as a function of the batch: the
 * paths the real endpoint cannot be made to take on purpose (a 400 for one record the
 * client thinks valid, an endpoint going down halfway). poison-chaos.test.ts runs it
 * against the real endpoint.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isolateFailure, type RecordFailure } from '@/lib/background/sync/isolate';
import type { SendOutcome } from '@/lib/background/sync/transport';
import type { BatchItem } from '@/lib/shared/protocol/batch';
import { newUlid } from '@/lib/shared/protocol/ids';

const item = (): BatchItem => ({ type: 'note', record: { id: newUlid() } }) as unknown as BatchItem;

const delivered = (batch: readonly BatchItem[]): SendOutcome => ({
  kind: 'delivered',
  response: {
    results: batch.map((b) => ({
      type: b.type,
      id: b.record.id,
      revision: 1,
      result: 'created' as const,
    })),
    counts: { created: batch.length, updated: 0, unchanged: 0, stale: 0, rejected: 0 },
  },
});

/** An endpoint that fails (500) on `poison`, refuses (400) `malformed`, and is down from request `downAt`. */
function endpoint(poison: Set<string>, malformed: Set<string>, downAt = Infinity) {
  const deliveries = new Map<string, number>();
  let requests = 0;
  const answer = (batch: readonly BatchItem[]): SendOutcome => {
    requests++;
    if (requests >= downAt) return { kind: 'server-error', reason: 'HTTP 500: down' };
    if (batch.some((b) => malformed.has(b.record.id)))
      return { kind: 'invalid', reason: 'HTTP 400: malformed' };
    if (batch.some((b) => poison.has(b.record.id)))
      return { kind: 'server-error', reason: 'HTTP 500: poisoned' };
    return delivered(batch);
  };
  return {
    deliveries,
    requests: () => requests,
    steps: {
      send: async (batch: BatchItem[]) => answer(batch),
      probe: async () => answer([]),
      deliver: async (batch: BatchItem[]) => {
        for (const b of batch) deliveries.set(b.record.id, (deliveries.get(b.record.id) ?? 0) + 1);
      },
    },
  };
}

describe('isolating the records that break a batch', () => {
  it('delivers every other record once and names each bad one, whatever the mix', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (size, poisonAt, malformedAt) => {
          const batch = Array.from({ length: size }, item);
          const idAt = (i: number) => batch[i % size]?.record.id ?? '';
          const malformed = new Set(malformedAt.map(idAt));
          const poison = new Set(poisonAt.map(idAt).filter((id) => !malformed.has(id)));
          fc.pre(poison.size + malformed.size > 0);
          const server = endpoint(poison, malformed);
          const failure = (await server.steps.send(batch)) as RecordFailure;
          const isolation = await isolateFailure(batch, failure, server.steps);
          expect(isolation.stopped).toBeUndefined();
          expect(new Set(isolation.suspects.map((s) => s.item.record.id))).toEqual(poison);
          expect(new Set(isolation.refused.map((s) => s.item.record.id))).toEqual(malformed);
          for (const b of batch) {
            const bad = poison.has(b.record.id) || malformed.has(b.record.id);
            expect(server.deliveries.get(b.record.id)).toBe(bad ? undefined : 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects nobody when the endpoint refuses an empty batch as malformed too', async () => {
    const batch = Array.from({ length: 50 }, item);
    const everything = new Set(batch.map((b) => b.record.id));
    const server = endpoint(new Set(), everything);
    const refuseAll = { ...server.steps, probe: async () => server.steps.send(batch) };
    const failure = (await server.steps.send(batch)) as RecordFailure;
    const isolation = await isolateFailure(batch, failure, refuseAll);
    expect(isolation).toMatchObject({ suspects: [], refused: [] });
    expect(isolation.stopped).toEqual({ kind: 'refused', reason: 'HTTP 400: malformed' });
    expect(server.requests()).toBe(2);
  });

  it('sends nothing when the endpoint fails on an empty batch too', async () => {
    const batch = Array.from({ length: 500 }, item);
    const server = endpoint(new Set(), new Set(), 1);
    const failure = (await server.steps.send(batch)) as RecordFailure;
    const isolation = await isolateFailure(batch, failure, server.steps);
    expect(isolation).toMatchObject({ suspects: [], refused: [], stopped: failure });
    expect(server.requests()).toBe(2); // the batch and the probe
  });

  it('stops within log2(n) requests when the endpoint goes down halfway, blaming nobody', async () => {
    const batch = Array.from({ length: 512 }, item);
    const poison = new Set([batch[300]?.record.id ?? '']);
    for (const downAt of [3, 5, 9, 14]) {
      const server = endpoint(poison, new Set(), downAt);
      const failure = (await server.steps.send(batch)) as RecordFailure;
      const isolation = await isolateFailure(batch, failure, server.steps);
      expect(isolation.stopped?.kind).toBe('server-error');
      expect(isolation.suspects).toEqual([]);
      expect(server.requests() - downAt).toBeLessThanOrEqual(Math.log2(512) + 1);
    }
  });

  it('sends a part once more after a dropped connection, and stops at the second', async () => {
    const batch = Array.from({ length: 4 }, item);
    const poison = new Set([batch[0]?.record.id ?? '']);
    const server = endpoint(poison, new Set());
    let drops = 0;
    const flaky = {
      ...server.steps,
      send: async (part: BatchItem[]) => {
        if (part.length === 2 && drops < 1) {
          drops++;
          return { kind: 'retry', reason: 'connection reset' } as SendOutcome;
        }
        return server.steps.send(part);
      },
    };
    const failure = (await server.steps.send(batch)) as RecordFailure;
    const once = await isolateFailure(batch, failure, flaky);
    expect(once.stopped).toBeUndefined();
    expect(once.suspects.map((s) => s.item.record.id)).toEqual([...poison]);

    const down = {
      ...server.steps,
      send: async () => ({ kind: 'retry', reason: 'connection reset' }) as SendOutcome,
    };
    const twice = await isolateFailure(batch, failure, down);
    expect(twice.stopped).toEqual({ kind: 'retry', reason: 'connection reset' });
  });
});
