/**
 * The background's sync runner (entrypoints/background/sync-runner.ts) as named states and a
 * pure step function: one run at a time, requests during a run make it go round once more,
 * and an endpoint that answers again cuts short the wait for a retry.
 *
 *   idle ──request──▶ running ──run-ended──▶ idle (or running again, when asked meanwhile)
 *                        └──request──▶ running, again
 *
 * Beside it: whether a retry is waiting (the last run ended in a failure that schedules
 * one). Events a state does not expect are ignored: an endpoint that is back while a run
 * is under way, or while no retry waits, changes nothing (the run itself will tell).
 */

export type RunnerState =
  | { name: 'idle'; retryWaiting: boolean }
  /** `again`: asked during the run, so it goes round once more. */
  | { name: 'running'; again: boolean; retryWaiting: boolean };

export type RunnerEvent =
  /** Sync was asked for (a page, an alarm, a local write). */
  | { type: 'request' }
  /**
   * One pass of the run ended; `retry` when it scheduled a retry, undefined when it did not
   * sync at all (no endpoint set up: whatever waited still waits).
   */
  | { type: 'pass-ended'; retry: boolean | undefined }
  /** The run threw: it is over, whatever was asked meanwhile. */
  | { type: 'failed' }
  /** The endpoint answered again (its watch, a passing connection test). */
  | { type: 'endpoint-back' };

export type RunnerEffect =
  /** Start a run: its first pass. */
  | 'start'
  /** Go round once more, in the same run. */
  | 'pass-again'
  /** The run is over. */
  | 'end'
  /** Clear the waiting retry and ask for a run at once. */
  | 'retry-now';

export interface RunnerStep {
  state: RunnerState;
  effects: RunnerEffect[];
}

export const IDLE_RUNNER: RunnerState = { name: 'idle', retryWaiting: false };

export function stepRunner(state: RunnerState, event: RunnerEvent): RunnerStep {
  switch (event.type) {
    case 'request':
      return state.name === 'idle'
        ? {
            state: { name: 'running', again: false, retryWaiting: state.retryWaiting },
            effects: ['start'],
          }
        : { state: { ...state, again: true }, effects: [] };
    case 'pass-ended': {
      if (state.name !== 'running') return { state, effects: [] };
      const retryWaiting = event.retry ?? state.retryWaiting;
      return state.again
        ? { state: { name: 'running', again: false, retryWaiting }, effects: ['pass-again'] }
        : { state: { name: 'idle', retryWaiting }, effects: ['end'] };
    }
    case 'failed':
      if (state.name !== 'running') return { state, effects: [] };
      return { state: { name: 'idle', retryWaiting: state.retryWaiting }, effects: ['end'] };
    case 'endpoint-back':
      if (state.name !== 'idle' || !state.retryWaiting) return { state, effects: [] };
      return { state: { name: 'idle', retryWaiting: false }, effects: ['retry-now'] };
  }
}
