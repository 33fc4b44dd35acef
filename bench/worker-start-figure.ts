/**
 * Service-worker start to first verdict, each start in a fresh node process (a cold V8, as
 * after MV3's 30 s idle stop; see worker-start.ts). Contenders run in interleaved rounds
 * whose order rotates; figures are medians. The 7-policy starter pack of commit 18eb641 is
 * the same-run baseline; the first start of a release (no kept term index, examples run)
 * is reported beside it. Packs are labelled with the version and policy count they carry.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { loadPack } from '../lib/shared/policy/load-pack';
import { storedIndexForm, TERM_INDEX_FORMAT } from '../lib/shared/policy/term-index-store';
import { packContentKey, WARM_PACK_FORMAT } from '../lib/shared/policy/warm-pack-store';

const OLD_PACK = '18eb641:lib/shared/policy/packs/starter-pack.json';
const CURRENT_PACK = 'lib/shared/policy/packs/starter-pack.json';

interface Start {
  name: string;
  args: string[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * What policy-engine.ts keeps after a pack's first load: its term index by digest, and its
 * validated spec and pattern programs by content key (warm-pack-store.ts).
 */
async function keptIndex(packPath: string, json: unknown, dir: string): Promise<string> {
  const result = await loadPack(json, { allowUnsigned: true });
  if (!result.ok) throw new Error(`${packPath}: ${JSON.stringify(result.errors[0])}`);
  const file = join(dir, `${result.digest}.index`);
  const kept = { format: TERM_INDEX_FORMAT, release: 'bench', digest: result.digest };
  const warm = {
    format: WARM_PACK_FORMAT,
    contentKey: await packContentKey(json),
    spec: result.spec,
    patterns: [...result.patterns.values()],
  };
  writeFileSync(file, serialize({ ...kept, index: storedIndexForm(result.pack.terms), warm }));
  return file;
}

function startMs(args: readonly string[]): number {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/worker-start.ts', ...args],
    { encoding: 'utf8' },
  );
  const ms = (JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number }).ms;
  if (!Number.isFinite(ms)) throw new Error(`worker-start printed no time: ${out}`);
  return ms;
}

/** A pack as the bench names it: its own version and policy count, never a typed-in label. */
export interface PackLabel {
  version: string;
  policies: number;
  /** "starter 2.1.0 (23 policies)" */
  label: string;
}

export function packLabel(json: unknown, where: string): PackLabel {
  const pack = json as { version?: unknown; policies?: unknown };
  if (typeof pack?.version !== 'string' || !Array.isArray(pack.policies)) {
    throw new Error(`${where}: not a policy pack (no version or policies)`);
  }
  const policies = pack.policies.length;
  return {
    version: pack.version,
    policies,
    label: `starter ${pack.version} (${policies} policies)`,
  };
}

export interface WorkerStarts {
  /** The pack in the working tree, and the 7-policy pack of commit 18eb641. */
  current: PackLabel;
  old: PackLabel;
  /**
   * Medians in ms: the current pack warm (kept index and spec), the old pack warm, the
   * current pack with its kept index only (validation and digest run), the first start.
   */
  currentMs: number;
  oldMs: number;
  indexOnlyMs: number;
  firstStartMs: number;
}

export async function workerStartMedians(rounds: number): Promise<WorkerStarts> {
  const dir = mkdtempSync(join(tmpdir(), 'flagpost-worker-start-'));
  try {
    const oldJson = execFileSync('git', ['show', OLD_PACK], { encoding: 'utf8' });
    const oldSpec = JSON.parse(oldJson) as unknown;
    const old = packLabel(oldSpec, OLD_PACK);
    const oldPath = join(dir, `starter-${old.version}.json`);
    writeFileSync(oldPath, oldJson);
    const current = JSON.parse(readFileSync(CURRENT_PACK, 'utf8')) as unknown;
    const now = packLabel(current, CURRENT_PACK);
    const CURRENT = now.label;
    const OLD = old.label;
    const FIRST = `${now.label}, first start`;
    const INDEX_ONLY = `${now.label}, kept index only`;
    if (CURRENT === OLD) throw new Error(`both packs are ${CURRENT}: the baseline must differ`);
    const currentKept = await keptIndex(CURRENT_PACK, current, dir);
    const starts: Start[] = [
      { name: CURRENT, args: [CURRENT_PACK, currentKept, 'passed'] },
      { name: INDEX_ONLY, args: [CURRENT_PACK, currentKept, 'index'] },
      { name: OLD, args: [oldPath, await keptIndex(oldPath, oldSpec, dir), 'passed'] },
      { name: FIRST, args: [CURRENT_PACK, '-'] },
    ];
    const times = new Map<string, number[]>(starts.map((s) => [s.name, []]));
    for (let r = 0; r < rounds; r++) {
      const parts: string[] = [];
      for (let k = 0; k < starts.length; k++) {
        const s = starts[(k + r) % starts.length]!;
        const ms = startMs(s.args);
        times.get(s.name)!.push(ms);
        parts.push(`${s.name} ${ms.toFixed(0)} ms`);
      }
      console.log(`  worker start round ${r + 1}: ${parts.join(', ')}`);
    }
    const med = (name: string) => median(times.get(name)!);
    return {
      current: now,
      old,
      currentMs: med(CURRENT),
      oldMs: med(OLD),
      indexOnlyMs: med(INDEX_ONLY),
      firstStartMs: med(FIRST),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
