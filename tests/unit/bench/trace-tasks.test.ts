/** The overlay budget bench's trace reading, on hand-made traces. */
import { describe, expect, it } from 'vitest';
import { type TraceEvent, taskProfile } from '../../../bench/trace-tasks';

const EXT = 'chrome-extension://abcdefghijklmnop/content-scripts/content.js';
const PAGE = 'http://127.0.0.1:4000/tag/bench-2000';
const meta = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  ts: 0,
  pid,
  tid,
  args: { name },
});
const x = (name: string, ts: number, dur: number, url?: string, tid = 1): TraceEvent => ({
  name,
  ph: 'X',
  ts,
  dur,
  pid: 10,
  tid,
  ...(url ? { args: { data: { url } } } : {}),
});

describe('taskProfile', () => {
  it('attributes tasks to the extension by the origin of the script that ran in them', () => {
    const profile = taskProfile([
      meta(10, 1, 'CrRendererMain'),
      x('RunTask', 0, 10_000),
      x('FunctionCall', 1_000, 4_000, PAGE),
      x('RunTask', 20_000, 12_000),
      x('FunctionCall', 21_000, 3_000, EXT),
      x('FunctionCall', 21_500, 1_000, EXT), // nested in the one above: counted once
      x('FunctionCall', 26_000, 2_000, EXT),
      x('RunTask', 40_000, 2_000),
      x('MajorGC', 40_500, 500),
    ]);
    expect(profile.mainThreadMs).toBe(24);
    expect(profile.extensionMs).toBe(5);
    expect(profile.extensionTasks).toBe(1);
    expect(profile.longestExtensionTaskMs).toBe(12);
    expect(profile.longestExtensionWorkMs).toBe(5);
    expect(profile.majorGcs).toBe(1);
  });

  it('reads only renderer main threads (not workers or the browser process)', () => {
    const profile = taskProfile([
      meta(10, 1, 'CrRendererMain'),
      meta(10, 2, 'DedicatedWorker thread'),
      x('RunTask', 0, 5_000, undefined, 2),
      x('FunctionCall', 100, 4_000, EXT, 2),
      x('MajorGC', 200, 100, undefined, 2),
    ]);
    expect(profile).toMatchObject({ mainThreadMs: 0, extensionMs: 0, majorGcs: 0 });
  });

  it('gives thread (CPU) times beside wall times when the trace has them', () => {
    const cpu = (e: TraceEvent, tdur: number): TraceEvent => ({ ...e, tdur });
    const profile = taskProfile([
      meta(10, 1, 'CrRendererMain'),
      cpu(x('RunTask', 0, 10_000), 4_000),
      cpu(x('FunctionCall', 1_000, 4_000, PAGE), 3_000),
      cpu(x('RunTask', 20_000, 30_000), 9_000),
      cpu(x('FunctionCall', 21_000, 6_000, EXT), 2_000),
      cpu(x('FunctionCall', 30_000, 4_000, EXT), 1_500),
      cpu(x('RunTask', 60_000, 5_000), 5_000),
      cpu(x('FunctionCall', 61_000, 3_000, EXT), 2_500),
    ]);
    expect(profile.longestExtensionTaskMs).toBe(30);
    expect(profile.cpu).toEqual({
      mainThreadMs: 18,
      extensionMs: 6,
      // The wall-time longest task (30 ms) took 9 ms of CPU; the 5 ms one took 5.
      longestExtensionTaskMs: 9,
      longestExtensionWorkMs: 3.5,
    });
  });

  it('gives no thread times for a trace without them', () => {
    const profile = taskProfile([
      meta(10, 1, 'CrRendererMain'),
      x('RunTask', 0, 10_000),
      x('FunctionCall', 1_000, 4_000, EXT),
    ]);
    expect(profile.cpu).toBeUndefined();
  });
});
