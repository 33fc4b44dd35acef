/**
 * The evasion classes the normaliser undoes (issue 14, item 1): each with examples and a
 * property over generated evasions, evidence offsets checked against the original text,
 * and the folds each match reports (item 5).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack } from '@/lib/shared/policy/compile';
import { evaluate } from '@/lib/shared/policy/evaluate';
import { type FoldId, foldIdsOf, foldMaskOf } from '@/lib/shared/policy/fold-ids';
import { keyString, normalise, termKey } from '@/lib/shared/policy/normalise';
import type { PackSpec } from '@/lib/shared/policy/pack-schema';
import { compileRegex, findAllRegex } from '@/lib/shared/policy/safe-regex';
import { buildTermIndex, findTerms } from '@/lib/shared/policy/term-index';

const TERMS = [
  'replica',
  'whatsapp',
  'dm to order',
  'hàng nhái',
  'chữa khỏi ung thư',
  'ของปลอม',
  'แบรนด์เนม',
  'ก็อปเกรดเอ',
  'ติดต่อเบอร์',
  'barang palsu',
  'ทอม',
];

const spec: PackSpec = {
  id: 'evasions',
  version: '1.0.0',
  policies: [
    {
      id: 'p',
      title: 'P',
      description: 'd',
      guidance: 'g',
      severity: 'low',
      markets: ['VN'],
      rules: [
        {
          id: 'terms',
          kind: 'terms',
          terms: TERMS,
          examples: { mustMatch: ['replica'], mustNotMatch: ['original'] },
        },
      ],
    },
  ],
};
const compiled = compilePack(spec);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const index = compiled.pack.terms;

interface Match {
  text: string;
  start: number;
  end: number;
  folds: FoldId[];
}

/** Term matches in the original text, with the folds that made each match. */
function matches(input: string): Match[] {
  const n = normalise(input);
  return findTerms(index, n).map((h) => {
    const start = n.text.starts[h.start]!;
    const end = n.text.ends[h.end - 1]!;
    return { text: input.slice(start, end), start, end, folds: foldIdsOf(h.folds) };
  });
}

const PHONE = '\\b0[689]\\d{8}\\b';
/** Phone numbers the digit key shows, as original slices. */
function phones(input: string, pattern = PHONE): Array<{ text: string; folds: FoldId[] }> {
  const n = normalise(input);
  const key = n.digits;
  const regex = compileRegex(pattern);
  return findAllRegex(regex, key.codes, key.length).map(([s, e]) => ({
    text: input.slice(key.starts[s]!, key.ends[e - 1]!),
    folds: foldIdsOf(foldMaskOf(key.folds, s, e)),
  }));
}

describe('look-alike letters in either case', () => {
  it.each([
    ['RΕΡLΙСА', 'replica'], // Greek Ε Ρ Ι, Cyrillic С А: upper case
    // Upper-case Greek reads "hang nhai": a look-alike letter carries no marks to compare, so
    // the Vietnamese term "hàng nhái" matches as if typed without diacritics.
    ['ΗΑΝG ΝΗΑΙ', 'hàng nhái'],
    ['ʀᴇᴘʟɪᴄᴀ', 'replica'], // small capitals
    ['WНАТЅАРР', 'whatsapp'], // Cyrillic Н А Т Ѕ Р
    ['ԜhatsApp', 'whatsapp'], // Cyrillic Komi We
  ])('%s reads as %s', (input, term) => {
    expect(TERMS).toContain(term); // the index holds the term this case is meant to reach
    const found = matches(`buy ${input} now`);
    expect(found.map((m) => m.text)).toEqual([input]);
    expect(found[0]!.folds).toContain('look-alike');
  });

  it('folds upper-case Greek and Cyrillic that lower-casing would lose', () => {
    expect(termKey('ВАΝК').text).toBe('bank'); // в and ν alone are not look-alikes
    expect(termKey('Η').text).toBe('h');
    expect(termKey('η').text).not.toBe('h');
  });
});

const OVERLAYS = ['\u0336', '\u0332', '\u0335', '\u0338', '\u0334', '\u0333', '\u0305'];

describe('marks laid over letters', () => {
  it('drops strike-through, underline and stacked marks from Latin letters', () => {
    for (const mark of OVERLAYS) {
      const input = [...'replica'].map((c) => c + mark).join('');
      const found = matches(`a ${input} b`);
      expect(found.map((m) => m.text)).toEqual([input]);
      expect(found[0]!.folds).toContain('marks');
    }
    const zalgo = 'r\u0300\u0301\u0302\u0303e\u0316\u0317\u0318plica';
    expect(termKey(zalgo).text).toBe('repiica');
  });

  it('keeps Vietnamese marks, even under a strike-through', () => {
    expect(termKey('hàng nhái').text).toBe('hàng nhái');
    expect(termKey('ha\u0300\u0336ng nha\u0301\u0336i').text).toBe('hàng nhái');
    expect(termKey('ê\u0323\u0336').text).toBe('ệ');
    expect(termKey('e\u0323\u0302').text).toBe('ệ');
  });

  it('keeps Thai marks', () => {
    expect(termKey('ของปลอม').text).toBe('ของปลอม');
    expect(termKey('กิ่ง').text).toBe('กิ่ง');
  });

  it('property: any overlay marks on a Latin term still match, evidence covering them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('replica', 'whatsapp', 'barang palsu'),
        fc.array(fc.constantFrom(...OVERLAYS, ''), { minLength: 12, maxLength: 12 }),
        (term, marks) => {
          const input = [...term].map((c, k) => (c === ' ' ? c : c + marks[k]!)).join('');
          const text = `x ${input} y`;
          const found = matches(text);
          expect(found.map((m) => m.text)).toEqual([input]);
          expect(text.slice(found[0]!.start, found[0]!.end)).toBe(input);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const INSERTS = ['🔥', '.', '-', '*', '_', '❤️', '•', '/', '~', '✨', '"', '’'];

describe('emoji, symbols and punctuation inside words', () => {
  it.each([
    ['rep🔥lica', 'emoji-removed'],
    ['r.e.p.l.i.c.a', 'punctuation-removed'],
    ['what$app', 'leet'],
    ['rep*li*ca', 'punctuation-removed'],
  ] as const)('%s', (input, fold) => {
    const found = matches(`so ${input} ok`);
    expect(found.map((m) => m.text)).toEqual([input]);
    expect(found[0]!.folds).toContain(fold);
  });

  it('keeps two words two when an emoji sits between them with a space', () => {
    expect(termKey('buy 🔥 now').text).toBe('buy now');
    expect(termKey('buy🔥 now').text).toBe('buy now');
    expect(matches('dm 👉 to order').map((m) => m.folds)).toEqual([['emoji-removed', 'spaces']]);
  });

  it('keeps a punctuation-separated word whole ("cheap!replica" still has "replica")', () => {
    expect(matches('cheap!replica').map((m) => m.text)).toEqual(['replica']);
    expect(matches('nonreplica')).toEqual([]);
  });

  it('reads a phrase through quote marks beside its spaces', () => {
    // Scare quotes round the words a term names: "barang 'palsu'", “hàng nhái”.
    for (const input of ["barang 'palsu' ready", 'barang “palsu” ready', '"barang palsu"']) {
      expect(matches(input).map((m) => m.text)).toEqual([
        input.slice(input.indexOf('barang'), input.indexOf('palsu') + 5),
      ]);
    }
    expect(termKey("as 'aroma diffuser' para").text).toBe('as aroma diffuser para');
    expect(termKey("don't stop").text).toBe('dont stop'); // inside a word, as before
  });

  it('does not drop punctuation between digits', () => {
    expect(termKey('1:1').text).toBe('i:i');
    expect(termKey('1.5').text).toBe('i.s');
  });

  it('property: inserts between letters never hide a term; evidence is the original slice', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('replica', 'whatsapp', 'hàng nhái', 'barang palsu'),
        fc.array(fc.constantFrom(...INSERTS, '', ''), { minLength: 12, maxLength: 12 }),
        (term, inserts) => {
          const chars = [...term];
          const input = chars
            .map((c, k) => (k > 0 && c !== ' ' && chars[k - 1] !== ' ' ? inserts[k]! + c : c))
            .join('');
          const found = matches(`ok ${input} ok`);
          expect(found.map((m) => m.text)).toEqual([input]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('letters spaced or dotted out, runs of spaces', () => {
  it.each([
    'r e p l i c a',
    'r.e.p.l.i.c.a',
    'r - e - p - l - i - c - a',
    'W h a t s A p p',
    'r e p l 1 c a',
  ])('%s', (input) => {
    const found = matches(`buy ${input} today`);
    expect(found.map((m) => m.text)).toEqual([input]);
  });

  it('collapses runs of spaces and line breaks inside a phrase', () => {
    const found = matches('please dm   to\n\norder');
    expect(found.map((m) => m.text)).toEqual(['dm   to\n\norder']);
    expect(found[0]!.folds).toContain('spaces');
  });

  it.each([
    ['r e p l i c a / W h a t s A p p', ['r e p l i c a', 'W h a t s A p p']],
    ['r e p l i c a & w h a t s a p p', ['r e p l i c a', 'w h a t s a p p']],
  ])('stops a spaced-out run at a slash or "&" between two names: %s', (input, texts) => {
    expect(matches(`pay ${input} only`).map((m) => m.text)).toEqual(texts);
  });

  it('leaves single letters that are words alone', () => {
    expect(termKey('a b').text).toBe('a b');
    expect(termKey('0 8 1 2').text).toBe('o 8 i 2');
  });

  it('property: any mix of separators with spaces joins the letters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('replica', 'whatsapp'),
        fc.array(fc.constantFrom(' ', ' . ', ', ', ' - ', ' 🔥 ', ' * '), {
          minLength: 8,
          maxLength: 8,
        }),
        (term, seps) => {
          const input = [...term].map((c, k) => (k === 0 ? c : seps[k]! + c)).join('');
          expect(matches(`xx ${input} yy`).map((m) => m.text)).toEqual([input]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('numbers written with letters, words and emoji', () => {
  it.each([
    ['call 08l2 345 678', '08l2 345 678', 'digit-letters'],
    ['call O8I2345678', 'O8I2345678', 'digit-letters'],
    ['call 081🔥234📞5678', '081🔥234📞5678', 'emoji-removed'],
    ['zero eight one two three four five six seven eight', null, 'digit-words'],
    ['không tám một hai ba bốn năm sáu bảy tám', null, 'digit-words'],
    ['khong tam mot hai ba bon nam sau bay tam', null, 'digit-words'],
    ['ศูนย์แปดหนึ่งสองสามสี่ห้าหกเจ็ดแปด', null, 'digit-words'],
    ['nol lapan satu dua tiga empat lima enam tujuh lapan', null, 'digit-words'],
    ['sero siyam isa dalawa tatlo apat lima anim pito walo', null, 'digit-words'],
    ['cero nueve uno dos tres kwatro singko sais siyete otso', null, 'digit-words'],
  ] as const)('%s', (input, slice, fold) => {
    const found = phones(input);
    expect(found).toHaveLength(1);
    if (slice) expect(found[0]!.text).toBe(slice);
    expect(found[0]!.folds).toContain(fold);
  });

  it('reads number words as digits only in a run of phone length', () => {
    expect(termKey('buy one get one free').digits).toBe('buy one get one free');
    expect(termKey('harga dua ratus ribu').digits).toBe('harga dua ratus ribu');
    expect(termKey('one two three').digits).toBe('one two three');
  });

  it('marks a number glued to a word, not to a capitalised code', () => {
    expect(termKey('shop0812345678').digits).toBe('shop_0812345678');
    expect(phones('shop0812345678', '_0[689]\\d{8}\\b').map((p) => p.text)).toEqual(['0812345678']);
    expect(termKey('SKU XR0812345678').digits).toBe('sku xr0812345678');
    expect(termKey('size 10kg').digits).toBe('size 10kg');
  });

  it('property: a phone number survives separators, emoji and look-alike letters', () => {
    const LOOK = { '0': ['O', 'o'], '1': ['l', 'I'], '5': ['S'], '8': ['B'], '2': ['Z'] };
    fc.assert(
      fc.property(
        fc.constantFrom('6', '8', '9'),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.constantFrom('', '', ' ', '-', '.', '🔥', '📞', ' • '), {
          minLength: 10,
          maxLength: 10,
        }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        (second, rest, seps, disguise) => {
          const digits = ['0', second, ...rest.map(String)];
          const shown = digits.map((d, k) => {
            const options = LOOK[d as keyof typeof LOOK];
            // Look-alikes only where a real digit stands on each side.
            const inside = k > 0 && k < digits.length - 1 && !disguise[k - 1] && !disguise[k + 1];
            return disguise[k] && options && inside ? options[0]! : d;
          });
          // A disguised digit is attached to the digit before it ("08l2"), as a spaced
          // "10 S 12" reads as words.
          const input = shown
            .map((d, k) => (k === 0 ? d : (d !== digits[k] ? '' : seps[k]!) + d))
            .join('');
          const found = phones(`goi ${input} nhe`);
          expect(found.map((p) => p.text)).toEqual([input]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hashtags and handles over the pack vocabulary', () => {
  it.each([
    ['#dmtoorder', 'dmtoorder'],
    ['#DmToOrder', 'DmToOrder'],
    ['#replicabags', 'replica'],
    ['#ReplicaBags', 'Replica'],
    ['@replica_shop', 'replica'],
    ['#hàngnhái', 'hàngnhái'],
  ])('%s', (input, slice) => {
    const found = matches(`${input} sale`);
    expect(found.map((m) => m.text)).toEqual([slice]);
  });

  it('does not split ordinary words or tags into short terms', () => {
    expect(matches('replicabags')).toEqual([]);
    expect(matches('#replicate')).toEqual([]);
    expect(matches('dmtoorder')).toEqual([]);
  });

  it('names the split among the folds', () => {
    expect(matches('#replicabags')[0]!.folds).toContain('tag-split');
  });
});

describe('hashtags over a vocabulary of short words', () => {
  // A pack's many words of one or two letters split almost any rest of a tag: the split
  // takes words of three letters or more, and a term of three or more inside a tag.
  const SHORT = ['bỏ', 'đừng', 'ko', 'la', 'ra', 'si', 'an', 'ad', 'no', 'di', 'ke', 'ni'];
  const MORE = ['ya', 'ba', 'be', 'da', 'mo', 'na', 'ta', 'ka', 'sa', 'ma', 'pa', 'ku', 'mu'];
  const LONGER = ['kan', 'ber', 'bayar', 'not', 'sponsored', 'gfe', 'experience'];
  const shortIndex = buildTermIndex(
    [...SHORT, ...MORE, ...LONGER].map((t, slot) => {
      const key = termKey(t);
      return { slot, fold: key.fold, text: key.text, sensitive: true, wholeWord: true };
    }),
  );
  const found = (input: string) => {
    const n = normalise(input);
    return findTerms(shortIndex, n).map((h) =>
      input.slice(n.text.starts[h.start]!, n.text.ends[h.end - 1]!),
    );
  };

  it.each([
    ['#kolaborasiberbayar', 'bỏ'],
    ['#kandunganberbayar', 'đừng'],
  ])('%s holds no %s', (input, term) => {
    expect(SHORT).toContain(term);
    const hits = found(input);
    expect(hits.every((h) => h.length >= 3)).toBe(true);
    expect(hits.map((h) => termKey(h).fold)).not.toContain(termKey(term).fold);
  });

  it('still reads a term of three letters beside a word of the pack', () => {
    expect(found('#notsponsored')).toEqual(['not', 'sponsored']);
    expect(found('#gfeexperience')).toEqual(['gfe', 'experience']);
  });

  it('reads a short term that is a whole piece of the tag', () => {
    expect(found('#NotAnAd')).toEqual(['Not', 'An', 'Ad']);
    expect(found('#ad')).toEqual(['ad']);
  });

  it('property: a tag of ordinary words never yields a term of two letters that is not a whole piece', () => {
    const WORDS = [
      'kolaborasi',
      'berbayar',
      'kandungan',
      'sabun',
      'harga',
      'murah',
      'pagi',
      'malam',
      'kulit',
      'wajah',
      'bersih',
      'cantik',
      'segar',
      'lembut',
      'rumah',
      'tangga',
      'makan',
      'minum',
      'kopi',
      'susu',
      'baru',
      'jual',
      'promo',
      'diskon',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (words, camel) => {
          const shown = camel ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)) : words;
          const input = `#${shown.join('')}`;
          const n = normalise(input);
          const pieces = new Set<string>();
          let at = 1;
          for (const w of shown) {
            pieces.add(`${at}:${at + w.length}`);
            at += w.length;
          }
          if (!camel) pieces.clear();
          pieces.add(`1:${input.length}`);
          for (const h of findTerms(shortIndex, n)) {
            const start = n.text.starts[h.start]!;
            const end = n.text.ends[h.end - 1]!;
            if (end - start > 2) continue;
            expect(pieces, `${input} yields ${input.slice(start, end)}`).toContain(
              `${start}:${end}`,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Thai spelling variants', () => {
  it.each([
    ['ของปลอมมมม', 'ของปลอมมมม', 'repeated-letters'],
    ['ของปลอมมมมมมม!!', 'ของปลอมมมมมมม', 'repeated-letters'],
    ['แบรนด์เนม', 'แบรนด์เนม', undefined],
    ['แบรนดเนม', 'แบรนดเนม', 'thai-tone'],
    ['ก๊อปเกรดเอ', 'ก๊อปเกรดเอ', 'thai-tone'],
    ['ก๋อปเกรดเอ', 'ก๋อปเกรดเอ', 'thai-tone'],
    ['เเบรนด์เนม', 'เเบรนด์เนม', undefined],
  ] as const)('%s', (input, slice, fold) => {
    const found = matches(`ขาย${input}ราคาถูก`);
    expect(found.map((m) => m.text)).toEqual([slice]);
    if (fold) expect(found[0]!.folds).toContain(fold);
  });

  it('reads a written thanthakhat once, not also as the term without it', () => {
    expect(matches('ติดต่อเบอร์นี้').map((m) => m.text)).toEqual(['ติดต่อเบอร์']);
    const missing = matches('ติดต่อเบอรนี้');
    expect(missing.map((m) => m.text)).toEqual(['ติดต่อเบอร']);
    expect(missing[0]!.folds).toContain('thai-tone');
  });

  it('does not open a term inside a syllable whose leading vowel comes before it', () => {
    // เ แ โ ใ ไ are written before the consonant they follow in speech: "เทอม" (term) holds
    // the letters of "ทอม" but not the word.
    expect(matches('ชุดนักเรียน เปิดเทอมนี้ลด 10%')).toEqual([]);
    expect(matches('อย่าเรียกเขาว่าทอม').map((m) => m.text)).toEqual(['ทอม']);
    expect(matches('ขายแบรนด์เนม').map((m) => m.text)).toEqual(['แบรนด์เนม']); // opens on the vowel
  });

  it('keeps mai ek and mai tho apart: news, rice and white differ', () => {
    const keys = ['ข่าว', 'ข้าว', 'ขาว'].map((w) => termKey(w).fold);
    expect(new Set(keys).size).toBe(3);
  });

  it('leaves doubled letters Thai writes alone', () => {
    expect(termKey('สมมติ').text).toBe('สมมติ');
  });

  it('property: a Thai term with letters repeated three or more times still matches', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ของปลอม', 'แบรนด์เนม'),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 10, maxLength: 10 }),
        (term, repeats) => {
          const input = [...term]
            .map((c, k) => (repeats[k]! >= 2 ? c.repeat(repeats[k]! + 1) : c))
            .join('');
          expect(matches(`ขาย ${input} ถูก`).map((m) => m.text)).toEqual([input]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Vietnamese diacritics', () => {
  it('matches a text typed without diacritics and says so', () => {
    const found = matches('thuoc nay chua khoi ung thu');
    expect(found.map((m) => m.text)).toEqual(['chua khoi ung thu']);
    expect(found[0]!.folds).toContain('no-diacritics');
  });

  it('needs the same diacritics when the text carries them (chưa is not chữa)', () => {
    expect(matches('thuốc này chưa khỏi ung thư')).toEqual([]);
    expect(matches('thuốc này chữa khỏi ung thư').map((m) => m.folds)).toEqual([[]]);
  });

  it('reads the words around the match: a writer who types diacritics meant what they typed', () => {
    expect(matches('hang nhai')).toHaveLength(1);
    expect(matches('mặt hàng này hang nhai đẹp')).toEqual([]);
  });

  it('compares no diacritics where a digit stands for the letter', () => {
    expect(matches('túi h4ng nh4i đẹp').map((m) => m.text)).toEqual(['h4ng nh4i']);
    expect(matches('túi hạng nh4i đẹp')).toEqual([]);
  });

  it('property: stripping every diacritic from a term still matches', () => {
    const strip = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd');
    fc.assert(
      fc.property(fc.constantFrom('hàng nhái', 'chữa khỏi ung thư'), fc.boolean(), (term, up) => {
        const input = up ? strip(term).toUpperCase() : strip(term);
        expect(matches(`ban ${input} gia re`).map((m) => m.text)).toEqual([input]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('evidence offsets under every fold (property)', () => {
  const EVASIONS: Array<(s: string) => string> = [
    (s) => s.toUpperCase(),
    (s) => [...s].join('\u200B'),
    (s) => [...s].map((c) => (c === ' ' ? c : `${c}\u0336`)).join(''),
    (s) => s.replace(/a/g, 'А').replace(/e/g, 'Е').replace(/p/g, 'Р'),
    (s) => [...s].join(' '),
    (s) =>
      s
        .split(' ')
        .map((w) => [...w].join('.'))
        .join(' '),
    (s) => s.replace(/i/g, '🔥i'),
    (s) => s.replace(/ /g, '  \n '),
  ];
  const FILLER = fc.constantFrom('ok', ' ', 'giá', ' 🔥 ', '08', 'ดี', '\n', '.', 'a b', '#x');

  it('every match is a slice of the original whose own key holds the term', () => {
    const folds = new Set(TERMS.map((t) => termKey(t).fold.replaceAll(' ', '')));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            FILLER,
            fc
              .tuple(fc.constantFrom('replica', 'whatsapp', 'dm to order'), fc.nat(7))
              .map(([t, k]) => ` ${EVASIONS[k]!(t)} `),
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const text = parts.join('');
          for (const m of matches(text)) {
            expect(m.text).toBe(text.slice(m.start, m.end));
            const key = termKey(m.text).fold.replaceAll(' ', '');
            expect(folds.has(key)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds the planted term whatever the evasion', () => {
    fc.assert(
      fc.property(fc.constantFrom('replica', 'whatsapp', 'dm to order'), fc.nat(7), (term, k) => {
        expect(matches(`ok ${EVASIONS[k]!(term)} ok`)).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('reports the folds behind each key unit', () => {
    const n = normalise('R\u200Bе🔥p');
    expect(keyString(n.text.codes, 0, n.text.length)).toBe('rep');
    expect(foldIdsOf(n.text.folds[1]!)).toEqual(['look-alike', 'invisible']);
    expect(foldIdsOf(n.text.folds[2]!)).toEqual(['emoji-removed']);
  });
});

describe('findings name their folds', () => {
  it('lists the folds behind the evidence, and none when the text matched as written', () => {
    const pack = compilePack({
      ...spec,
      policies: [
        {
          ...spec.policies[0]!,
          rules: [
            ...spec.policies[0]!.rules,
            {
              id: 'phone',
              kind: 'pattern',
              pattern: PHONE,
              examples: { mustMatch: ['0812345678'], mustNotMatch: ['12345'] },
            },
          ],
        },
      ],
    });
    if (!pack.ok) throw new Error(JSON.stringify(pack.errors));
    const run = (title: string) =>
      evaluate(pack.pack, { fields: { title } }).map((f) => [f.ruleId, f.folds]);
    expect(run('rep🔥lica, call zero eight one two three four five six seven eight')).toEqual([
      ['terms', ['emoji-removed']],
      ['phone', ['digit-words', 'spaced-digits']],
    ]);
    expect(run('replica')).toEqual([['terms', undefined]]);
  });
});
