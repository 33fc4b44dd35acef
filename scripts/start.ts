/**
 * `npm start`: the main job. Builds the extension, serves the demo pages, and opens
 * Chromium with Flagpost loaded on them. With no display (or with --headless) it runs the
 * same tour headless, saves screenshots and prints a summary.
 */
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  findChromium,
  HOW_TO_GET_CHROMIUM,
  launchWithExtension,
} from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/fixtures/server';
import { runTour } from './start/tour';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;
const outDir = resolve('artifacts/tour');

function log(line: string) {
  console.log(`[flagpost] ${line}`);
}

async function main() {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.error(HOW_TO_GET_CHROMIUM);
    process.exit(1);
  }
  log('building the extension (wxt build)…');
  execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });

  const pages = await startFixtureServer(Number(process.env.DEMO_PORT ?? 0));
  log(`demo pages on ${pages.url}`);

  if (headless) {
    log(`no display${args.has('--headless') ? ' (--headless)' : ''}: running the tour headless`);
    const profile = join(outDir, 'profile');
    await rm(outDir, { recursive: true, force: true });
    const browser = await launchWithExtension(profile, { headless: true });
    try {
      const result = await runTour({ ...browser, pagesUrl: pages.url, outDir });
      console.log('\nFlagpost tour summary');
      for (const [i, step] of result.steps.entries())
        console.log(`  ${i + 1}. ${step.what}\n     ${step.screenshot}`);
      console.log(
        `\nStored: ${result.flags} flag(s), ${result.notes} note(s). Screenshots in ${outDir}`,
      );
    } finally {
      await browser.context.close();
      await pages.close();
    }
    return;
  }

  const profile = resolve('.flagpost-profile');
  const browser = await launchWithExtension(profile, { headless: false });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(pages.url);
  log(
    `Chromium is open with Flagpost loaded (profile ${profile}). Close it or press Ctrl-C to stop.`,
  );
  const stop = async () => {
    await browser.context.close().catch(() => {});
    await pages.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
