import { describe, expect, it } from 'vitest';
import {
  IDLE_RUNNER,
  type RunnerEvent,
  type RunnerState,
  stepRunner,
} from '@/lib/background/sync/runner-machine';

const running = (again = false, retryWaiting = false): RunnerState => ({
  name: 'running',
  again,
  retryWaiting,
});
const idle = (retryWaiting = false): RunnerState => ({ name: 'idle', retryWaiting });

describe('sync runner', () => {
  it('starts a run when idle, and keeps a waiting retry in mind', () => {
    expect(stepRunner(IDLE_RUNNER, { type: 'request' })).toEqual({
      state: running(),
      effects: ['start'],
    });
    expect(stepRunner(idle(true), { type: 'request' }).state).toEqual(running(false, true));
  });

  it('a request during a run makes it go round once more, however many come', () => {
    const once = stepRunner(running(), { type: 'request' });
    expect(once).toEqual({ state: running(true), effects: [] });
    expect(stepRunner(once.state, { type: 'request' })).toEqual(once);
    expect(stepRunner(once.state, { type: 'pass-ended', retry: false })).toEqual({
      state: running(false),
      effects: ['pass-again'],
    });
  });

  it('ends when nothing was asked during the pass, remembering whether a retry waits', () => {
    expect(stepRunner(running(), { type: 'pass-ended', retry: true })).toEqual({
      state: idle(true),
      effects: ['end'],
    });
    expect(stepRunner(running(false, true), { type: 'pass-ended', retry: false })).toEqual({
      state: idle(false),
      effects: ['end'],
    });
  });

  it('a pass that could not sync (no endpoint set up) leaves a waiting retry as it was', () => {
    expect(stepRunner(running(false, true), { type: 'pass-ended', retry: undefined })).toEqual({
      state: idle(true),
      effects: ['end'],
    });
  });

  it('a run that threw is over, even if asked again meanwhile', () => {
    expect(stepRunner(running(true, true), { type: 'failed' })).toEqual({
      state: idle(true),
      effects: ['end'],
    });
  });

  it('an endpoint back while a retry waits and nothing runs: retry now, once', () => {
    const now = stepRunner(idle(true), { type: 'endpoint-back' });
    expect(now).toEqual({ state: idle(false), effects: ['retry-now'] });
    expect(stepRunner(now.state, { type: 'endpoint-back' })).toEqual({
      state: idle(false),
      effects: [],
    });
  });

  it('ignores what a state does not expect', () => {
    const ignoredIn: Array<[RunnerState, RunnerEvent]> = [
      [running(false, true), { type: 'endpoint-back' }], // the run itself will tell
      [idle(false), { type: 'endpoint-back' }], // no retry waits
      [idle(true), { type: 'pass-ended', retry: false }],
      [idle(true), { type: 'failed' }],
    ];
    for (const [state, event] of ignoredIn)
      expect(stepRunner(state, event), `${state.name} + ${event.type}`).toEqual({
        state,
        effects: [],
      });
  });
});
