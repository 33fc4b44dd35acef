/**
 * What context clauses (near, requires, unless) cost: evaluate() with a pack's clauses
 * against the same pack with every clause removed (its contexts still declared, so the
 * term scan is the same), on ~1 MB of generated captions in the six languages with
 * negations, commerce words, framing words and ambiguous terms planted. CPU time of this
 * process (other processes on a shared machine do not count), interleaved rounds, medians,
 * every round printed.
 */
import { readFileSync } from 'node:fs';
import { compilePack } from '../lib/shared/policy/compile';
import { evaluate } from '../lib/shared/policy/evaluate';
import type { MatcherSpec, PackSpec } from '../lib/shared/policy/pack-schema';
import { STARTER_PACK_JSON } from '../lib/shared/policy/starter-pack';
import type { Bench, Figure } from './harness';

const TARGET_BYTES = 1_000_000;
const ITEM_CHARS = 2_000;
const ROUNDS = 7;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = [
  ...'bag red leather size the with strap gold new style shop live today'.split(' '),
  ...'kasut cantik warna baju murah sekali'.split(' '),
  ...'túi đẹp màu mới hôm nay'.split(' '),
  ...'maganda bago kulay ngayon'.split(' '),
];
const THAI = ['กระเป๋า', 'สวย', 'หนัง', 'สีแดง', 'ใหม่', 'วันนี้'];
/** Words the clauses look at: negations, commerce, framing, benign senses, ambiguous terms. */
const PLANTED = [
  ...['not', 'no', 'tidak', 'bukan', 'hindi', 'không', 'ไม่', 'ไม่ใช่'],
  ...['price', 'DM', 'harga', 'giá', 'ราคา', 'order', 'RM45', '290 บาท', 'Rp 150.000'],
  ...['beware', 'police seized', 'how to spot', 'awas', 'cảnh báo', 'toy', 'scale model'],
  ...['replica', '1:1', 'class A', 'tiruan', 'fake', 'palsu', 'Gucci', 'mirror', 'copy'],
  ...['lose 5kg', 'WhatsApp me', 'line id', 'use my code'],
];

function corpus(): { items: string[]; bytes: number } {
  const rand = prng(20261207);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  const encoder = new TextEncoder();
  const items: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    const thai = rand() < 0.25;
    const parts: string[] = [];
    let length = 0;
    while (length < ITEM_CHARS) {
      const word = rand() < 0.05 ? pick(PLANTED) : thai ? pick(THAI) : pick(FILLER);
      parts.push(word);
      length += word.length + 1;
    }
    const item = parts.join(thai && rand() < 0.5 ? '' : ' ');
    items.push(item);
    bytes += encoder.encode(item).length;
  }
  return { items, bytes };
}

function withoutClauses(pack: PackSpec): PackSpec {
  const strip = (m: MatcherSpec): MatcherSpec => {
    if (m.kind === 'terms' || m.kind === 'pattern') {
      const { near: _n, requires: _r, unless: _u, inheritUnless: _i, ...rest } = m;
      return rest as MatcherSpec;
    }
    if (m.kind === 'all' || m.kind === 'any') return { ...m, rules: m.rules.map(strip) };
    if (m.kind === 'not') return { ...m, rule: strip(m.rule) };
    return m;
  };
  return {
    ...pack,
    policies: pack.policies.map(({ unless: _u, ...p }) => ({
      ...p,
      // A rule is a matcher with id and examples: strip keeps every other key.
      rules: p.rules.map((r) => strip(r) as typeof r),
    })),
  };
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bench: Bench = {
  name: 'policy context clauses',
  async run(): Promise<Figure[]> {
    const { items, bytes } = corpus();
    const mb = bytes / 1e6;
    const fixture = JSON.parse(
      readFileSync('tests/fixtures/packs/context-pack.json', 'utf8'),
    ) as PackSpec;
    const packs: Array<[string, PackSpec]> = [
      ['starter pack', STARTER_PACK_JSON as PackSpec],
      ['context fixture pack', fixture],
    ];
    const cases = packs.flatMap(([name, spec]) => {
      const withClauses = compilePack(spec);
      const without = compilePack(withoutClauses(spec));
      if (!withClauses.ok || !without.ok) throw new Error(`${name} does not compile`);
      return [
        { name: `${name} with its clauses`, pack: withClauses.pack, ms: [] as number[] },
        { name: `${name}, clauses removed`, pack: without.pack, ms: [] as number[] },
      ];
    });
    let sink = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const rates = cases.map((c) => {
        const ms = cpuMs(() => {
          for (const item of items)
            sink += evaluate(c.pack, { fields: { description: item } }).length;
        });
        c.ms.push(ms);
        return (mb / (ms / 1000)).toFixed(2);
      });
      console.log(
        `  round ${round} (MB/s, ${cases.map((c) => c.name).join(' | ')}): ${rates.join(' | ')}`,
      );
    }
    if (sink === -1) console.log('unreachable');
    const rate = (ms: number[]) => mb / (median(ms) / 1000);
    const note = `${mb.toFixed(2)} MB in ${items.length} items, CPU time, median of ${ROUNDS} interleaved rounds`;
    const figures: Figure[] = [];
    for (let k = 0; k < cases.length; k += 2) {
      const [on, off] = [cases[k]!, cases[k + 1]!];
      figures.push({
        name: `evaluate(): ${on.name}`,
        value: rate(on.ms),
        unit: 'MB/s',
        baseline: { name: off.name, value: rate(off.ms) },
        higherIsBetter: true,
        // The fixture pack is all clauses on a small base: its figure is for reading only.
        ...(k === 0 ? { goal: { ratio: 0.85, text: 'clauses cost at most 15%' } } : {}),
        note,
      });
    }
    return figures;
  },
};

export default bench;
