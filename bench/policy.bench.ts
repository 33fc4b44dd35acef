/**
 * Policy engine throughput: the starter pack plus a generated 10,000-term pack over >= 10 MB
 * of generated mixed-language text (English/Malay/Indonesian/Filipino-like Latin words,
 * Vietnamese with diacritics, Thai without spaces) with planted evasions (leet, zero-width,
 * full-width, Cyrillic look-alikes, upper case). Baselines from the same run: the floor
 * (normalisation plus one bare pass over the key); one JavaScript RegExp alternation of the
 * same terms and modern-ahocorasick, on the same normalised keys of the same 1 MB sample.
 * Each comparison runs its contenders in interleaved rounds (bench/rounds.ts) after one
 * warm-up run each, prints every round and reports medians; the RegExp's cold first run
 * (compiling the alternation) is reported apart, as is the ratio per script of the sample.
 * MB = 10^6 bytes of the original text in UTF-8, for every figure.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import AhoCorasick from 'modern-ahocorasick';
import { compilePack } from '../lib/shared/policy/compile';
import { evaluate } from '../lib/shared/policy/evaluate';
import { keyString, type NormalisedText, normalise, termKey } from '../lib/shared/policy/normalise';
import type { PackSpec } from '../lib/shared/policy/pack-schema';
import { STARTER_PACK_JSON } from '../lib/shared/policy/starter-pack';
import { findTerms } from '../lib/shared/policy/term-index';
import { type Bench, type Figure, medianMs } from './harness';
import { scorerFigures } from './policy-scorer';
import { interleavedRounds } from './rounds';
import { workerStartMedians } from './worker-start-figure';

const TARGET_BYTES = 10_500_000;
const ITEM_CHARS = 2_000;
const REGEX_SAMPLE_BYTES = 1_000_000;

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
const rand = prng(20261122);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const CONSONANTS = [...'bcdghklmnprstwy', 'ng', 'ny', 'sy', 'ch'];
const VOWELS = [...'aeiou'];
const VI_VOWELS = [...'aăâeêioôơuưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ'];
const VI_INITIALS = [
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'ng',
  'nh',
  'ph',
  'qu',
  'r',
  's',
  't',
  'th',
  'tr',
  'v',
  'x',
];
const TH_CONSONANTS = [...'กขคงจฉชซดตถทนบปผพฟมยรลวสหอฮ'];
const TH_VOWELS = ['า', 'ิ', 'ี', 'ุ', 'ู', 'ั', 'ำ', 'เ', 'แ', 'โ', '่', '้', ''];

function latinWord(): string {
  let w = '';
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) w += pick(CONSONANTS) + pick(VOWELS);
  return rand() < 0.3 ? w + pick(['n', 'k', 't', 'ng', 's']) : w;
}
const viSyllable = () =>
  pick(VI_INITIALS) +
  pick(VI_VOWELS) +
  (rand() < 0.4 ? pick(['n', 'ng', 'c', 't', 'm', 'nh']) : '');
function thaiWord(): string {
  let w = '';
  const n = 2 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) w += pick(TH_CONSONANTS) + pick(TH_VOWELS);
  return w;
}

export function generateTerms(count: number): string[] {
  const terms = new Set<string>();
  while (terms.size < count) {
    const r = rand();
    if (r < 0.5)
      terms.add(rand() < 0.5 ? `${latinWord()} ${latinWord()}` : latinWord() + latinWord());
    else if (r < 0.75) terms.add(`${viSyllable()} ${viSyllable()}`);
    else terms.add(thaiWord() + thaiWord());
  }
  return [...terms].filter((t) => termKey(t).fold.length >= 4);
}

const FULL_WIDTH = (s: string) =>
  s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const EVASIONS: Array<(s: string) => string> = [
  (s) => s.toUpperCase(),
  (s) => s.replace(/e/g, '3').replace(/a/g, '4').replace(/o/g, '0'),
  (s) => [...s].join('\u200B'),
  FULL_WIDTH,
  (s) => s.replace(/a/g, 'а').replace(/o/g, 'о').replace(/e/g, 'е'),
];

/** Items of ITEM_CHARS until targetBytes; a smaller target gives a prefix of the corpus. */
export function generateItems(
  terms: readonly string[],
  targetBytes = TARGET_BYTES,
): { items: string[]; bytes: number } {
  const encoder = new TextEncoder();
  const items: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const parts: string[] = [];
    let length = 0;
    const script = rand();
    while (length < ITEM_CHARS) {
      let word: string;
      const r = rand();
      if (r < 0.01) word = pick(EVASIONS)(pick(terms));
      else if (r < 0.02)
        word = `0${pick(['8', '9'])}${Math.floor(rand() * 1e8)
          .toString()
          .padStart(8, '0')}`;
      else if (script < 0.5) word = latinWord();
      else if (script < 0.75) word = viSyllable();
      else word = thaiWord();
      parts.push(word);
      length += word.length + 1;
    }
    const item = parts.join(script >= 0.75 ? '' : ' ');
    items.push(item);
    bytes += encoder.encode(item).length;
  }
  return { items, bytes };
}

function termPack(terms: readonly string[]): PackSpec {
  return {
    id: 'bench-10k',
    version: '1.0.0',
    policies: [
      {
        id: 'generated',
        title: 'Generated terms',
        description: 'Benchmark terms',
        guidance: 'none',
        severity: 'low',
        markets: ['SG', 'MY', 'TH', 'VN', 'ID', 'PH'],
        rules: [
          {
            id: 'terms',
            kind: 'terms',
            terms: [...terms],
            examples: { mustMatch: [terms[0]!], mustNotMatch: ['zzzz'] },
          },
        ],
      },
    ],
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rounds per comparison (POLICY_BENCH_ROUNDS, default 5). */
function roundsFromEnv(): number {
  const raw = process.env.POLICY_BENCH_ROUNDS ?? '5';
  const rounds = Number.parseInt(raw, 10);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) {
    throw new Error(`POLICY_BENCH_ROUNDS must be an integer from 1 to 50 (got "${raw}")`);
  }
  return rounds;
}

/** Which script an item was generated in, read from its first letters. */
function scriptOf(item: string): 'latin' | 'vietnamese' | 'thai' {
  if (/[\u0E00-\u0E7F]/.test(item.slice(0, 40))) return 'thai';
  return /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/.test(item.slice(0, 200))
    ? 'vietnamese'
    : 'latin';
}

function cpuName(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? 'unknown CPU';
    return `${model}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`;
  } catch {
    return `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`;
  }
}

const bench: Bench = {
  name: 'policy engine',
  async run(): Promise<Figure[]> {
    const rounds = roundsFromEnv();
    const terms = generateTerms(10_000);
    const { items, bytes } = generateItems(terms);
    const mb = bytes / 1e6;
    const starter = STARTER_PACK_JSON as PackSpec;
    const spec10k = termPack(terms);
    console.log(`  machine: ${cpuName()}, node ${process.version}`);

    // Before anything warms this process: each start runs in its own fresh process anyway.
    const starts = await workerStartMedians(rounds);
    normalise('warm up ของ Việt'); // first use builds the Unicode tables
    const compileStarterMs = await medianMs(5, () => compilePack(starter));
    const compile10kMs = await medianMs(3, () => compilePack(spec10k));
    // The starter pack with the generated policy added (keeping its context lists).
    const compiled = compilePack({
      ...starter,
      policies: [...starter.policies, ...spec10k.policies],
    });
    const only10k = compilePack(spec10k);
    if (!compiled.ok) throw new Error(`starter + 10k: ${JSON.stringify(compiled.errors[0])}`);
    if (!only10k.ok) throw new Error(`10k pack: ${JSON.stringify(only10k.errors[0])}`);
    const index = only10k.pack.terms;

    // 1. The engine against its floor, on the whole corpus.
    let hitCount = 0;
    const full = interleavedRounds('corpus', rounds, [
      {
        name: 'floor',
        run: () => {
          let sum = 0;
          for (const item of items) {
            const n = normalise(item);
            for (let k = 0; k < n.text.length; k++) sum += n.fold[k]!;
          }
          return sum;
        },
      },
      {
        name: 'engine',
        run: () => {
          hitCount = 0;
          for (const item of items) hitCount += findTerms(index, normalise(item)).length;
          return hitCount;
        },
      },
      {
        name: 'NFKC+lower',
        run: () => {
          let sum = 0;
          for (const item of items) sum += item.normalize('NFKC').toLowerCase().length;
          return sum;
        },
      },
    ]);

    // 2. Matchers alone, on the same pre-normalised keys of the same 1 MB sample. The
    // RegExp's first run is timed apart: it includes compiling the 10k-way alternation.
    const encoder = new TextEncoder();
    let sampleBytes = 0;
    let sampleCount = 0;
    while (sampleBytes < REGEX_SAMPLE_BYTES && sampleCount < items.length) {
      sampleBytes += encoder.encode(items[sampleCount]!).length;
      sampleCount++;
    }
    const sample = items.slice(0, sampleCount);
    const keys: NormalisedText[] = sample.map(normalise);
    const foldStrings = keys.map((k) => keyString(k.fold, 0, k.text.length));
    const foldTerms = [...new Set(terms.map((t) => termKey(t).fold))];
    const alternation = new RegExp(
      [...foldTerms]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    const coldStart = performance.now();
    let sink = 0;
    for (const s of foldStrings) sink += s.match(alternation)?.length ?? 0;
    const regexColdMs = performance.now() - coldStart;
    const ac = new AhoCorasick(foldTerms);
    const matchers = interleavedRounds('1 MB sample', rounds, [
      {
        name: 'term scan',
        run: () => {
          let n = 0;
          for (const k of keys) n += findTerms(index, k).length;
          return n;
        },
      },
      {
        name: 'RegExp',
        run: () => {
          let n = 0;
          for (const s of foldStrings) n += s.match(alternation)?.length ?? 0;
          return n;
        },
      },
      {
        name: 'modern-ahocorasick',
        run: () => {
          let n = 0;
          for (const s of foldStrings) n += ac.search(s).length;
          return n;
        },
      },
    ]);

    // 3. The same two on each script's items of the sample: the ratio depends on the mix.
    const byScript: string[] = [];
    for (const script of ['latin', 'vietnamese', 'thai'] as const) {
      const picked = sample.map((item, k) => (scriptOf(item) === script ? k : -1));
      const ks = picked.filter((k) => k >= 0);
      if (ks.length === 0) continue;
      const b = ks.reduce((sum, k) => sum + encoder.encode(sample[k]!).length, 0) / 1e6;
      const part = interleavedRounds(`${script} items`, Math.min(rounds, 3), [
        { name: 'scan', run: () => ks.map((k) => findTerms(index, keys[k]!).length) },
        { name: 'RegExp', run: () => ks.map((k) => foldStrings[k]!.match(alternation)?.length) },
      ]);
      const ratio = part.median('RegExp') / part.median('scan');
      byScript.push(`${script} ${b.toFixed(2)} MB: ${ratio.toFixed(1)}x`);
    }

    const evaluateMs = await medianMs(1, () => {
      for (const item of items)
        sink += evaluate(compiled.pack, { fields: { description: item } }).length;
    });
    if (sink === -1) console.log('unreachable');
    const scorer = await scorerFigures(rounds);
    const rate = (ms: number) => mb / (ms / 1000);
    const sampleRate = (ms: number) => sampleBytes / 1e6 / (ms / 1000);
    const corpus = `${mb.toFixed(1)} MB in ${items.length} items, ${terms.length} terms, ${hitCount} term hits; medians of ${rounds} interleaved rounds`;
    const regexRounds = matchers.median('RegExp');
    return [
      {
        name: 'normalise + term scan (10k-term pack)',
        value: rate(full.median('engine')),
        unit: 'MB/s',
        baseline: { name: 'floor: normalise + one bare pass', value: rate(full.median('floor')) },
        higherIsBetter: true,
        goal: { ratio: 0.5, text: 'within 2x of the floor' },
        note: `${corpus}; median of per-round ratios ${(1 / full.medianRatio('engine', 'floor')).toFixed(2)}x`,
      },
      {
        name: 'normalise (every fold) + one bare pass',
        value: rate(full.median('floor')),
        unit: 'MB/s',
        baseline: {
          name: "the engine's own String.normalize('NFKC').toLowerCase()",
          value: rate(full.median('NFKC+lower')),
        },
        higherIsBetter: true,
        note: 'what the normaliser costs beside the two string calls it could not do without',
      },
      {
        name: 'term scan alone on the normalised key (1 MB sample)',
        value: sampleRate(matchers.median('term scan')),
        unit: 'MB/s',
        baseline: {
          name: 'one JavaScript RegExp alternation of the same terms, warmed up',
          value: sampleRate(regexRounds),
        },
        higherIsBetter: true,
        goal: { ratio: 20, text: 'at least 20x the RegExp alternation' },
        note: `per script: ${byScript.join('; ')}; the RegExp's first run (compiling the alternation) ${regexColdMs.toFixed(0)} ms against ${regexRounds.toFixed(0)} ms warm`,
      },
      {
        name: 'term scan alone on the normalised key (1 MB sample)',
        value: sampleRate(matchers.median('term scan')),
        unit: 'MB/s',
        baseline: {
          name: 'modern-ahocorasick 3.3 search() on the same key',
          value: sampleRate(matchers.median('modern-ahocorasick')),
        },
        higherIsBetter: true,
        goal: { ratio: 1, text: 'at least as fast as modern-ahocorasick' },
      },
      {
        name: `evaluate(): starter pack ${starter.version} + 10k terms, all rules, per 2,000-char item`,
        value: rate(evaluateMs),
        unit: 'MB/s',
        baseline: { name: 'floor: normalise + one bare pass', value: rate(full.median('floor')) },
        higherIsBetter: true,
        note: 'one run',
      },
      ...scorer,
      { name: 'compile 10,000-term pack', value: compile10kMs, unit: 'ms', higherIsBetter: false },
      {
        name: `compile starter pack ${starter.version} (${starter.policies.length} policies)`,
        value: compileStarterMs,
        unit: 'ms',
        higherIsBetter: false,
      },
      {
        name: `worker start to first verdict, starter pack ${starts.current.version} (${starts.current.policies} policies)`,
        value: starts.currentMs,
        unit: 'ms',
        baseline: {
          name: `the same for the ${starts.old.policies}-policy starter pack ${starts.old.version} (commit 18eb641)`,
          value: starts.oldMs,
        },
        higherIsBetter: false,
        note: `fresh node process per start, warm (kept term index, validated spec and pattern programs, examples already passed; bench/worker-start.ts); with the kept term index only (schema and canonical digest run): ${starts.indexOnlyMs.toFixed(0)} ms; the first start of a release, compiling everything and running every example: ${starts.firstStartMs.toFixed(0)} ms; medians of ${rounds} interleaved rounds`,
      },
    ];
  },
};

export default bench;
