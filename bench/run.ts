/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose file name contains
 * the filter) and prints each figure beside its same-run baseline.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Bench, formatFigure } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

console.log(`Flagpost benchmarks (${new Date().toISOString()}, node ${process.version})`);
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
  const bench = mod.default;
  console.log(`\n# ${bench.name} (${file})`);
  const skipReason = bench.skip?.();
  if (skipReason) {
    console.log(`  skipped: ${skipReason}`);
    continue;
  }
  try {
    for (const figure of await bench.run()) console.log(formatFigure(figure));
  } catch (error) {
    failed = true;
    console.log(
      `  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}
if (files.length === 0) console.log('no benchmarks matched');
process.exit(failed ? 1 : 0);
