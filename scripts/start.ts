/**
 * `npm start`: the main job. Builds the extension, starts the reference governance endpoint
 * on its embedded database, serves the demo pages, and opens Chromium with Flagpost loaded
 * and already pointed at the endpoint. With no display (or with --headless) it runs the
 * same tour headless — load pages, show overlays, flag, sync — saves screenshots and
 * prints a summary.
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { issueToken, startServer } from '../server/app';
import {
  findChromium,
  HOW_TO_GET_CHROMIUM,
  launchWithExtension,
} from '../tests/e2e/support/chromium';
import { configureEndpoint } from '../tests/e2e/support/extension-pages';
import { startFixtureServer } from '../tests/fixtures/server';
import { runTour } from './start/tour';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;
const outDir = resolve('artifacts/tour');
const REVIEWER = 'demo-reviewer';

function log(line: string) {
  console.log(`[flagpost] ${line}`);
}

async function main() {
  if (!findChromium()) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  log('building the extension (wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

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

  const profile = headless ? join(outDir, 'profile') : resolve('.flagpost-profile');
  const browser = await launchWithExtension(profile, { headless });
  await configureEndpoint(browser.context, browser.extensionId, {
    endpointUrl: endpoint.url,
    token,
    reviewerId: REVIEWER,
  });
  log(`Flagpost is pointed at the endpoint as reviewer "${REVIEWER}"`);

  if (headless) {
    log(`no display${args.has('--headless') ? ' (--headless)' : ''}: running the tour headless`);
    try {
      const result = await runTour({ ...browser, pagesUrl: pages.url, outDir, endpoint });
      console.log('\nFlagpost tour summary');
      for (const [i, step] of result.steps.entries())
        console.log(`  ${i + 1}. ${step.what}\n     ${step.screenshot}`);
      console.log(
        `\nStored in the browser: ${result.flags} flag(s), ${result.notes} note(s). ` +
          `The endpoint holds ${result.delivered} record(s). Screenshots in ${outDir}`,
      );
    } finally {
      await browser.context.close();
      await stopServers();
    }
    return;
  }

  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(pages.url);
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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
