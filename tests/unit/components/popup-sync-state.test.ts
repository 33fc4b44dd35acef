import { describe, expect, it } from 'vitest';
import { syncStateOf, waitingOf } from '@/components/popup/sync-state';
import type { SyncStatusView } from '@/lib/messaging/message-map';

const status = (over: Partial<SyncStatusView>): SyncStatusView => ({
  configured: true,
  running: false,
  pending: 0,
  rejected: 0,
  ...over,
});

describe('the popup sync state', () => {
  it('while sending, shows the run alone: no separate waiting count beside it', () => {
    const state = syncStateOf(
      status({ running: true, progress: { sent: 3000, total: 3002 }, pending: 2 }),
    );
    expect(state).toEqual({ kind: 'sending', sent: 3000, total: 3002 });
    expect(waitingOf(state)).toBeUndefined();
  });

  it('a run that has not counted yet says it is starting, with what waits', () => {
    const state = syncStateOf(status({ running: true, pending: 5 }));
    expect(state).toEqual({ kind: 'starting', waiting: 5 });
    expect(waitingOf(state)).toBe(5);
  });

  it('between runs: waiting, retrying with the error and the next attempt, or up to date', () => {
    expect(syncStateOf(status({ pending: 2 }))).toEqual({ kind: 'waiting', waiting: 2 });
    expect(
      syncStateOf(
        status({ pending: 2, lastError: 'unreachable', nextAttemptAt: '2026-12-07T04:00:00Z' }),
      ),
    ).toEqual({
      kind: 'retrying',
      waiting: 2,
      error: 'unreachable',
      nextAttemptAt: '2026-12-07T04:00:00Z',
    });
    // An old error with nothing left to send is not a current problem.
    const done = syncStateOf(status({ pending: 0, lastError: 'unreachable' }));
    expect(done).toEqual({ kind: 'up-to-date' });
    expect(waitingOf(done)).toBe(0);
  });

  it('without an endpoint, says what waits on this device', () => {
    expect(syncStateOf(status({ configured: false, pending: 3, running: true }))).toEqual({
      kind: 'not-configured',
      waiting: 3,
    });
  });

  it('never reports more sent than the run holds', () => {
    expect(syncStateOf(status({ running: true, progress: { sent: 12, total: 10 } }))).toEqual({
      kind: 'sending',
      sent: 10,
      total: 10,
    });
  });
});
