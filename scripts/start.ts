/**
 * `npm start`: the main job. Makes sure the browser is there (installing it where it may,
 * scripts/setup), builds the extension, starts the reference governance endpoint on its
 * embedded database, serves the demo pages, and opens Chromium (or, with `--browser
 * firefox`, Firefox) with Flagpost loaded and already pointed at the endpoint. With no
 * display (or with --headless) it runs the same tour headless — load pages, show overlays,
 * flag, sync — saves screenshots and prints a summary.
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { issueToken, startServer } from '../server/app';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { configureEndpoint } from '../tests/e2e/support/extension-pages';
import { configureEndpointInFirefox } from '../tests/e2e-firefox/support/extension-pages';
import { launchFirefoxWithExtension } from '../tests/e2e-firefox/support/firefox';
import { startFixtureServer } from '../tests/fixtures/server';
import { ensureMachine, SetupError } from './setup/ensure';
import type { BrowserName } from './setup/probe';
import { parseStartArgs, StartArgsError } from './start/args';
import { openConsole, runConsoleTour } from './start/console-tour';
import { runTour, type TourStep } from './start/tour';
import { runFirefoxTour } from './start/tour-firefox';

const outDir = resolve('artifacts/tour');
const REVIEWER = 'demo-reviewer';

function log(line: string) {
  console.log(`[flagpost] ${line}`);
}

function printSummary(result: {
  steps: TourStep[];
  flags: number;
  notes: number;
  delivered: number;
}) {
  console.log('\nFlagpost tour summary');
  for (const [i, step] of result.steps.entries())
    console.log(`  ${i + 1}. ${step.what}\n     ${step.screenshot}`);
  console.log(
    `\nStored in the browser: ${result.flags} flag(s), ${result.notes} note(s). ` +
      `The endpoint holds ${result.delivered} record(s). Screenshots in ${outDir}`,
  );
}

const BUILD_ARGS: Record<BrowserName, string[]> = {
  chromium: ['wxt', 'build'],
  firefox: ['wxt', 'build', '-b', 'firefox', '--mv3'],
};

async function main() {
  const { browser: browserName, headless: askedHeadless } = parseStartArgs(process.argv.slice(2));
  const headless = askedHeadless || !process.env.DISPLAY;
  ensureMachine({
    purpose: 'start',
    browsers: [browserName],
    rerun: browserName === 'firefox' ? 'npm start -- --browser firefox' : 'npm start',
    log,
  });
  log(`building the extension (${BUILD_ARGS[browserName].join(' ')})…`);
  execFileSync('npx', BUILD_ARGS[browserName], { stdio: ['ignore', 'ignore', 'inherit'] });

  // The headless tour starts from a clean slate; an interactive session keeps its data.
  const dataDir = resolve(headless ? join(outDir, 'endpoint-data') : '.data/server');
  if (headless) await rm(outDir, { recursive: true, force: true });
  const endpoint = await startServer({
    database: { kind: 'pglite', dataDir },
    port: Number(process.env.ENDPOINT_PORT ?? 0),
  });
  const { token } = await issueToken(endpoint.db, REVIEWER);
  log(`governance endpoint on ${endpoint.url} (embedded database in ${dataDir})`);
  const pages = await startFixtureServer(Number(process.env.DEMO_PORT ?? 0));
  log(`demo pages on ${pages.url}`);
  const stopServers = async () => {
    await pages.close();
    await endpoint.close();
  };
  const settings = { endpointUrl: endpoint.url, token, reviewerId: REVIEWER };
  const suffix = browserName === 'firefox' ? '-firefox' : '';
  const profile = headless
    ? join(outDir, `profile${suffix}`)
    : resolve(`.flagpost-profile${suffix}`);
  const why = `no display${askedHeadless ? ' (--headless)' : ''}: running the tour headless`;

  if (browserName === 'firefox') {
    const firefox = await launchFirefoxWithExtension(profile, { headless });
    await configureEndpointInFirefox(firefox, settings);
    log(`Flagpost is pointed at the endpoint as reviewer "${REVIEWER}"`);
    if (headless) {
      log(why);
      try {
        printSummary(await runFirefoxTour({ firefox, pagesUrl: pages.url, outDir, endpoint }));
      } finally {
        await firefox.close();
        await stopServers();
      }
      return;
    }
    const page = await firefox.browser.newPage();
    await page.goto(pages.url);
    log(
      `Firefox is open with Flagpost loaded (profile ${profile}). Close it or press Ctrl-C to stop.`,
    );
    const stop = async () => {
      await firefox.close().catch(() => {});
      await stopServers();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    firefox.browser.on('disconnected', stop);
    return;
  }

  const browser = await launchWithExtension(profile, { headless });
  await configureEndpoint(browser.context, browser.extensionId, settings);
  log(`Flagpost is pointed at the endpoint as reviewer "${REVIEWER}"`);
  if (headless) {
    log(why);
    try {
      const summary = await runTour({ ...browser, pagesUrl: pages.url, outDir, endpoint });
      summary.steps.push(
        ...(await runConsoleTour(browser.context, endpoint, outDir, summary.steps.length + 1)),
      );
      printSummary(summary);
    } finally {
      await browser.context.close();
      await stopServers();
    }
    return;
  }

  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(pages.url);
  await openConsole(browser.context, endpoint);
  log(`the governance console is open beside it: ${endpoint.url}/console (signed in as demo-lead)`);
  await page.bringToFront();
  log(
    `Chromium is open with Flagpost loaded (profile ${profile}). Close it or press Ctrl-C to stop.`,
  );
  const stop = async () => {
    await browser.context.close().catch(() => {});
    await stopServers();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
}

main().catch((error: unknown) => {
  // Set-up and argument problems are the person's to fix: one sentence and the command.
  if (error instanceof SetupError || error instanceof StartArgsError)
    console.error(`${error.sentence}\n  ${error.command}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
