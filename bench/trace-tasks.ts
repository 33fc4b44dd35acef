/**
 * Reads a Chrome trace (CDP Tracing, devtools.timeline categories) of one page for the overlay
 * budgets: the renderer main thread's tasks, which of them ran script from the extension's
 * origin, how long that script took, and the major garbage collections. Pure: events in,
 * figures out, so it is unit tested on hand-made traces.
 */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs, when the trace records it (Linux does). */
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { url?: string; functionName?: string };
    fileName?: string;
  };
}

export interface TaskProfile {
  /** Sum of the main thread's top-level tasks, ms. */
  mainThreadMs: number;
  /** Time of the extension's own script calls (outermost ones), ms. */
  extensionMs: number;
  /** Longest top-level task in which extension script ran, ms. */
  longestExtensionTaskMs: number;
  /** Longest stretch of extension script within one task, ms. */
  longestExtensionWorkMs: number;
  /** Tasks in which extension script ran. */
  extensionTasks: number;
  majorGcs: number;
  /**
   * The same figures in thread time (CPU time the main thread spent, from `tdur`): on a
   * machine that other work keeps busy, wall time counts the moments the renderer waited
   * for a core, thread time does not. Undefined when the trace has no thread times.
   */
  cpu?: {
    mainThreadMs: number;
    extensionMs: number;
    longestExtensionTaskMs: number;
    longestExtensionWorkMs: number;
  };
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const SCRIPT_NAMES = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.callFunction']);
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\//;

const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.fileName ?? '';

/** Intervals that are not inside an earlier one (events sorted by start). */
function outermost(events: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let end = -1;
  for (const e of events) {
    if (e.ts < end) continue;
    out.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return out;
}

export function taskProfile(events: readonly TraceEvent[]): TaskProfile {
  const mainThreads = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mainThreads.add(`${e.pid}:${e.tid}`);
  const byThread = new Map<string, { tasks: TraceEvent[]; scripts: TraceEvent[] }>();
  let majorGcs = 0;
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(thread)) continue;
    if (e.name === 'MajorGC' && (e.ph === 'X' || e.ph === 'B')) majorGcs++;
    if (e.ph !== 'X' || e.dur === undefined) continue;
    let entry = byThread.get(thread);
    if (!entry) {
      entry = { tasks: [], scripts: [] };
      byThread.set(thread, entry);
    }
    if (TASK_NAMES.has(e.name)) entry.tasks.push(e);
    else if (SCRIPT_NAMES.has(e.name) && EXTENSION_ORIGIN.test(urlOf(e))) entry.scripts.push(e);
  }
  const profile: TaskProfile = {
    mainThreadMs: 0,
    extensionMs: 0,
    longestExtensionTaskMs: 0,
    longestExtensionWorkMs: 0,
    extensionTasks: 0,
    majorGcs,
  };
  const cpu = {
    mainThreadMs: 0,
    extensionMs: 0,
    longestExtensionTaskMs: 0,
    longestExtensionWorkMs: 0,
  };
  let threadTimes = false;
  const cpuMs = (e: TraceEvent) => {
    if (e.tdur === undefined) return 0;
    threadTimes = true;
    return e.tdur / 1000;
  };
  for (const { tasks, scripts } of byThread.values()) {
    const byStart = (a: TraceEvent, b: TraceEvent) => a.ts - b.ts;
    const top = outermost(tasks.sort(byStart));
    const own = outermost(scripts.sort(byStart));
    for (const t of top) {
      profile.mainThreadMs += (t.dur ?? 0) / 1000;
      cpu.mainThreadMs += cpuMs(t);
    }
    for (const s of own) {
      profile.extensionMs += (s.dur ?? 0) / 1000;
      cpu.extensionMs += cpuMs(s);
    }
    // Walk both sorted lists together: each script call belongs to the task around it.
    let i = 0;
    for (const task of top) {
      const end = task.ts + (task.dur ?? 0);
      let work = 0;
      let workCpu = 0;
      while (i < own.length && own[i]!.ts < task.ts) i++;
      while (i < own.length && own[i]!.ts < end) {
        const call = own[i++]!;
        work += (call.dur ?? 0) / 1000;
        workCpu += cpuMs(call);
      }
      if (work === 0) continue;
      cpu.longestExtensionTaskMs = Math.max(cpu.longestExtensionTaskMs, cpuMs(task));
      cpu.longestExtensionWorkMs = Math.max(cpu.longestExtensionWorkMs, workCpu);
      profile.extensionTasks++;
      profile.longestExtensionTaskMs = Math.max(
        profile.longestExtensionTaskMs,
        (task.dur ?? 0) / 1000,
      );
      profile.longestExtensionWorkMs = Math.max(profile.longestExtensionWorkMs, work);
    }
  }
  if (threadTimes) profile.cpu = cpu;
  return profile;
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
