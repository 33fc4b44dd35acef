import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partnersAround } from '@/lib/shared/policy/context-eval';
import { EvaluationContext, type Located } from '@/lib/shared/policy/evaluate';
import type { CompiledClause } from '@/lib/shared/policy/types';
import { wordsBetween } from '@/lib/shared/policy/words';
import { compiled, packWith, run } from './context-helpers';

/** Words that are none of the tests' terms, negations or commerce words, in six languages. */
const FILLER = [
  'bag',
  'red',
  'leather',
  'size',
  'the',
  'with',
  'kasut',
  'cantik',
  'warna',
  'túi',
  'đẹp',
  'maganda',
  'กระเป๋า',
  'สวย',
];
const NEGATIONS = ['not', 'no', 'never', "isn't", 'bukan', 'tidak', 'tak', 'hindi', 'không', 'ไม่'];
/** The term as a seller might disguise it; the match must survive every disguise. */
const FAKE = ['fake', 'FAKE', 'f\u200Bake', 'f4ke', 'Ｆａｋｅ'];
const COMMERCE_WORDS = ['price', 'DM', 'order', 'harga', 'giá', 'presyo', 'ราคา'];

const filler = (max: number) => fc.array(fc.constantFrom(...FILLER), { maxLength: max });
const join = (...parts: Array<string | string[]>) => parts.flat().join(' ');

const negated = compiled(packWith({ unless: ['negation'] })); // negation: 3 words before
const near = compiled(
  packWith({ terms: ['gucci'], near: { terms: ['mirror', 'copy'], within: 2 } }),
);
const commerce = compiled(packWith({ requires: 'commerce' })); // commerce: within 5
const RUNS = { numRuns: 150 };

describe('unless (property)', () => {
  it('a match with a negation within the window never fires', () => {
    fc.assert(
      fc.property(
        filler(6),
        fc.constantFrom(...NEGATIONS),
        filler(3),
        fc.constantFrom(...FAKE),
        filler(6),
        (before, neg, gap, fake, after) => {
          expect(run(negated, join(before, neg, gap, fake, after))).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('a negation further away than the window, or after the match, never cancels it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NEGATIONS),
        fc.array(fc.constantFrom(...FILLER), { minLength: 4, maxLength: 10 }),
        fc.constantFrom(...FAKE),
        filler(3),
        (neg, gap, fake, tail) => {
          expect(run(negated, join(neg, gap, fake)).length).toBe(1);
          expect(run(negated, join(fake, tail, neg)).length).toBe(1);
        },
      ),
      RUNS,
    );
  });
});

describe('near and requires (property)', () => {
  it('A near B holds in either order exactly when at most N words lie between', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FILLER), { maxLength: 5 }),
        fc.constantFrom('mirror', 'copy', 'MIRROR', 'c0py'),
        (gap, partner) => {
          const within = gap.length <= 2;
          expect(run(near, join('Gucci', gap, partner)).length).toBe(within ? 1 : 0);
          expect(run(near, join(partner, gap, 'Gucci')).length).toBe(within ? 1 : 0);
        },
      ),
      RUNS,
    );
  });

  it('an ambiguous term fires exactly when commerce is within the window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FILLER), { maxLength: 8 }),
        fc.constantFrom(...COMMERCE_WORDS),
        fc.constantFrom(...FAKE),
        fc.boolean(),
        (gap, word, fake, commerceFirst) => {
          const text = commerceFirst ? join(word, gap, fake) : join(fake, gap, word);
          expect(run(commerce, text).length).toBe(gap.length <= 5 ? 1 : 0);
        },
      ),
      RUNS,
    );
  });
});

describe('pattern partners in long fields (property)', () => {
  // Fields much longer than the window: the pattern is searched only around each match.
  const lose = compiled(
    packWith({ terms: ['lose'], near: { pattern: '\\b\\d+\\s?kg\\b', after: 2 } }),
  );
  const padding = fc.array(fc.constantFrom(...FILLER), { minLength: 300, maxLength: 500 });

  it('finds the partner exactly when it is within the window, wherever the match sits', () => {
    fc.assert(
      fc.property(
        padding,
        fc.array(fc.constantFrom(...FILLER), { maxLength: 5 }),
        fc.constantFrom('5kg', '10 kg', '2.5kg'),
        padding,
        (before, gap, amount, after) => {
          const text = join(before, 'lose', gap, amount, after);
          const findings = run(lose, text);
          expect(findings.length).toBe(gap.length <= 2 ? 1 : 0);
          for (const e of findings[0]?.evidence ?? []) {
            expect(text.slice(e.start, e.end)).toBe(e.text);
          }
          // An amount far away (beyond the searched stretch) is no partner.
          expect(run(lose, join('lose', before, amount)).length).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('context and the rest of the text (property)', () => {
  const token = fc.constantFrom(
    ...FILLER,
    ...NEGATIONS,
    ...FAKE,
    ...COMMERCE_WORDS,
    'Gucci',
    'copy',
  );
  const packs = [negated, near, commerce];

  it('adding unrelated words outside the match and its partners never changes the result', () => {
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 12 }),
        filler(8),
        filler(8),
        (core, prefix, suffix) => {
          const text = join(core);
          const padded = join(prefix, core, suffix);
          const shift = prefix.length === 0 ? 0 : join(prefix).length + 1;
          for (const pack of packs) {
            const moved = run(pack, padded).map((f) => ({
              ...f,
              evidence: f.evidence.map((e) => ({
                ...e,
                start: e.start - shift,
                end: e.end - shift,
              })),
              context: f.context?.map((n) => ({
                ...n,
                match: { ...n.match, start: n.match.start - shift, end: n.match.end - shift },
                partner: {
                  ...n.partner,
                  start: n.partner.start - shift,
                  end: n.partner.end - shift,
                },
              })),
            }));
            expect(moved).toEqual(run(pack, text));
          }
        },
      ),
      RUNS,
    );
  });

  it('evidence and context notes are slices of the original text', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 14 }), (tokens) => {
        const text = join(tokens);
        for (const pack of packs) {
          for (const f of run(pack, text)) {
            for (const e of f.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
            for (const n of f.context ?? []) {
              expect(text.slice(n.match.start, n.match.end)).toBe(n.match.text);
              expect(text.slice(n.partner.start, n.partner.end)).toBe(n.partner.text);
            }
          }
        }
      }),
      RUNS,
    );
  });
});

describe('partners around a match (property)', () => {
  /** Every partner of the field, checked one by one: what the indexed walk must agree with. */
  function naive(clause: CompiledClause, hit: Located, ctx: EvaluationContext): string[] {
    const w = clause.window;
    if (w.kind !== 'words') throw new Error('words windows only');
    const norm = ctx.fields[hit.field]!.norm;
    const ok = (b: { words: number; sentenceEnd: boolean }, max: number) =>
      b.words <= max && (w.crossSentences || !b.sentenceEnd);
    const out: string[] = [];
    for (const x of ctx.partnerTerms(clause.partner)) {
      if (x.field !== hit.field || (x.start >= hit.start && x.end <= hit.end)) continue;
      const contains = x.start <= hit.start && x.end >= hit.end;
      const before =
        w.before >= 0 &&
        x.start < hit.start &&
        (x.end >= hit.start || ok(wordsBetween(norm, x.end, hit.start, w.before), w.before));
      const after =
        w.after >= 0 &&
        x.end > hit.end &&
        (x.start <= hit.end || ok(wordsBetween(norm, hit.end, x.start, w.after), w.after));
      if (contains || before || after) out.push(`${x.start}-${x.end}`);
    }
    return out.sort();
  }

  const token = fc.constantFrom(
    ...FILLER,
    'not',
    'no',
    'not no',
    'fake',
    'fake fake',
    '.',
    '!',
    '\n',
  );
  const windows = fc.oneof(
    fc.record({ within: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ before: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ after: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ before: fc.integer({ min: 0, max: 3 }), after: fc.integer({ min: 0, max: 3 }) }),
  );

  it('the walk outward from each match finds exactly the partners in the window', () => {
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 30 }),
        windows,
        fc.boolean(),
        (tokens, window, crossSentences) => {
          const pack = compiled(
            packWith({ unless: [{ terms: ['not', 'no', 'not no'], ...window, crossSentences }] }),
          );
          const ctx = new EvaluationContext(pack, { fields: { description: join(tokens) } });
          const matcher = pack.policies[0]!.rules[0]!.matcher;
          if (matcher.kind !== 'terms' || !matcher.context) throw new Error('terms rule expected');
          const clause = matcher.context.unless[0]!;
          for (const hit of ctx.hitsFor(matcher.slot)) {
            const found = partnersAround(clause, hit, ctx, 1000).map((f) =>
              f.partner === 'price' ? 'price' : `${f.partner.start}-${f.partner.end}`,
            );
            expect(found.sort()).toEqual(naive(clause, hit, ctx));
          }
        },
      ),
      RUNS,
    );
  });
});
