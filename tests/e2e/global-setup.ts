import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureMachine, SetupError } from '../../scripts/setup/ensure';
import { EXTENSION_DIR } from './support/chromium';

export default function globalSetup() {
  // The same set-up as `npm test`'s: installs a missing browser where it may, or stops with
  // one sentence and the command to run (no stack trace: it is not a bug in the tests).
  try {
    ensureMachine({ purpose: 'test', browsers: ['chromium', 'firefox'], rerun: 'npm test' });
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(`${error.sentence}\n  ${error.command}`);
    process.exit(1);
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(
      `No built extension in ${EXTENSION_DIR}. Run "npm run build" (or "npm run test:e2e", which builds first).`,
    );
}
