/**
 * The outbox against the REAL reference endpoint (HTTP, in-memory PGlite): random
 * interleavings of flags, notes, edits, deletions, syncs that fail (the answer lost after
 * the endpoint stored the batch, a connection that fails before sending, 503) and worker
 * stops, then one clean sync, after which the endpoint's `records` table must equal the
 * local store exactly (ids, types, revisions, tombstones, bodies) and its audit trail must
 * hold only revisions the client wrote. outbox-model.test.ts runs the same idea 1,000
 * times against an in-process fake; this checks the fake's semantics are the real ones.
 */
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlagpostDb, type StoredFlag, type StoredNote } from '@/lib/background/store/db';
import {
  type Author,
  createFlag,
  deleteFlag,
  editFlag,
  type FlagEdit,
} from '@/lib/background/store/flags-repo';
import { createNote, deleteNote, editNote } from '@/lib/background/store/notes-repo';
import { outboxKey } from '@/lib/background/store/outbox-repo';
import { withSyncStates } from '@/lib/background/store/sync-states';
import { runSync, type SyncRunResult } from '@/lib/background/sync/sync-engine';
import { batchItemSchema } from '@/lib/shared/protocol/batch';
import type { ItemRef } from '@/lib/shared/protocol/records';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { propertyRuns } from '../../property-runs';

const NUM_RUNS = 50;
const REVIEWER = 'alice';

type RecordType = 'flag' | 'note';
type Fault = 'lost-answer' | 'connect-error' | 'http-503';

interface Model {
  records: { type: RecordType; id: string; revision: number; deleted: boolean }[];
  /** id -> revision -> the record as the client sent it, for every saved revision. */
  written: Map<string, Map<number, unknown>>;
}

interface Worker {
  db: FlagpostDb;
  dead: boolean;
}

interface Real {
  dbName: string;
  worker: Worker;
  author: Author;
  /** The fault for the next request, consumed by it. */
  fault: Fault | 'stop' | undefined;
  arrived: (() => void) | undefined;
}

let server: RunningServer;
let token: string;

beforeAll(async () => {
  server = await startServer();
  token = (await issueToken(server.db, REVIEWER)).token;
});
afterAll(() => server.close());

const wireOf = (type: RecordType, stored: StoredFlag | StoredNote): unknown =>
  batchItemSchema.parse({ type, record: stored }).record;

function remember(model: Model, type: RecordType, stored: StoredFlag | StoredNote): void {
  const revisions = model.written.get(stored.id) ?? new Map<number, unknown>();
  model.written.set(stored.id, revisions);
  revisions.set(stored.revision, wireOf(type, stored));
  const known = model.records.find((r) => r.id === stored.id);
  if (known) Object.assign(known, { revision: stored.revision, deleted: stored.deleted });
  else
    model.records.push({ type, id: stored.id, revision: stored.revision, deleted: stored.deleted });
}

const never = () => new Promise<never>(() => {});

/** Real fetch to the real endpoint, with the planned fault injected around it. */
function faultyFetch(real: Real, worker: Worker): typeof fetch {
  return async (input, init) => {
    if (worker.dead) return never(); // a stopped worker sends nothing
    const fault = real.fault;
    real.fault = undefined;
    switch (fault) {
      case undefined:
        return fetch(input, init);
      case 'connect-error':
        throw new TypeError('fetch failed: connect ECONNREFUSED');
      case 'http-503':
        return new Response(JSON.stringify({ error: { code: 'unavailable', message: 'down' } }), {
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '2' },
        });
      case 'lost-answer': {
        const response = await fetch(input, init);
        await response.arrayBuffer(); // the endpoint has stored and answered...
        throw new TypeError('fetch failed: socket hang up'); // ...but the answer is lost
      }
      case 'stop': {
        const response = await fetch(input, init);
        await response.arrayBuffer();
        worker.dead = true; // the worker died before it could read the answer
        real.arrived?.();
        return never();
      }
    }
  };
}

function sync(real: Real): Promise<SyncRunResult> {
  return runSync({
    db: real.worker.db,
    config: { endpointUrl: server.url, token },
    clock: real.author.clock,
    fetch: faultyFetch(real, real.worker),
    random: () => 0.5,
  });
}

async function restartWorker(real: Real): Promise<void> {
  real.worker.dead = true;
  real.worker.db.close();
  const db = new FlagpostDb(real.dbName);
  await db.open();
  real.worker = { db, dead: false };
}

interface ServerRow {
  id: string;
  type: RecordType;
  revision: number;
  deleted: boolean;
  body: unknown;
}

async function serverRecords(): Promise<Map<string, ServerRow>> {
  const { rows } = await server.db.query<ServerRow>(
    'select id, type, revision, deleted, body from records',
  );
  return new Map(rows.map((row) => [row.id, { ...row, revision: Number(row.revision) }]));
}

async function local(real: Real) {
  const { db } = real.worker;
  const [stored, storedNotes, outbox] = await Promise.all([
    db.flags.toArray(),
    db.notes.toArray(),
    db.outbox.toArray(),
  ]);
  const [flags, notes] = await Promise.all([
    withSyncStates(db, 'flag', stored),
    withSyncStates(db, 'note', storedNotes),
  ]);
  const records = [
    ...flags.map((stored) => ({ type: 'flag' as const, stored })),
    ...notes.map((stored) => ({ type: 'note' as const, stored })),
  ];
  return { records, queued: new Set(outbox.map((e) => e.key)) };
}

/** After every command: each record queued or held at its revision; nothing invented. */
async function checkInvariants(model: Model, real: Real): Promise<void> {
  const { records, queued } = await local(real);
  const held = await serverRecords();
  expect(records.length).toBe(model.records.length);
  for (const { type, stored } of records) {
    const saved = model.records.find((r) => r.id === stored.id);
    expect(saved, `${stored.id} was never saved`).toBeDefined();
    expect([stored.revision, stored.deleted]).toEqual([saved?.revision, saved?.deleted]);
    if (!queued.has(outboxKey(type, stored.id))) {
      expect(held.get(stored.id)?.revision, `${stored.id} left the outbox undelivered`).toBe(
        stored.revision,
      );
      expect(stored.syncState).toBe('synced');
    }
  }
  for (const row of held.values()) {
    const written = model.written.get(row.id)?.get(row.revision);
    expect(
      written,
      `endpoint holds ${row.id} r${row.revision} the client never wrote`,
    ).toBeDefined();
    expect(row.body).toEqual(written);
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;

const ITEMS: ItemRef[] = ['2001', '2002'].map((itemId) => ({
  platform: 'shopvid',
  kind: 'live',
  itemId,
  url: `https://shop.example/live/${itemId}`,
  creatorId: 'creator9',
  market: 'VN',
}));

const command = (
  name: string,
  run: (model: Model, real: Real) => Promise<void>,
  needsRecords = false,
): Cmd => ({
  check: (model) => !needsRecords || model.records.length > 0,
  async run(model, real) {
    await run(model, real);
    await checkInvariants(model, real);
  },
  toString: () => name,
});

const flagEditArb: fc.Arbitrary<FlagEdit> = fc.record(
  {
    severity: fc.constantFrom('low' as const, 'critical' as const),
    status: fc.constantFrom('confirmed' as const, 'dismissed' as const),
    note: fc.string({ maxLength: 8 }),
  },
  { requiredKeys: [] },
);

const commandArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.nat().map((i) =>
      command(`createFlag(${i})`, async (model, real) => {
        const item = ITEMS[i % ITEMS.length] ?? ITEMS[0];
        if (!item) throw new Error('no item');
        const flag = await createFlag(
          real.worker.db,
          {
            item,
            policyId: 'off-platform',
            policyVersion: '2026.11',
            severity: 'high',
            source: 'manual',
            status: 'confirmed',
          },
          real.author,
        );
        remember(model, 'flag', flag);
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.string({ minLength: 1, maxLength: 8 }).map((text) =>
      command(`createNote(${JSON.stringify(text)})`, async (model, real) => {
        const target = {
          type: 'creator' as const,
          creator: { platform: 'shopvid', creatorId: 'creator9', handle: 'creator9' },
        };
        remember(model, 'note', await createNote(real.worker.db, target, text, real.author));
      }),
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.nat(), flagEditArb, fc.string({ minLength: 1, maxLength: 8 }))
      .map(([pick, edit, text]) =>
        command(
          `edit(#${pick}, ${JSON.stringify(edit)}, ${JSON.stringify(text)})`,
          async (model, real) => {
            const target = model.records[pick % model.records.length];
            if (!target || target.deleted) return; // outbox-model covers editing a tombstone
            const { db } = real.worker;
            const next =
              target.type === 'flag'
                ? await editFlag(db, target.id, edit, real.author)
                : await editNote(db, target.id, text, real.author);
            remember(model, target.type, next);
          },
          true,
        ),
      ),
  },
  {
    weight: 2,
    arbitrary: fc.nat().map((pick) =>
      command(
        `delete(#${pick})`,
        async (model, real) => {
          const target = model.records[pick % model.records.length];
          if (!target) return;
          const { db } = real.worker;
          const tombstone =
            target.type === 'flag'
              ? await deleteFlag(db, target.id, real.author)
              : await deleteNote(db, target.id, real.author);
          remember(model, target.type, tombstone);
        },
        true,
      ),
    ),
  },
  {
    weight: 4,
    arbitrary: fc
      .option(fc.constantFrom<Fault>('lost-answer', 'connect-error', 'http-503'), { freq: 3 })
      .map((fault) =>
        command(`sync(${fault ?? 'ok'})`, async (_model, real) => {
          const pending = await real.worker.db.outbox.count();
          real.fault = fault ?? undefined;
          const result = await sync(real);
          real.fault = undefined;
          // With nothing queued no request is made, so no fault can strike.
          expect(result.outcome).toBe(fault && pending > 0 ? 'retry' : 'done');
        }),
      ),
  },
  {
    weight: 2,
    arbitrary: fc.constant(
      command('stopWorker(after the endpoint stored the batch)', async (_model, real) => {
        const arrived = new Promise<void>((resolve) => {
          real.arrived = resolve;
        });
        real.fault = 'stop';
        const running = sync(real).catch(() => undefined);
        await Promise.race([arrived, running]); // an empty outbox sends nothing
        real.fault = undefined;
        real.arrived = undefined;
        await restartWorker(real);
      }),
    ),
  },
  { weight: 1, arbitrary: fc.constant(command('reopen()', (_m, real) => restartWorker(real))) },
);

let runCounter = 0;

describe('outbox against the real endpoint', () => {
  it(`ends with the endpoint's records equal to the local store (${NUM_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands([commandArb], { maxCommands: 30, size: 'medium' }),
        async (commands) => {
          // One endpoint for the file (PGlite start-up is slow); emptied for each run.
          await server.db.exec('delete from records; delete from record_revisions;');
          const dbName = `flagpost-outbox-real-${runCounter++}`;
          const db = new FlagpostDb(dbName);
          await db.open();
          const clock = () => new Date().toISOString();
          const real: Real = {
            dbName,
            worker: { db, dead: false },
            author: { reviewer: REVIEWER, clock },
            fault: undefined,
            arrived: undefined,
          };
          const model: Model = { records: [], written: new Map() };
          try {
            await fc.asyncModelRun(() => ({ model, real }), commands);
            expect(await sync(real)).toMatchObject({ outcome: 'done', rejected: 0, stale: 0 });
            await checkInvariants(model, real);

            // The endpoint's records table is exactly the local store.
            const { records } = await local(real);
            const held = await serverRecords();
            expect(held.size).toBe(records.length);
            for (const { type, stored } of records) {
              expect(stored.syncState).toBe('synced');
              expect(held.get(stored.id)).toEqual({
                id: stored.id,
                type,
                revision: stored.revision,
                deleted: stored.deleted,
                body: wireOf(type, stored),
              });
            }
            expect(await real.worker.db.outbox.count()).toBe(0);

            // The audit trail: every revision the client wrote at most once, and no other.
            const { rows } = await server.db.query<{ id: string; revision: number; body: unknown }>(
              'select id, revision, body from record_revisions',
            );
            const seen = new Set<string>();
            for (const row of rows) {
              const key = `${row.id}@${row.revision}`;
              expect(seen.has(key), `${key} stored twice`).toBe(false);
              seen.add(key);
              expect(row.body).toEqual(model.written.get(row.id)?.get(Number(row.revision)));
            }
          } finally {
            real.worker.dead = true;
            real.worker.db.close();
            await Dexie.delete(dbName);
          }
        },
      ),
      { numRuns: propertyRuns(NUM_RUNS) },
    );
  }, 300_000);
});
