/**
 * `npm start` opens the governance console beside the extension, signed in as a demo lead
 * (a lead token issued for `demo-lead`, typed into the console's sign-in form like a person
 * would, so the browser holds the session cookie). Headless, the tour also keeps a
 * screenshot of each console view.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { issueToken, type RunningServer } from '../../server/app';
import { warmConsoleAssets } from '../../server/console/assets';
import type { TourStep } from './tour';

export const DEMO_LEAD = 'demo-lead';

/** Opens /console in a new tab of `context` and signs in as the demo lead. */
export async function openConsole(
  context: BrowserContext,
  endpoint: Pick<RunningServer, 'url' | 'db'>,
): Promise<Page> {
  warmConsoleAssets();
  const { token } = await issueToken(endpoint.db, DEMO_LEAD, { role: 'lead' });
  const page = await context.newPage();
  await page.goto(`${endpoint.url}/console#/escalations`);
  await page.getByTestId('console-token').fill(token);
  await page.getByTestId('console-sign-in-submit').click();
  await page.getByTestId('console-who').waitFor();
  return page;
}

/** The console's views, one screenshot each, after the extension's tour. */
export async function runConsoleTour(
  context: BrowserContext,
  endpoint: Pick<RunningServer, 'url' | 'db'>,
  outDir: string,
  first: number,
): Promise<TourStep[]> {
  const page = await openConsole(context, endpoint);
  await page.setViewportSize({ width: 1280, height: 900 });
  const steps: TourStep[] = [];
  const views = [
    ['escalations', 'The governance console: escalation queue with SLA timers, live'],
    ['flags', "The console: the team's flag queue, filtered and paged"],
    ['creator/shopvid/lena.glow', 'The console: a creator across the team, score explained'],
    ['metrics', 'The console: metrics per policy, market, day and reviewer'],
    ['agreement', "The console: reviewer agreement (Cohen's kappa) and rule precision"],
  ] as const;
  for (const [hash, what] of views) {
    await page.evaluate((h) => {
      location.hash = `#/${h}`;
    }, hash);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const screenshot = join(
      outDir,
      `${String(first + steps.length).padStart(2, '0')}-console-${hash.split('/')[0]}.png`,
    );
    await page.screenshot({ path: screenshot, fullPage: true });
    steps.push({ what: `${what} (signed in as ${DEMO_LEAD})`, screenshot });
  }
  return steps;
}
