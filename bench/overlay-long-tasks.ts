/**
 * Which of Flagpost's tasks run long on the overlay budget's feed (load and nine scrolls to
 * 2,000 cards, as bench/overlay-budget.bench.ts drives it), and what runs in them:
 *
 *   FLAGPOST_NO_MINIFY=1 npx wxt build && cp -r .output/chrome-mv3 /tmp/build
 *   OVERLAY_LONG_TASKS_DIR=/tmp/build OVERLAY_LONG_TASKS_RUNS=2 node --import tsx bench/overlay-long-tasks.ts
 *
 * Each run is traced and profiled at once (CDP Tracing and the sampling profiler share the
 * browser's clock). A task is listed when Flagpost's own script calls in it (outermost
 * `FunctionCall` / `EvaluateScript` / `v8.compile` events from the extension's origin) take
 * OVERLAY_LONG_TASKS_MS of CPU or more (default 4): its CPU time, its own calls' CPU, the
 * entry points of those calls, and the extension functions whose samples fall in it (self
 * time, innermost extension frame; a profiler sample weighs at most 200 µs). The profiler
 * slows script, so the times in a listed task read higher than in the budget bench.
 *
 * The trace names only the calls the browser makes into script (callbacks, timers,
 * `queueMicrotask`): the continuation of an `await` (an answer from the background, say) is a
 * promise job V8 runs without an event of its own, so its time is not among "Flagpost's
 * calls". The profiler's samples see it: a task is also listed when its sampled Flagpost
 * time reaches the threshold, and both are printed.
 */
import { launchWithExtension, newProfileDir } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/fixtures/server';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { url?: string; functionName?: string; lineNumber?: number };
    fileName?: string;
  };
}
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const FEED = '/tag/bench-2000';
const FEED_TOTAL = 2000;
const SETTLE_MS = 400;
const SAMPLE_CAP_US = 200;
const DIR = process.env.OVERLAY_LONG_TASKS_DIR;
const RUNS = Number(process.env.OVERLAY_LONG_TASKS_RUNS ?? 2);
const THRESHOLD_MS = Number(process.env.OVERLAY_LONG_TASKS_MS ?? 4);
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const SCRIPTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.callFunction']);
const OWN = /^chrome-extension:\/\//;
const short = (url: string) => url.replace(/^chrome-extension:\/\/[a-z]+\//, '');
const nameOf = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`;
const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.fileName ?? '';

function outermost(events: TraceEvent[]) {
  const out: TraceEvent[] = [];
  let end = -1;
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue;
    out.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return out;
}

function samplesOf(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out: { ts: number; us: number; own?: string }[] = [];
  let ts = profile.startTime;
  profile.samples.forEach((id, i) => {
    ts += profile.timeDeltas[i] ?? 0;
    const us = Math.min(profile.timeDeltas[i + 1] ?? 0, SAMPLE_CAP_US);
    let own: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && OWN.test(frame.url)) {
        own = nameOf(frame);
        break;
      }
    }
    out.push({ ts, us, own });
  });
  return out;
}

async function main() {
  if (!DIR) throw new Error('Set OVERLAY_LONG_TASKS_DIR to a built extension (see the header).');
  const server = await startFixtureServer();
  const browser = await launchWithExtension(await newProfileDir(), {
    openOverlay: false,
    extensionDir: DIR,
  });
  const run = async (measure: boolean) => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const events: TraceEvent[] = [];
    if (measure) {
      cdp.on('Tracing.dataCollected', (data: { value: object[] }) => {
        events.push(...(data.value as TraceEvent[]));
      });
      await cdp.send('Tracing.start', {
        categories:
          'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.execute,toplevel',
        transferMode: 'ReportEvents',
      });
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
    }
    await page.goto(server.url + FEED);
    await page.waitForTimeout(2 * SETTLE_MS);
    for (let count = 200; count < FEED_TOTAL; count += 200) {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForFunction(
        (n) =>
          Number(document.querySelector('[data-e2e="feed-list"]')?.getAttribute('data-count')) > n,
        count,
        { polling: 200 },
      );
      await page.waitForTimeout(SETTLE_MS);
    }
    await page.waitForTimeout(2 * SETTLE_MS);
    if (!measure) {
      await page.close();
      return;
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    await page.close();

    const mainThreads = new Set<string>();
    for (const e of events)
      if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        mainThreads.add(`${e.pid}:${e.tid}`);
    const byThread = new Map<string, { tasks: TraceEvent[]; own: TraceEvent[] }>();
    for (const e of events) {
      const key = `${e.pid}:${e.tid}`;
      if (e.ph !== 'X' || !mainThreads.has(key)) continue;
      const entry = byThread.get(key) ?? { tasks: [], own: [] };
      byThread.set(key, entry);
      if (TASKS.has(e.name)) entry.tasks.push(e);
      else if (SCRIPTS.has(e.name) && OWN.test(urlOf(e))) entry.own.push(e);
    }
    const samples = samplesOf(profile);
    const listed: string[] = [];
    let ownTotal = 0;
    let sampledTotal = 0;
    for (const { tasks, own } of byThread.values()) {
      const calls = outermost(own);
      for (const c of calls) ownTotal += (c.tdur ?? c.dur ?? 0) / 1000;
      for (const task of outermost(tasks)) {
        const end = task.ts + (task.dur ?? 0);
        const inside = calls.filter((c) => c.ts >= task.ts && c.ts < end);
        const ownCpu = inside.reduce((s, c) => s + (c.tdur ?? c.dur ?? 0), 0) / 1000;
        let sampled = 0;
        for (const s of samples) if (s.own && s.ts >= task.ts && s.ts < end) sampled += s.us / 1000;
        sampledTotal += sampled;
        if (ownCpu < THRESHOLD_MS && sampled < THRESHOLD_MS) continue;
        const entries = new Map<string, { n: number; ms: number }>();
        for (const c of inside) {
          const d = c.args?.data;
          const name = `${c.name} ${d?.functionName || ''} ${short(urlOf(c))}:${d?.lineNumber ?? ''}`;
          const row = entries.get(name) ?? { n: 0, ms: 0 };
          row.n++;
          row.ms += (c.tdur ?? c.dur ?? 0) / 1000;
          entries.set(name, row);
        }
        const self = new Map<string, number>();
        for (const s of samples)
          if (s.own && s.ts >= task.ts && s.ts < end)
            self.set(s.own, (self.get(s.own) ?? 0) + s.us / 1000);
        listed.push(
          `task at +${((task.ts - (events[0]?.ts ?? 0)) / 1000).toFixed(0)} ms: CPU ${((task.tdur ?? 0) / 1000).toFixed(1)} ms, Flagpost's calls ${ownCpu.toFixed(1)} ms, sampled in Flagpost's script ${sampled.toFixed(1)} ms\n` +
            [...entries]
              .sort((a, b) => b[1].ms - a[1].ms)
              .slice(0, 6)
              .map(([n, r]) => `    call ${n} x${r.n}: ${r.ms.toFixed(2)} ms`)
              .join('\n') +
            '\n' +
            [...self]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 12)
              .map(([n, ms]) => `      self ${ms.toFixed(2)} ms ${n}`)
              .join('\n'),
        );
      }
    }
    console.log(
      `run: Flagpost's own calls ${ownTotal.toFixed(1)} ms CPU (sampled in its script, in tasks: ${sampledTotal.toFixed(1)} ms); ${listed.length} tasks with ${THRESHOLD_MS} ms or more of either`,
    );
    for (const l of listed) console.log(l);
  };
  try {
    await run(false);
    for (let i = 0; i < RUNS; i++) await run(true);
  } finally {
    await browser.context.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
