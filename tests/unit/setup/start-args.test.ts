import { describe, expect, it } from 'vitest';
import { parseStartArgs, StartArgsError } from '../../../scripts/start/args';

describe('parseStartArgs', () => {
  it('defaults to Chromium with the display decided by the machine', () => {
    expect(parseStartArgs([])).toEqual({ browser: 'chromium', headless: false });
  });

  it('takes --browser in both spellings, and --headless', () => {
    expect(parseStartArgs(['--browser', 'firefox', '--headless'])).toEqual({
      browser: 'firefox',
      headless: true,
    });
    expect(parseStartArgs(['--browser=chromium'])).toEqual({
      browser: 'chromium',
      headless: false,
    });
  });

  it('refuses an unknown browser, a missing value and an unknown argument, naming it', () => {
    for (const [argv, message] of [
      [['--browser', 'safari'], '--browser takes chromium or firefox, not "safari".'],
      [['--browser'], '--browser takes chromium or firefox, not "".'],
      [['--fast'], 'Unknown argument "--fast".'],
    ] as const) {
      const error = (() => {
        try {
          parseStartArgs(argv);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(StartArgsError);
      expect(error).toMatchObject({ sentence: message });
    }
  });
});
