/**
 * One simulated service-worker start, run in a fresh process (a cold V8, as after MV3's
 * 30 s idle stop) by policy.bench.ts: read the kept entry (v8.deserialize is the structured
 * clone IndexedDB uses), load the pack as policy-engine.ts does, and evaluate one item.
 * Prints the milliseconds (wall and CPU) from after module loading to the first verdict.
 *
 *   node --import tsx bench/worker-start.ts <pack.json> <cache file | -> [passed | index]
 *
 * passed: examples passed before, the kept term index and warm spec are used (a warm start);
 * index: the same with the term index only (schema validation and canonical digest run, as
 * before warm-pack-store.ts).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { deserialize } from 'node:v8';
import { evaluate } from '../lib/shared/policy/evaluate';
import { loadPack } from '../lib/shared/policy/load-pack';
import type { TermIndex } from '../lib/shared/policy/term-index';
import { storedTermIndex } from '../lib/shared/policy/term-index-store';
import { packContentKey, type WarmSpec, warmSpecOf } from '../lib/shared/policy/warm-pack-store';

const [packPath, cachePath, mode] = process.argv.slice(2);
if (!packPath || !cachePath)
  throw new Error('usage: worker-start.ts <pack.json> <cache|-> [passed|index]');
const json: unknown = JSON.parse(readFileSync(packPath, 'utf8'));
const cacheBytes = cachePath === '-' ? undefined : readFileSync(cachePath);

const start = performance.now();
const cpuStart = process.cpuUsage();
const termIndexes = new Map<string, TermIndex>();
const passed = new Set<string>();
let warm: (WarmSpec & { digest: string }) | undefined;
if (cacheBytes) {
  const stored = deserialize(cacheBytes) as { digest: string; release: string; warm: unknown };
  const index = storedTermIndex(stored, { digest: stored.digest, release: stored.release });
  if (!index) throw new Error('the cached term index did not validate');
  termIndexes.set(stored.digest, index);
  if (mode === 'passed' || mode === 'index') passed.add(stored.digest);
  if (mode === 'passed') {
    const spec = warmSpecOf(stored.warm, await packContentKey(json));
    if (!spec) throw new Error('the kept spec did not validate');
    warm = { ...spec, digest: stored.digest };
  }
}
const result = await loadPack(json, {
  allowUnsigned: true,
  examplesPassed: passed,
  termIndexes,
  ...(warm ? { warm } : {}),
});
if (!result.ok) throw new Error(`pack refused: ${JSON.stringify(result.errors[0])}`);
if (Boolean(warm) !== result.warmed) throw new Error('the warm spec was not used');
const findings = evaluate(result.pack, {
  fields: { title: 'Herbal tea', description: 'Cures diabetes in 7 days, LINE: @shop123' },
});
const ms = performance.now() - start;
// CPU time of the process (this thread and V8's helpers), less moved by other jobs' load.
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  JSON.stringify({ ms, cpuMs, findings: findings.length, examplesRun: result.examplesRun }),
);
