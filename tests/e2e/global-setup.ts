import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, findChromium, HOW_TO_GET_CHROMIUM } from './support/chromium';

export default function globalSetup() {
  if (!findChromium()) throw new Error(HOW_TO_GET_CHROMIUM);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(
      `No built extension in ${EXTENSION_DIR}. Run "npm run build" (or "npm run test:e2e", which builds first).`,
    );
}
