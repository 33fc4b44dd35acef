/** `npm start` arguments: `--headless`, and `--browser chromium|firefox` (Chromium by default). */
import type { BrowserName } from '../setup/probe';

export const START_USAGE = 'npm start -- [--browser chromium|firefox] [--headless]';

export class StartArgsError extends Error {
  readonly command = START_USAGE;
  constructor(readonly sentence: string) {
    super(sentence);
    this.name = 'StartArgsError';
  }
}

export function parseStartArgs(argv: readonly string[]): {
  browser: BrowserName;
  headless: boolean;
} {
  let browser: BrowserName = 'chromium';
  let headless = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--headless') headless = true;
    else if (arg === '--browser' || arg?.startsWith('--browser=')) {
      const value = arg === '--browser' ? argv[++i] : arg.slice('--browser='.length);
      if (value !== 'chromium' && value !== 'firefox')
        throw new StartArgsError(`--browser takes chromium or firefox, not "${value ?? ''}".`);
      browser = value;
    } else throw new StartArgsError(`Unknown argument "${arg}".`);
  }
  return { browser, headless };
}
