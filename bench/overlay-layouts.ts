/**
 * How many times the page is laid out over the overlay budget's feed run (load and nine
 * scrolls to 2,000 cards, as bench/overlay-budget.bench.ts drives it), for each build named:
 *
 *   FLAGPOST_NO_MINIFY=1 npx wxt build && cp -r .output/chrome-mv3 /tmp/build
 *   OVERLAY_LAYOUTS_DIRS=/tmp/build,/tmp/other OVERLAY_LAYOUTS_RUNS=2 node --import tsx bench/overlay-layouts.ts
 *
 * A warm-up run, then OVERLAY_LAYOUTS_RUNS traced runs per build. Per run: the `Layout` events
 * of the page's main thread (their CPU time and dirty layout objects), how many tasks hold
 * two or more of them (a frame laid out twice: a write after the frame's layout, in a
 * ResizeObserver callback, say), style recalculations, paints, and the overlay boxes and
 * evidence marks drawn. Counts, unlike times, hardly move with the machine's load.
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
  args?: { beginData?: { dirtyObjects?: number } };
}
interface DomNode {
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

const FEED = '/tag/bench-2000';
const FEED_TOTAL = 2000;
const SETTLE_MS = 400;
const DIRS = (process.env.OVERLAY_LAYOUTS_DIRS ?? '').split(',').filter(Boolean);
const RUNS = Number(process.env.OVERLAY_LAYOUTS_RUNS ?? 2);

const cpuMs = (events: TraceEvent[]) =>
  events.reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000;

function drawn(root: DomNode) {
  let boxes = 0;
  let marks = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DomNode;
    const attributes = node.attributes ?? [];
    if (attributes.includes('data-item-box')) boxes++;
    if (attributes[attributes.indexOf('class') + 1] === 'mark') marks++;
    stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
  }
  return { boxes, marks };
}

function summary(events: TraceEvent[]) {
  const complete = events.filter((e) => e.ph === 'X');
  const layouts = complete.filter((e) => e.name === 'Layout');
  // The page's main thread: the one that lays out most.
  const counts = new Map<string, number>();
  for (const e of layouts)
    counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = (e: TraceEvent) => `${e.pid}:${e.tid}` === main;
  const mine = layouts.filter(onMain);
  const tasks = complete.filter((e) => e.name === 'RunTask' && onMain(e));
  const twice = tasks.filter(
    (t) => mine.filter((l) => l.ts >= t.ts && l.ts <= t.ts + (t.dur ?? 0)).length >= 2,
  ).length;
  const styles = complete.filter((e) => e.name === 'UpdateLayoutTree' && onMain(e));
  const dirty = mine.reduce((sum, e) => sum + (e.args?.beginData?.dirtyObjects ?? 0), 0);
  const paints = events.filter((e) => e.name === 'Paint' && onMain(e)).length;
  return (
    `layouts ${mine.length} (${cpuMs(mine).toFixed(1)} ms CPU, ${dirty} dirty objects), ` +
    `tasks laid out twice ${twice}, style recalculations ${styles.length} ` +
    `(${cpuMs(styles).toFixed(1)} ms CPU), paints ${paints}`
  );
}

async function runs(dir: string) {
  const server = await startFixtureServer();
  const browser = await launchWithExtension(await newProfileDir(), {
    openOverlay: false,
    extensionDir: dir,
  });
  try {
    for (let run = 0; run <= RUNS; run++) {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (data: { value: object[] }) => {
        events.push(...(data.value as TraceEvent[]));
      });
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel',
        transferMode: 'ReportEvents',
      });
      await page.goto(server.url + FEED);
      await page.waitForTimeout(2 * SETTLE_MS);
      for (let count = 200; count < FEED_TOTAL; count += 200) {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForFunction(
          (n) =>
            Number(document.querySelector('[data-e2e="feed-list"]')?.getAttribute('data-count')) >
            n,
          count,
          { polling: 200 },
        );
        await page.waitForTimeout(SETTLE_MS);
      }
      await page.waitForTimeout(2 * SETTLE_MS);
      const done = new Promise<void>((resolve) =>
        cdp.once('Tracing.tracingComplete', () => resolve()),
      );
      await cdp.send('Tracing.end');
      await done;
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
        root: DomNode;
      };
      await page.close();
      if (run === 0) continue; // warm-up
      const { boxes, marks } = drawn(root);
      console.log(`${dir} run ${run}: ${summary(events)}; boxes ${boxes}, marks ${marks}`);
    }
  } finally {
    await browser.context.close();
    await server.close();
  }
}

async function main() {
  if (DIRS.length === 0)
    throw new Error(
      'Set OVERLAY_LAYOUTS_DIRS to built extensions, comma-separated (see the header).',
    );
  for (const dir of DIRS) await runs(dir);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
