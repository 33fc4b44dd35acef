/**
 * The sync run's loop (sync-engine.ts, `runSync`) as named states and one pure step
 * function: what the run does next, given where it is and what just happened. The run
 * itself (sync-engine.ts) performs the effects: reads the outbox, sends, writes answers.
 *
 *   reading ──batch──▶ sending ──delivered──▶ reading (answers written behind it)
 *      │                  └──send-failed──▶ settling ──settled──▶ reading (smaller batches,
 *      │                                                 │           or the lone record
 *      │                                                 │           refused as too large)
 *      │                                                 ├──▶ isolating ──isolated──▶ reading
 *      │                                                 │                     └──▶ stopped
 *      │                                                 └──▶ stopped
 *      └──empty──▶ draining ──drained──▶ reading      (answers may leave newer revisions)
 *      └──empty (nothing being written)──▶ done
 *
 * Any other event in a state is a bug in the run, not something the endpoint or the
 * outbox can cause: `stepSync` throws on it rather than guess.
 */

/** A failed send, by what it says (lib/background/sync/transport.ts, SendOutcome). */
export type SendFailureKind = 'retry' | 'server-error' | 'invalid' | 'too-large' | 'refused';

interface Sizing {
  /** Records per batch: the protocol's limit, halved for good when the endpoint takes less. */
  maxItems: number;
}

interface Writing {
  /** Whether endpoint answers are still being written (in order, behind the sends). */
  writing: boolean;
}

export type SyncLoopState =
  /** The next batch is being read from the outbox. */
  | ({ name: 'reading' } & Sizing & Writing)
  /** A batch is at the endpoint; the one after it is being read meanwhile. */
  | ({ name: 'sending'; size: number } & Sizing & Writing)
  /**
   * The batch failed: earlier answers are being written and the read under way finished,
   * before any status is read or written (the batch goes again first).
   */
  | ({ name: 'settling'; kind: SendFailureKind; size: number } & Sizing)
  /** The outbox looked empty while answers were being written: wait, then look again. */
  | ({ name: 'draining' } & Sizing)
  /** A failing batch is split to find the records it fails on (isolate.ts). */
  | ({ name: 'isolating' } & Sizing)
  /** Nothing left to send: the run ends well (or as a retry for records set aside). */
  | { name: 'done' }
  /** The run ends with the failure: counted, explained, the next attempt scheduled. */
  | { name: 'stopped' };

export type SyncLoopEvent =
  /** reading: the next batch was read (`size` records). */
  | { type: 'batch'; size: number }
  /** reading: nothing left to send. */
  | { type: 'empty' }
  /** reading: writing an answer failed; the run stops with that error. */
  | { type: 'write-failed' }
  /** draining: every answer so far is written. */
  | { type: 'drained' }
  /** sending: the endpoint took the batch. */
  | { type: 'delivered' }
  /** sending: the endpoint did not take it. */
  | { type: 'send-failed'; kind: SendFailureKind }
  /** settling: done; `keepsFailing` when the run before this one ended in a failure too. */
  | { type: 'settled'; keepsFailing: boolean }
  /** isolating: done; `stopped` when the failure was the endpoint's, not a record's. */
  | { type: 'isolated'; stopped: boolean };

export type SyncLoopEffect =
  /** Send the batch just read, and start reading the next one. */
  | 'send'
  /** Start reading the next batch. */
  | 'read'
  /** Write the endpoint's answers to the batch, after those before it. */
  | 'write-answers'
  /** Wait until every answer is written (an error writing one ends the run with it). */
  | 'drain'
  /** Wait for the answers and the read under way; forget what was read ahead. */
  | 'settle'
  /** Refuse the lone record the endpoint found too large, locally. */
  | 'refuse-lone-record'
  /** Split the batch to find the records it fails on. */
  | 'isolate'
  /** End the run with the failure. */
  | 'end-with-failure'
  /** End the run: the outbox is empty. */
  | 'finish';

export interface SyncLoopStep {
  state: SyncLoopState;
  effects: SyncLoopEffect[];
}

export function startSyncLoop(maxItems: number): SyncLoopStep {
  if (!Number.isInteger(maxItems) || maxItems < 1)
    throw new RangeError(`Sync batches need at least one record, got ${maxItems}`);
  return { state: { name: 'reading', maxItems, writing: false }, effects: ['read'] };
}

export class InvalidSyncStep extends Error {
  constructor(state: SyncLoopState, event: SyncLoopEvent) {
    super(`Sync loop: event "${event.type}" cannot happen while ${state.name}`);
    this.name = 'InvalidSyncStep';
  }
}

/** Whether a failure is worth splitting the batch over (the records may be at fault). */
function isolates(kind: SendFailureKind, keepsFailing: boolean): boolean {
  // A malformed batch is split at once; one the endpoint fails on only when it keeps
  // failing: a single 500 is most often the endpoint's moment, not a record's.
  return kind === 'invalid' || (kind === 'server-error' && keepsFailing);
}

/** What the run does next. Pure: no database, no network, no clock. */
export function stepSync(state: SyncLoopState, event: SyncLoopEvent): SyncLoopStep {
  switch (state.name) {
    case 'reading': {
      const { maxItems, writing } = state;
      if (event.type === 'batch') {
        if (!Number.isInteger(event.size) || event.size < 1 || event.size > maxItems)
          throw new RangeError(`Sync loop: a batch of ${event.size} with at most ${maxItems}`);
        return {
          state: { name: 'sending', size: event.size, maxItems, writing },
          effects: ['send'],
        };
      }
      if (event.type === 'empty')
        return writing
          ? { state: { name: 'draining', maxItems }, effects: ['drain'] }
          : { state: { name: 'done' }, effects: ['finish'] };
      if (event.type === 'write-failed')
        return { state: { name: 'draining', maxItems }, effects: ['drain'] };
      break;
    }
    case 'draining':
      // Writing answers may leave a newer revision queued (edited while in flight).
      if (event.type === 'drained')
        return {
          state: { name: 'reading', maxItems: state.maxItems, writing: false },
          effects: ['read'],
        };
      break;
    case 'sending': {
      const { maxItems, size } = state;
      if (event.type === 'delivered')
        // The next batch is already being read (since 'send').
        return {
          state: { name: 'reading', maxItems, writing: true },
          effects: ['write-answers'],
        };
      if (event.type === 'send-failed')
        return {
          state: { name: 'settling', kind: event.kind, size, maxItems },
          effects: ['settle'],
        };
      break;
    }
    case 'settling': {
      if (event.type !== 'settled') break;
      const { kind, size, maxItems } = state;
      if (kind === 'too-large' && size > 1)
        // This endpoint (or a proxy before it) takes less than the protocol allows: keep
        // the smaller size for the rest of the run.
        return {
          state: { name: 'reading', maxItems: Math.ceil(size / 2), writing: false },
          effects: ['read'],
        };
      if (kind === 'too-large')
        return {
          state: { name: 'reading', maxItems, writing: false },
          effects: ['refuse-lone-record', 'read'],
        };
      if (isolates(kind, event.keepsFailing))
        return { state: { name: 'isolating', maxItems }, effects: ['isolate'] };
      return { state: { name: 'stopped' }, effects: ['end-with-failure'] };
    }
    case 'isolating':
      if (event.type === 'isolated')
        return event.stopped
          ? { state: { name: 'stopped' }, effects: ['end-with-failure'] }
          : {
              state: { name: 'reading', maxItems: state.maxItems, writing: false },
              effects: ['read'],
            };
      break;
    case 'done':
    case 'stopped':
      break;
  }
  throw new InvalidSyncStep(state, event);
}
