import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePack } from '@/lib/shared/policy/compile';
import { evaluate } from '@/lib/shared/policy/evaluate';
import { normalise } from '@/lib/shared/policy/normalise';
import type { PackSpec } from '@/lib/shared/policy/pack-schema';
import {
  bundledScorer,
  extractFeatures,
  loadScorer,
  SCORER_FORMAT,
  scoreText,
  suggestFindings,
} from '@/lib/shared/policy/scorer';
import { KEY_TEXT } from '@/lib/shared/policy/scorer/features';
import { fnvString, SALT_WORD } from '@/lib/shared/policy/scorer/hash';
import { STARTER_PACK_JSON } from '@/lib/shared/policy/starter-pack';
import { featurise, trainModel } from '@/scripts/scorer/train';

const featuresOf = (text: string) => extractFeatures(normalise(text));
const hashSet = (text: string) => new Set(featuresOf(text).hashes);
const wordHash = (word: string) => fnvString(word, SALT_WORD);

/** Where a feature first occurs, as original text (text key features only). */
function originalOf(text: string, hash: number): string | undefined {
  const norm = normalise(text);
  const f = extractFeatures(norm);
  const i = f.hashes.indexOf(hash);
  if (i < 0 || f.key[i] !== KEY_TEXT) return undefined;
  return text.slice(norm.text.starts[f.from[i]!]!, norm.text.ends[f.to[i]! - 1]!);
}

describe('scorer features', () => {
  it('hashes the same text to the same features, each once', () => {
    const a = featuresOf('inbox me on zalo for the price');
    expect(featuresOf('inbox me on zalo for the price').hashes).toEqual(a.hashes);
    expect(new Set(a.hashes).size).toBe(a.hashes.length);
  });

  it('reads words of Thai without spaces as character n-grams inside the run', () => {
    const run = 'ทักไลน์มาเลยค่ะ';
    const f = featuresOf(run);
    // One word (the whole run), but n-grams inside it: 3..5-grams over " run ".
    expect(f.hashes).toContain(wordHash(run));
    expect(f.hashes.length).toBeGreaterThan(3 * run.length - 6);
    // A shorter text inside the run shares its inner n-grams.
    const inner = hashSet('ไลน์');
    const shared = featuresOf('ไลน์').hashes.filter((h) => hashSet(run).has(h));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.length).toBeLessThan(inner.size);
  });

  it('reads Vietnamese without marks like Vietnamese with them (fold key)', () => {
    expect(hashSet('kem trị mụn cấp tốc')).toEqual(hashSet('kem tri mun cap toc'));
    expect(featuresOf('kem trị mụn').hashes).toContain(wordHash('mun'));
    // Evidence points at the original, marked text.
    expect(originalOf('kem trị mụn', wordHash('mun'))).toBe('mụn');
  });

  it('undoes evasions before hashing: look-alike letters and symbols inside a word', () => {
    // Cyrillic е and о, and an emoji inside the word, give the plain word's features.
    expect(featuresOf('rеplicа bаg').hashes).toContain(wordHash('repiica'));
    const text = 'tel💥egram me';
    const h = featuresOf('telegram me').hashes.find((x) => x === wordHash('teiegram'));
    expect(h).toBeDefined();
    expect(originalOf(text, h!)).toBe('tel💥egram');
  });

  it('gives an empty text no features and a score from the bias alone', () => {
    expect(featuresOf('').hashes).toEqual([]);
    const loaded = bundledScorer();
    if (!loaded.ok) throw new Error(loaded.error);
    const scored = scoreText(loaded.scorer, normalise('   '));
    expect(scored.probabilities.length).toBe(loaded.scorer.policies.length);
  });
});

describe('scorer training', () => {
  const texts = [
    'inbox me on zalo for the price',
    'whatsapp 0812 3456 7890 for cheaper',
    'original bag, receipt included',
    'not fake, bought at the mall',
    'super copy bag 1:1 mirror quality',
    'kw premium grade AAA replica',
    'dm me on line for the price',
    'ask in the shop chat for the price',
  ];
  const labels = [
    'off-platform-diversion',
    'off-platform-diversion',
    undefined,
    undefined,
    'counterfeit-goods',
    'counterfeit-goods',
    'off-platform-diversion',
    undefined,
  ];
  const examples = texts.map((text, i) => ({ text, policy: labels[i] }));
  const options = {
    policies: ['counterfeit-goods', 'off-platform-diversion'],
    l2: 1e-4,
    iterations: 30,
    fineTuneIterations: 10,
    learningRate: 0.3,
    minDocs: 1,
    keep: 200,
    minWeight: 0,
    innocentWeight: 3,
  };

  it('gives the same weights bit for bit on the same cases', () => {
    const a = trainModel(featurise(texts), examples, options);
    const b = trainModel(featurise(texts), examples, options);
    expect(b.bias).toEqual(a.bias);
    expect([...b.weights.keys()]).toEqual([...a.weights.keys()]);
    for (const [hash, w] of a.weights) expect([...b.weights.get(hash)!]).toEqual([...w]);
    expect(a.weights.size).toBeLessThanOrEqual(200);
  });
});

const goodFile = () => ({
  format: SCORER_FORMAT,
  trainedOn: 'a test',
  features: { chars: [3, 5], words: [1, 2], digitRuns: true },
  policies: ['counterfeit-goods', 'weapons'],
  bias: [-3, -3],
  thresholds: [0.9, 0.9],
  weights: [
    [wordHash('repiica'), 0, 40, 1, -1],
    [wordHash('zorbiax'), 0, 60],
  ],
});

describe('the weights file', () => {
  it('loads the bundled file, trained for the starter pack policies', () => {
    const loaded = bundledScorer();
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.scorer.policies).toContain('off-platform-diversion');
    expect(loaded.scorer.weights.size).toBeGreaterThan(100);
  });

  it('scores with a small hand-made file', () => {
    const loaded = loadScorer(goodFile());
    if (!loaded.ok) throw new Error(loaded.error);
    // The text key reads "replica" as "repiica" (leetspeak folded), as the weights do.
    const scored = scoreText(loaded.scorer, normalise('replica'));
    // The word and its 3- to 5-grams: one feature of 15 has a weight; 40/sqrt(15) - 3 > 0.
    expect(scored.probabilities[0]).toBeGreaterThan(0.5);
    expect(scored.probabilities[1]).toBeLessThan(0.05);
  });

  it.each([
    [null, '(file)'],
    ['weights', '(file)'],
    [{ ...goodFile(), format: 'other/1' }, 'format'],
    [{ ...goodFile(), bias: [0] }, 'bias: has 1 entries for 2 policies'],
    [{ ...goodFile(), thresholds: [0.9, 1.5] }, 'thresholds[1]'],
    [
      { ...goodFile(), weights: [[1, 2, 0.5]] },
      'weights[0][1]: policy index 2 is not one of the 2',
    ],
    [{ ...goodFile(), weights: [[1, 0]] }, 'weights[0]'],
    [{ ...goodFile(), weights: [[-1, 0, 1]] }, 'weights[0][0]: hash is not a uint32'],
    [
      {
        ...goodFile(),
        weights: [
          [7, 0, 1],
          [7, 1, 1],
        ],
      },
      'weights[1][0]: hash listed twice',
    ],
    [{ ...goodFile(), policies: ['Bad Id'], bias: [0], thresholds: [1] }, 'policies[0]'],
  ])('refuses a bad file with where and why (%#)', (file, message) => {
    const loaded = loadScorer(file);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error).toMatch(/^scorer weights file: /);
      expect(loaded.error).toContain(message);
    }
  });
});

describe('suggested findings', () => {
  const compiled = compilePack(STARTER_PACK_JSON as PackSpec);
  if (!compiled.ok) throw new Error('the starter pack does not compile');
  const pack = compiled.pack;
  const loaded = loadScorer(goodFile());
  if (!loaded.ok) throw new Error(loaded.error);
  const scorer = loaded.scorer;
  const suggest = (text: string) => {
    const input = { market: 'SG', fields: { description: text } };
    return suggestFindings(pack, scorer, input, evaluate(pack, input));
  };

  it('suggests a policy no rule found, with the word that drove it in the original text', () => {
    const text = 'Brand new Zorblax bag, ready stock';
    const [finding, ...rest] = suggest(text);
    expect(rest).toEqual([]);
    expect(finding?.policyId).toBe('counterfeit-goods');
    expect(finding?.ruleId).toBe('suggested');
    expect(finding?.suggested?.probability).toBeGreaterThan(0.9);
    expect(finding?.suggested?.features[0]?.text).toBe('Zorblax');
    expect(finding?.evidence).toEqual([
      { field: 'description', start: 10, end: 17, text: 'Zorblax' },
    ]);
  });

  it('says nothing where a rule of the policy fired, or where the pack names an exception', () => {
    // A rule already finds counterfeit here: no suggestion on top.
    expect(suggest('Zorblax replica bag, 1:1 mirror copy, RM 89 DM me')).toEqual([]);
    // Negation, which the pack's counterfeit rules treat as innocent framing.
    expect(suggest('This Zorblax bag is not fake, I promise')).toEqual([]);
  });
});

describe('the bundled scorer on the end-to-end fixture', () => {
  // tests/e2e/suggested-findings.spec.ts needs a text no rule reaches and the bundled scorer
  // suggests. Retraining (npm run train:scorer, after the corpus grows) or a new pack exception
  // can change that; this test says so in seconds instead of in the browser run.
  const fixture = readFileSync(
    join(import.meta.dirname, '../../../fixtures/pages/generic/suggested-product.html'),
    'utf8',
  );
  const description = /itemprop="description">([^<]+)</.exec(fixture)?.[1];

  it('suggests hate and harassment for the fixture item, where no rule fires', () => {
    const compiled = compilePack(STARTER_PACK_JSON as PackSpec);
    if (!compiled.ok) throw new Error('the starter pack does not compile');
    const loaded = bundledScorer();
    if (!loaded.ok) throw new Error(loaded.error);
    expect(description).toBeDefined();
    const input = { market: 'PH', fields: { title: 'Limited stock', description: description! } };
    const rules = evaluate(compiled.pack, input);
    expect(rules).toEqual([]);
    const suggested = suggestFindings(compiled.pack, loaded.scorer, input, rules);
    expect(suggested.map((f) => f.policyId)).toEqual(['hate-and-harassment']);
  });
});
