/** fast-check generators of valid wire records, with the text reviewers really meet. */
import fc from 'fast-check';
import type { ExportedCreator } from '@/lib/shared/exchange/envelope';
import {
  CONTENT_KINDS,
  type Flag,
  type ItemRef,
  MARKETS,
  type Note,
} from '@/lib/shared/protocol/records';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Thai, Vietnamese (combining and precomposed), quotes, commas, CR/LF, emoji, formulas. */
export const trickyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      'ก',
      'ข',
      '่',
      'ั',
      'ำ',
      'ệ',
      'ư',
      'ơ',
      'đ',
      'e\u0302\u0301',
      '"',
      ',',
      '\r',
      '\n',
      '\r\n',
      ' ',
      "'",
      '=',
      '+',
      '-',
      '@',
      '\t',
      '😀',
      '👩🏽‍💻',
      'a',
      '\uFEFF',
    ),
    maxLength: 30,
  }),
);

const ulid = fc
  .array(fc.constantFrom(...CROCKFORD), { minLength: 26, maxLength: 26 })
  .map((chars) => `0${chars.slice(1).join('')}`);
const iso = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const token = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,10}$/);
const reviewer = fc.stringMatching(/^[\w.@-]{1,12}$/);
const optionalText = (max: number) =>
  fc.option(
    trickyText.map((s) => s.slice(0, max)),
    { nil: undefined },
  );

export const itemArb: fc.Arbitrary<ItemRef> = fc.record({
  platform: token,
  kind: fc.constantFrom(...CONTENT_KINDS),
  itemId: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.length > 0),
  url: fc.webUrl({ validSchemes: ['https', 'http'] }),
  creatorId: fc.option(token, { nil: undefined }),
  creatorHandle: optionalText(256),
  title: optionalText(1000),
  market: fc.option(fc.constantFrom(...MARKETS), { nil: undefined }),
});

const base = {
  id: ulid,
  revision: fc.integer({ min: 1, max: 50 }),
  reviewer,
  createdAt: iso,
  updatedAt: iso,
  deleted: fc.boolean(),
};

export const flagArb: fc.Arbitrary<Flag> = fc.record({
  ...base,
  item: itemArb,
  policyId: token,
  policyVersion: token,
  ruleId: fc.option(token, { nil: undefined }),
  severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
  source: fc.constantFrom('auto', 'manual'),
  status: fc.constantFrom('suggested', 'confirmed', 'dismissed'),
  evidence: fc.array(
    fc
      .record({
        field: token,
        start: fc.nat(100),
        length: fc.nat(20),
        text: trickyText,
      })
      .map(({ field, start, length, text }) => ({ field, start, end: start + length, text })),
    { maxLength: 3 },
  ),
  note: trickyText,
});

export const creatorArb: fc.Arbitrary<ExportedCreator> = fc.record({
  platform: token,
  creatorId: token,
  handle: trickyText.map((s) => s.slice(0, 256)),
  displayName: optionalText(256),
  lastSeenAt: fc.option(iso, { nil: undefined }),
});

export const noteArb: fc.Arbitrary<Note> = fc.record({
  ...base,
  target: fc.oneof(
    itemArb.map((item) => ({ type: 'item' as const, item })),
    creatorArb.map(({ lastSeenAt: _seen, ...creator }) => ({ type: 'creator' as const, creator })),
  ),
  text: trickyText.filter((s) => s.length > 0),
});

const uniqueBy = <T>(arb: fc.Arbitrary<T>, key: (t: T) => string) =>
  fc.uniqueArray(arb, { selector: key, maxLength: 8 });

export const exportDataArb = fc.record({
  flags: uniqueBy(flagArb, (f) => f.id),
  notes: uniqueBy(noteArb, (n) => n.id),
  creators: uniqueBy(creatorArb, (c) => `${c.platform}:${c.creatorId}`),
});
