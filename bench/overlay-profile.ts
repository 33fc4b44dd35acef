/**
 * Where Flagpost's own script time goes on the overlay budget's feed (load and nine scrolls to
 * 2,000 cards, as bench/overlay-budget.bench.ts runs it), by function:
 *
 *   FLAGPOST_NO_MINIFY=1 npx wxt build && cp -r .output/chrome-mv3 /tmp/build
 *   OVERLAY_PROFILE_EXTENSION_DIR=/tmp/build node --import tsx bench/overlay-profile.ts
 *
 * (the production build is minified: its function names are one letter, so profile an
 * unminified build for names; the minified one for totals). A warm-up run, then
 * OVERLAY_PROFILE_RUNS runs (default 2) under CDP's sampling profiler (50 µs asked for; on
 * a loaded machine the sampler falls behind, so a sample's weight is capped at 200 µs), then
 * one traced run for the style and layout that Flagpost's script forced.
 *
 * A sample is Flagpost's when any frame of its stack is the extension's script. Self time
 * goes to the innermost extension frame, with the browser's native calls under it (a forced
 * layout in `getBoundingClientRect` counts as the caller's self time); total time to every
 * extension function on the stack. Figures per run, and per overlay box made.
 */
import { launchWithExtension, newProfileDir } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/fixtures/server';

const FEED = '/tag/bench-2000';
const FEED_TOTAL = 2000;
const SETTLE_MS = 400;
const SAMPLE_CAP_MS = 0.2;
const TOP = 25;

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
  samples: number[];
  timeDeltas: number[];
}
interface DomNode {
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}
interface TimelineEvent {
  ph: string;
  name: string;
  dur?: number;
  tdur?: number;
  args?: {
    elementCount?: number;
    beginData?: {
      stackTrace?: CallFrame[];
      dirtyObjects?: number;
      totalObjects?: number;
    };
    data?: { stackTrace?: CallFrame[] };
  };
}

const EXTENSION = process.env.OVERLAY_PROFILE_EXTENSION_DIR;
const RUNS = Number(process.env.OVERLAY_PROFILE_RUNS ?? 2);
const isOwn = (frame: CallFrame) => frame.url.startsWith('chrome-extension://');
const nameOf = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^chrome-extension:\/\/[a-z]+\//, '')}:${frame.lineNumber + 1}`;

function boxesIn(root: DomNode): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DomNode;
    if (node.attributes?.includes('data-item-box')) count++;
    stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
  }
  return count;
}

function add(map: Map<string, number>, key: string, ms: number) {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function attribute(profiles: CpuProfile[]) {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let own = 0;
  let gc = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes)
      for (const child of node.children ?? []) parent.set(child, node.id);
    profile.samples.forEach((id, i) => {
      const ms = Math.min((profile.timeDeltas[i + 1] ?? 0) / 1000, SAMPLE_CAP_MS);
      const frames: CallFrame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const node = byId.get(at);
        if (node) frames.push(node.callFrame);
      }
      if (frames[0]?.functionName === '(garbage collector)') gc += ms;
      const ownFrames = frames.filter(isOwn);
      if (ownFrames.length === 0) return;
      own += ms;
      add(self, nameOf(ownFrames[0] as CallFrame), ms);
      for (const name of new Set(ownFrames.map(nameOf))) add(total, name, ms);
    });
  }
  return { self, total, own: own / profiles.length, gc: gc / profiles.length };
}

function forcedRendering(events: TimelineEvent[]) {
  const byCaller = new Map<
    string,
    { count: number; cpu: number; objects: number; dirty: number; elements: number }
  >();
  for (const event of events) {
    if (event.ph !== 'X' || (event.name !== 'Layout' && event.name !== 'UpdateLayoutTree'))
      continue;
    const stack = event.args?.beginData?.stackTrace ?? event.args?.data?.stackTrace ?? [];
    const caller = stack.find(isOwn);
    if (!caller) continue;
    const key = `${event.name} forced by ${nameOf(caller)}`;
    const row = byCaller.get(key) ?? { count: 0, cpu: 0, objects: 0, dirty: 0, elements: 0 };
    row.count++;
    row.cpu += (event.tdur ?? event.dur ?? 0) / 1000;
    row.objects += event.args?.beginData?.totalObjects ?? 0;
    row.dirty += event.args?.beginData?.dirtyObjects ?? 0;
    row.elements += event.args?.elementCount ?? 0;
    byCaller.set(key, row);
  }
  return byCaller;
}

async function main() {
  if (!EXTENSION)
    throw new Error('Set OVERLAY_PROFILE_EXTENSION_DIR to a built extension (see the header).');
  const server = await startFixtureServer();
  const browser = await launchWithExtension(await newProfileDir(), {
    openOverlay: false,
    extensionDir: EXTENSION,
  });
  const feedRun = async (mode: 'warm-up' | 'profile' | 'trace') => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const events: TimelineEvent[] = [];
    if (mode === 'profile') {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
    } else if (mode === 'trace') {
      cdp.on('Tracing.dataCollected', (data: { value: object[] }) => {
        events.push(...(data.value as TimelineEvent[]));
      });
      await cdp.send('Tracing.start', {
        categories:
          'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.stack',
        transferMode: 'ReportEvents',
      });
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
    let profile: CpuProfile | undefined;
    if (mode === 'profile')
      profile = ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
    if (mode === 'trace') {
      const done = new Promise<void>((resolve) =>
        cdp.once('Tracing.tracingComplete', () => resolve()),
      );
      await cdp.send('Tracing.end');
      await done;
    }
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    await page.close();
    return { profile, events, boxes: boxesIn(root) };
  };
  try {
    await feedRun('warm-up');
    const profiles: CpuProfile[] = [];
    const boxes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await feedRun('profile');
      if (run.profile) profiles.push(run.profile);
      boxes.push(run.boxes);
    }
    const traced = await feedRun('trace');
    const perBox = boxes.reduce((a, b) => a + b, 0) / boxes.length;
    const { self, total, own, gc } = attribute(profiles);
    console.log(
      `${RUNS} profiled runs, boxes made ${boxes.join(', ')}; Flagpost's script ${own.toFixed(1)} ms a run ` +
        `(${((own * 1000) / perBox).toFixed(0)} µs a box; the profiler slows script, so read shares); ` +
        `garbage collection in the tab (page and Flagpost) ${gc.toFixed(1)} ms a run`,
    );
    const print = (title: string, map: Map<string, number>) => {
      console.log(`\n${title}\n     ms/run  share   µs/box  function`);
      for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
        const perRun = ms / profiles.length;
        console.log(
          `${perRun.toFixed(2).padStart(11)} ${((perRun / own) * 100).toFixed(1).padStart(5)}% ${((perRun * 1000) / perBox).toFixed(0).padStart(8)}  ${name}`,
        );
      }
    };
    print('Self time (native calls under a function, forced layout included):', self);
    print('Total time:', total);
    console.log(
      `\nStyle and layout forced by Flagpost's script (one traced run, ${traced.boxes} boxes):`,
    );
    for (const [key, row] of forcedRendering(traced.events))
      console.log(
        `  ${key}: ${row.count} times, ${row.cpu.toFixed(1)} ms CPU, layout objects ${row.dirty} dirty of ${row.objects}, elements styled ${row.elements}`,
      );
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
