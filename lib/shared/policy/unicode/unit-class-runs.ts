/**
 * Run-length form of the key-unit class table (one class per BMP code unit): runs of equal
 * class as "<class digit><length in base 36>", separated by ",". The BMP has about 1,200
 * such runs, so the table is a 6 KB string that decodes in a fraction of a millisecond,
 * where asking the engine's Unicode properties code unit by code unit took 30-200 ms at
 * every service-worker start.
 */

const BMP = 0x10000;

export function encodeUnitClassRuns(table: Uint8Array): string {
  if (table.length !== BMP) throw new Error(`expected ${BMP} classes, got ${table.length}`);
  const runs: string[] = [];
  let from = 0;
  for (let u = 1; u <= BMP; u++) {
    if (u < BMP && table[u] === table[from]) continue;
    const cls = table[from]!;
    if (cls > 9) throw new Error(`class ${cls} does not fit one digit`);
    runs.push(`${cls}${(u - from).toString(36)}`);
    from = u;
  }
  return runs.join(',');
}

export function decodeUnitClassRuns(runs: string): Uint8Array {
  const table = new Uint8Array(BMP);
  let at = 0;
  for (const run of runs.split(',')) {
    const length = Number.parseInt(run.slice(1), 36);
    table.fill(run.charCodeAt(0) - 48, at, at + length);
    at += length;
  }
  if (at !== BMP) throw new Error(`unit class runs cover ${at} code units, not ${BMP}`);
  return table;
}
