/**
 * The content script's load task (issue 20, "no Flagpost task over 8 ms"): the browser's
 * compile of the bundle and its top-level evaluation, one task of the page's. Two builds
 * (or one) in browsers of their own, page loads alternated between them:
 *
 *   npx wxt build && cp -r .output/chrome-mv3 /tmp/after
 *   CONTENT_LOAD_DIRS=/tmp/before,/tmp/after CONTENT_LOAD_RUNS=15 node --import tsx bench/content-load.ts
 *
 * For each load it traces the page's main thread and reads the task that holds the content
 * script's `EvaluateScript` event (CPU, thread time): the whole task, the V8 compile inside
 * it (`v8.compile`, whose children name `V8.ParseProgram`), and the rest (the top-level
 * code and what `main` runs before its first yield). Medians per build, and the bundle's
 * bytes. The first load of each browser is a warm-up and not counted.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ExtensionBrowser,
  launchWithExtension,
  newProfileDir,
} from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/fixtures/server';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string }; fileName?: string };
}

const PAGE = process.env.CONTENT_LOAD_PAGE ?? '/tag/bench-2000';
const DIRS = (process.env.CONTENT_LOAD_DIRS ?? '').split(',').filter(Boolean);
const RUNS = Number(process.env.CONTENT_LOAD_RUNS ?? 10);
const SCRIPT = /^chrome-extension:\/\/[a-z]+\/content-scripts\/content\.js/;
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.fileName ?? '';
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

interface Load {
  task: number;
  compile: number;
  parse: number;
  evaluate: number;
}

/** The load task's figures from one page load's trace, or undefined when none was found. */
export function readLoad(events: TraceEvent[]): Load | undefined {
  const evaluate = events.find(
    (e) => e.ph === 'X' && e.name === 'EvaluateScript' && SCRIPT.test(urlOf(e)),
  );
  if (!evaluate) return undefined;
  const same = (e: TraceEvent) => e.pid === evaluate.pid && e.tid === evaluate.tid && e.ph === 'X';
  const within = (outer: TraceEvent) => (e: TraceEvent) =>
    e.ts >= outer.ts && e.ts < outer.ts + (outer.dur ?? 0);
  const task = events
    .filter((e) => same(e) && TASKS.has(e.name) && within(e)(evaluate))
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  const inside = events.filter((e) => same(e) && within(evaluate)(e));
  // Outermost compile events only (a compile may nest another's trace event).
  const compiles = inside.filter((e) => e.name === 'v8.compile' && SCRIPT.test(urlOf(e)));
  const parses = inside.filter((e) => e.name === 'V8.ParseProgram');
  const compile = compiles.reduce((s, e) => s + cpu(e), 0);
  return {
    task: task ? cpu(task) : cpu(evaluate),
    compile,
    parse: parses.reduce((s, e) => s + cpu(e), 0),
    evaluate: cpu(evaluate) - compile,
  };
}

/** Every event inside the load's `EvaluateScript`, summed by name (CONTENT_LOAD_DETAIL=1). */
function detail(events: TraceEvent[]) {
  const evaluate = events.find(
    (e) => e.ph === 'X' && e.name === 'EvaluateScript' && SCRIPT.test(urlOf(e)),
  );
  if (!evaluate) return;
  const sums = new Map<string, { n: number; ms: number }>();
  for (const e of events) {
    if (e.pid !== evaluate.pid || e.tid !== evaluate.tid || e.ph !== 'X') continue;
    if (e.ts < evaluate.ts || e.ts >= evaluate.ts + (evaluate.dur ?? 0)) continue;
    const row = sums.get(e.name) ?? { n: 0, ms: 0 };
    row.n++;
    row.ms += cpu(e);
    sums.set(e.name, row);
  }
  console.log(
    [...sums]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([name, r]) => `  ${name} x${r.n}: ${r.ms.toFixed(2)} ms`)
      .join('\n'),
  );
}

async function main() {
  if (DIRS.length === 0)
    throw new Error('Set CONTENT_LOAD_DIRS to built extensions (see the header).');
  const server = await startFixtureServer();
  const browsers: ExtensionBrowser[] = [];
  for (const dir of DIRS)
    browsers.push(
      await launchWithExtension(await newProfileDir(), { openOverlay: false, extensionDir: dir }),
    );
  const loads: Load[][] = DIRS.map(() => []);
  const once = async (i: number, measure: boolean) => {
    const context = browsers[i]?.context;
    if (!context) return;
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (data: { value: object[] }) => {
      events.push(...(data.value as TraceEvent[]));
    });
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,v8,v8.execute,toplevel,disabled-by-default-v8.compile',
      transferMode: 'ReportEvents',
    });
    await page.goto(server.url + PAGE);
    await page.waitForTimeout(1_000);
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    await page.close();
    const load = readLoad(events);
    if (process.env.CONTENT_LOAD_DETAIL && measure) detail(events);
    if (!load) console.log(`${DIRS[i]}: no content script load found`);
    else if (measure) loads[i]?.push(load);
  };
  try {
    for (let i = 0; i < DIRS.length; i++) await once(i, false);
    for (let r = 0; r < RUNS; r++)
      for (let k = 0; k < DIRS.length; k++) await once((r + k) % DIRS.length, true);
  } finally {
    for (const b of browsers) await b.context.close();
    await server.close();
  }
  DIRS.forEach((dir, i) => {
    const ls = loads[i] ?? [];
    const bytes = statSync(join(dir, 'content-scripts/content.js')).size;
    const f = (k: keyof Load) => median(ls.map((l) => l[k])).toFixed(2);
    console.log(
      `${dir}: ${bytes} bytes, ${ls.length} loads, medians (CPU ms): load task ${f('task')}, compile ${f('compile')} (ParseProgram ${f('parse')}), evaluation ${f('evaluate')}; load tasks ${ls
        .map((l) => l.task.toFixed(1))
        .join(' ')}`,
    );
  });
}

if (process.argv[1]?.endsWith('content-load.ts'))
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
