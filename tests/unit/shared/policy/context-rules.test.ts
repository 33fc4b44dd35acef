import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, loadPack } from '@/lib/shared/policy';
import { normalise } from '@/lib/shared/policy/normalise';
import { wordsBetween } from '@/lib/shared/policy/words';
import { compiled, fires, packWith, run } from './context-helpers';

describe('word windows', () => {
  /** Words between the first occurrences of a and b in the text. */
  const between = (text: string, a: string, b: string, limit = 10) => {
    const from = text.indexOf(a) + a.length;
    return wordsBetween(normalise(text), from, text.indexOf(b, from), limit);
  };

  it('counts words as the reader sees them', () => {
    expect(between("no, it isn't r\u200Bep1ica", 'no', 'r')).toEqual({
      words: 2,
      sentenceEnd: false,
    });
    expect(between('not fake', 'not', 'fake')).toEqual({ words: 0, sentenceEnd: false });
    expect(between('not 💯 a f\u00e1ke', 'not', 'f')).toEqual({ words: 1, sentenceEnd: false });
  });

  it('splits Thai written without spaces into dictionary words', () => {
    expect(between('ไม่ใช่ของปลอม', 'ไม่ใช่', 'ปลอม').words).toBe(1);
    expect(between('ไม่ใช่ปลอม', 'ไม่ใช่', 'ปลอม').words).toBe(0);
  });

  it('stops counting past the limit', () => {
    expect(between('not one two three four five six fake', 'not', 'fake', 3).words).toBe(4);
    expect(between(`ไม่${'กระเป๋าสวย'.repeat(40)}ปลอม`, 'ไม่', 'ปลอม', 3).words).toBe(4);
  });

  it('finds sentence ends at ". ", "!", "?" and line breaks, not in "wa.me", "1.5" or "no. 0812"', () => {
    expect(between('Not cheap. Fake', 'Not', 'Fake').sentenceEnd).toBe(true);
    expect(between('Not wa.me 1.5 kg fake', 'Not', 'fake').sentenceEnd).toBe(false);
    expect(between('Not cheap!Fake', 'Not', 'Fake').sentenceEnd).toBe(false);
    expect(between('Not cheap?! Fake', 'Not', 'Fake').sentenceEnd).toBe(true);
    expect(between('Not cheap\nFake', 'Not', 'Fake').sentenceEnd).toBe(true);
    expect(between('no. 0812 fake', 'no', 'fake').sentenceEnd).toBe(false);
    expect(between('Not approx. five fake', 'Not', 'fake').sentenceEnd).toBe(false);
  });
});

describe('unless', () => {
  const pack = compiled(packWith({ unless: ['negation'] }));

  it('cancels a match negated within the window, before it only', () => {
    expect(fires(pack, 'this is not fake')).toBe(false);
    expect(fires(pack, 'this is not a real fake')).toBe(false); // 3 words between
    expect(fires(pack, 'not one of these is a fake')).toBe(true); // 5 words between
    expect(fires(pack, 'fake, not original')).toBe(true); // negation after the match
  });

  it('does not reach across a sentence end unless told to', () => {
    expect(fires(pack, 'Not cheap. Fake bags here')).toBe(true);
    const crossing = compiled(
      packWith({ unless: [{ context: 'negation', before: 3, crossSentences: true }] }),
    );
    expect(fires(crossing, 'Not cheap. Fake bags here')).toBe(false);
  });

  it('negates in every language of the context, Thai without spaces included', () => {
    const multi = compiled(
      packWith({ terms: ['fake', 'ปลอม', 'giả', 'palsu', 'peke'], unless: ['negation'] }),
    );
    for (const text of ['ไม่ใช่ของปลอม', 'không phải hàng giả', 'bukan barang palsu', 'hindi peke']) {
      expect(fires(multi, text), text).toBe(false);
    }
    for (const text of ['ของปลอมเกรดเอ', 'hàng giả loại 1', 'barang palsu murah', 'peke na bag']) {
      expect(fires(multi, text), text).toBe(true);
    }
  });

  it('ignores a partner inside the match and counts one that contains it', () => {
    const own = compiled(packWith({ terms: ['not original'], unless: ['negation'] }));
    expect(fires(own, 'bag not original, mirror grade')).toBe(true);
    const spot = compiled(packWith({ unless: [{ terms: ['how to spot a fake'], after: 0 }] }));
    expect(fires(spot, 'how to spot a fake in 3 steps')).toBe(false);
  });

  it('takes inline terms, patterns and field or item windows', () => {
    const news = compiled(packWith({ unless: [{ terms: ['police seized'], within: 'item' }] }));
    expect(
      evaluate(news, { fields: { title: 'Police seized 2,000 bags', description: 'fake bags' } }),
    ).toEqual([]);
    const field = compiled(packWith({ unless: [{ terms: ['museum'], within: 'field' }] }));
    expect(evaluate(field, { fields: { title: 'museum', description: 'fake bags' } }).length).toBe(
      1,
    );
    const year = compiled(packWith({ unless: [{ pattern: '\\b19\\d\\d\\b', within: 2 }] }));
    expect(fires(year, 'the 1985 fake scandal')).toBe(false);
    expect(fires(year, 'fake bags cheap cheap 1985')).toBe(true);
  });
});

describe('clauses on pattern rules and nested rules', () => {
  it('cancels a phone-number pattern read in a part or invoice number', () => {
    const pack = compiled(
      packWith({
        kind: 'pattern',
        pattern: '\\b0[689]\\d{8}\\b',
        unless: [{ terms: ['part no', 'sku', 'invoice'], before: 1 }],
      }),
    );
    expect(fires(pack, 'Part no. 0812345678 fits model X')).toBe(false);
    expect(fires(pack, 'Invoice 0 8 1 2 3 4 5 6 7 8')).toBe(false);
    const text = 'sku ok, call 081-234-5678';
    const [finding] = run(pack, text);
    expect(finding?.evidence).toEqual([
      { field: 'description', start: 13, end: 25, text: '081-234-5678' },
    ]);
  });

  it('applies clauses inside all / any', () => {
    const pack = compiled(
      packWith({
        kind: 'all',
        rules: [
          { kind: 'terms', terms: ['use my code'], unless: ['negation'] },
          { kind: 'hashtags', tags: ['#ad'], present: false },
        ],
      }),
    );
    expect(fires(pack, 'use my code SAVE10')).toBe(true);
    expect(fires(pack, "don't use my code, it expired")).toBe(true); // "don't" is not in the list
    expect(fires(pack, 'never use my code twice')).toBe(false);
    expect(evaluate(pack, { fields: { description: 'use my code' }, hashtags: ['ad'] })).toEqual(
      [],
    );
  });
});

describe('near', () => {
  it('fires on A within N words of B in either order and adds B to the evidence', () => {
    const pack = compiled(packWith({ terms: ['gucci'], near: { terms: ['mirror'], within: 2 } }));
    const text = 'GUCCI belt m\u200Birror grade';
    const [finding] = run(pack, text);
    expect(finding?.evidence.map((e) => e.text)).toEqual(['GUCCI', 'm\u200Birror']);
    for (const e of finding!.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(finding?.context).toEqual([
      {
        clause: 'near',
        source: 'terms',
        match: { field: 'description', start: 0, end: 5, text: 'GUCCI' },
        partner: { field: 'description', start: 11, end: 18, text: 'm\u200Birror' },
        words: 1,
      },
    ]);
    expect(fires(pack, 'mirror grade Gucci')).toBe(true);
    expect(fires(pack, 'Gucci belt with a mirror')).toBe(false); // 3 words between
    expect(fires(pack, 'Gucci belt')).toBe(false);
  });

  it('respects a one-sided window', () => {
    const pack = compiled(
      packWith({ terms: ['lose'], near: { pattern: '\\d+\\s?kg\\b', after: 2 } }),
    );
    expect(fires(pack, 'lose 10kg fast')).toBe(true);
    expect(fires(pack, 'dumbbell 10kg, lose yourself')).toBe(false);
  });

  it('drops a partner that an unless clause cancels', () => {
    const pack = compiled(
      packWith({ terms: ['rolex'], near: { terms: ['copy'], within: 3 }, unless: ['negation'] }),
    );
    expect(fires(pack, 'Rolex copy watch')).toBe(true);
    expect(fires(pack, 'Rolex is not copy')).toBe(false);
  });
});

describe('requires', () => {
  const pack = compiled(
    packWith({ terms: ['1:1', 'class a', 'tiruan'], requires: 'commerce', unless: ['negation'] }),
  );

  it('lets ambiguous short terms fire only beside commerce', () => {
    expect(fires(pack, 'LV bag 1:1 DM for price')).toBe(true);
    expect(fires(pack, 'jam tangan tiruan RM45')).toBe(true);
    expect(fires(pack, 'กระเป๋า class a ราคา 290 บาท')).toBe(true);
    expect(fires(pack, '1:1 aspect ratio photos of the sunset over the bay')).toBe(false);
    expect(fires(pack, 'Class A drivers licence exam tips')).toBe(false);
  });

  it('explains the commerce context that made it fire, in the original text', () => {
    const text = 'LV bag 1:1 DM for price';
    const [finding] = run(pack, text);
    expect(finding?.evidence).toEqual([{ field: 'description', start: 7, end: 10, text: '1:1' }]);
    expect(finding?.context?.[0]).toEqual({
      clause: 'requires',
      source: 'commerce',
      match: { field: 'description', start: 7, end: 10, text: '1:1' },
      partner: { field: 'description', start: 11, end: 13, text: 'DM' },
      words: 0,
    });
  });

  it('counts the item price only for an "item" window on a context with itemPrice', () => {
    const words = compiled(packWith({ terms: ['replica'], requires: 'commerce' }));
    const item = compiled(
      packWith({ terms: ['replica'], requires: { context: 'commerce', within: 'item' } }),
    );
    const input = {
      fields: { title: 'Rolex replica' },
      price: { amount: 120, currency: 'SGD' },
    };
    expect(evaluate(words, input)).toEqual([]);
    const [finding] = evaluate(item, input);
    expect(finding?.context?.[0]?.partner).toEqual({
      field: 'price',
      start: 0,
      end: 0,
      text: 'price 120 SGD',
    });
    expect(evaluate(item, { fields: { title: 'Rolex replica' } })).toEqual([]);
  });
});

describe('policy-level unless', () => {
  const withPolicyUnless = (rule: Record<string, unknown>, unless: unknown[]) => {
    const json = packWith(rule) as { policies: Array<Record<string, unknown>> };
    json.policies[0]!.unless = unless;
    return json;
  };

  it('applies to every terms and pattern matcher of the policy, nested ones included', () => {
    const pack = compiled(withPolicyUnless({}, ['negation']));
    expect(fires(pack, 'not fake')).toBe(false);
    expect(fires(pack, 'fake')).toBe(true);
    const nested = compiled(
      withPolicyUnless({ kind: 'any', rules: [{ kind: 'terms', terms: ['fake'] }] }, ['negation']),
    );
    expect(fires(nested, 'not fake')).toBe(false);
  });

  it('adds to the rule\'s own clauses, skips "not", and a matcher can opt out', () => {
    const both = compiled(
      withPolicyUnless({ unless: [{ terms: ['museum'], within: 3 }] }, ['negation']),
    );
    expect(fires(both, 'museum fake')).toBe(false);
    expect(fires(both, 'never fake')).toBe(false);
    const negated = compiled(
      withPolicyUnless(
        {
          kind: 'all',
          rules: [
            { kind: 'terms', terms: ['fake'] },
            { kind: 'not', rule: { kind: 'terms', terms: ['authentic'] } },
          ],
        },
        ['negation'],
      ),
    );
    // Inherited inside "not", "not authentic" would cancel "authentic" and let the rule fire.
    expect(fires(negated, 'fake, not authentic')).toBe(false);
    const optOut = compiled(withPolicyUnless({ inheritUnless: false }, ['negation']));
    expect(fires(optOut, 'not fake')).toBe(true);
  });

  it('refuses an undeclared context at the policy path', async () => {
    const result = await loadPack(withPolicyUnless({}, ['negation', 'nope']), {
      allowUnsigned: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        path: 'policies[0].unless[1].context',
        message: 'unknown context "nope"; declared: negation, commerce',
        policyId: 'p',
      },
    ]);
  });
});

describe('the context fixture pack', () => {
  const json = () => JSON.parse(readFileSync('tests/fixtures/packs/context-pack.json', 'utf8'));

  it('loads with every rule and context example passing, and reports the clauses', async () => {
    const result = await loadPack(json(), { allowUnsigned: true });
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.report.contexts?.map((c) => c.id)).toEqual([
      'negation',
      'how-to-spot',
      'warning',
      'news',
      'benign-sense',
      'commerce',
    ]);
    expect(result.report.contexts?.[0]).toMatchObject({
      termsByLanguage: { en: 11, th: 5, vi: 6, id: 8, ms: 7, fil: 5 },
      usedBy: 3,
    });
    expect(result.report.policies[0]!.rules[0]!.context).toEqual([
      'requires commerce (anywhere in the item)',
      'unless negation (3 words before)',
      'unless how-to-spot (8 words either side)',
      'unless warning (6 words either side)',
      'unless news (12 words either side, across sentences)',
      'unless benign-sense (4 words either side)',
    ]);
  });

  it('a failing example says which context decided', async () => {
    const pack = json();
    pack.policies[0].rules[0].examples.mustMatch.push('This is not a replica, DM me');
    const result = await loadPack(pack, { allowUnsigned: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        path: 'policies[0].rules[0].examples.mustMatch[8]',
        message:
          'example should match but does not ("replica" dropped: unless negation: "not" 1 word before)',
        policyId: 'counterfeit',
        ruleId: 'ambiguous-replica-terms',
        example: 'This is not a replica, DM me',
      },
    ]);
  });
});
