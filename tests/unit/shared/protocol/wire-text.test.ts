/**
 * Every string of the wire format refuses U+0000 and lone surrogates with the `unsafe_text`
 * issue, and every integer stays within a PostgreSQL `integer`: the endpoint's database
 * cannot hold anything else, and a record it cannot hold used to fail its whole batch with
 * 500 (issue 15, item 4). The test walks every string of a full sample of each schema and
 * poisons it in turn, so a field added later without the check fails here.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { writeJsonExport } from '@/lib/shared/exchange/json-format';
import { readExport } from '@/lib/shared/exchange/read-export';
import { batchItemSchema, itemResultSchema } from '@/lib/shared/protocol/batch';
import { evidenceReceiptSchema } from '@/lib/shared/protocol/evidence';
import {
  creatorHistorySchema,
  creatorRefSchema,
  enforcementActionSchema,
} from '@/lib/shared/protocol/history';
import { describeIssues, formatIssuePath } from '@/lib/shared/protocol/issues';
import { type Flag, flagSchema, type Note, noteSchema } from '@/lib/shared/protocol/records';
import { policyPackEnvelopeSchema, policyPackPublishSchema } from '@/lib/shared/protocol/service';
import {
  MAX_WIRE_INT,
  toWireText,
  UNSAFE_TEXT_ISSUE,
  unsafeTextReason,
} from '@/lib/shared/protocol/text';

const NOW = '2026-11-01T08:00:00.000Z';
const ID = '01JC0000000000000000000001';

const item = {
  platform: 'shopvid',
  kind: 'product',
  itemId: 'p-1',
  url: 'https://shopvid.example/p/1',
  creatorId: 'lena.glow',
  creatorHandle: 'lena.glow',
  title: 'Serum 30 ml',
  market: 'TH',
} as const;

const flag: Flag = {
  id: ID,
  revision: 3,
  reviewer: 'alice',
  createdAt: NOW,
  updatedAt: NOW,
  deleted: false,
  item,
  policyId: 'off-platform',
  policyVersion: '2026.11',
  ruleId: 'whatsapp',
  severity: 'high',
  source: 'auto',
  status: 'confirmed',
  evidence: [{ field: 'title', start: 0, end: 5, text: 'Serum' }],
  note: 'moves buyers to chat',
};
const creatorNote: Note = {
  id: ID,
  revision: 1,
  reviewer: 'alice',
  createdAt: NOW,
  updatedAt: NOW,
  deleted: false,
  target: {
    type: 'creator',
    creator: { platform: 'shopvid', creatorId: 'c1', handle: 'c1', displayName: 'Lena' },
  },
  text: 'repeat offender',
};
const itemNote: Note = { ...creatorNote, target: { type: 'item', item } };
const action = {
  id: ID,
  creator: { platform: 'shopvid', creatorId: 'c1' },
  action: 'warning',
  reason: 'first strike',
  at: NOW,
};

const SAMPLES: { name: string; schema: z.ZodType; value: unknown }[] = [
  { name: 'flag', schema: flagSchema, value: flag },
  { name: 'note on a creator', schema: noteSchema, value: creatorNote },
  { name: 'note on an item', schema: noteSchema, value: itemNote },
  { name: 'batch item', schema: batchItemSchema, value: { type: 'flag', record: flag } },
  { name: 'creator', schema: creatorRefSchema, value: action.creator },
  { name: 'enforcement action', schema: enforcementActionSchema, value: action },
  {
    name: 'creator history',
    schema: creatorHistorySchema,
    value: {
      creator: action.creator,
      flags: [flag],
      notes: [creatorNote],
      enforcementActions: [action],
      generatedAt: NOW,
    },
  },
  {
    name: 'policy pack publication',
    schema: policyPackPublishSchema,
    value: { version: '2026.11', pack: { id: 'p', rules: [{ terms: ['whatsapp'] }] } },
  },
  {
    name: 'policy pack envelope',
    schema: policyPackEnvelopeSchema,
    value: {
      version: '2026.11',
      etag: '"abc"',
      publishedAt: NOW,
      publishedBy: 'lead',
      pack: { id: 'p' },
    },
  },
  {
    name: 'item result',
    schema: itemResultSchema,
    value: {
      type: 'note',
      id: ID,
      revision: 1,
      result: 'rejected',
      code: 'invalid_text',
      field: 'text',
      reason: 'records[0].record.text: must not contain U+0000 (NUL) (at index 3)',
    },
  },
  {
    name: 'evidence receipt',
    schema: evidenceReceiptSchema,
    value: { sha256: 'a'.repeat(64), mimeType: 'image/png', size: 10, created: true },
  },
];

/** Every path to a string in `value`. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function withString(value: unknown, path: (string | number)[], make: (s: string) => string) {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  at[last] = make(at[last] as string);
  return copy;
}

const POISONS: [string, (s: string) => string][] = [
  ['U+0000', (s) => `${s.slice(0, 1)}\u0000${s.slice(1)}`],
  ['a lone high surrogate', (s) => `${s}\uD83D`],
  ['a lone low surrogate', (s) => `\uDE00${s}`],
];

describe('wire strings', () => {
  for (const { name, schema, value } of SAMPLES) {
    it(`${name}: the sample parses, and every string refuses U+0000 and lone surrogates`, () => {
      expect(schema.safeParse(value).success).toBe(true);
      const paths = stringPaths(value);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        for (const [what, poison] of POISONS) {
          const result = schema.safeParse(withString(value, path, poison));
          const issues = result.success ? [] : describeIssues(result.error);
          const where = formatIssuePath(path);
          // Enumerations and patterned strings (ids, severities) refuse anything unknown,
          // with their own issue; every other string must name the unsafe text.
          const freeText = schema.safeParse(withString(value, path, (s) => `${s}x`)).success;
          expect(
            issues.some((i) => i.path === where && (!freeText || i.code === UNSAFE_TEXT_ISSUE)),
            `${name}: ${where} with ${what} gave ${JSON.stringify(issues)}`,
          ).toBe(true);
        }
      }
    });
  }

  it('accepts every other character, surrogate pairs included', () => {
    const text = 'ส่งไลน์ 😀 \u0001\u001f\uFFFF \uD83D\uDE00 ok';
    expect(unsafeTextReason(text)).toBeUndefined();
    expect(flagSchema.safeParse({ ...flag, note: text }).success).toBe(true);
  });

  it('says which character and where', () => {
    expect(unsafeTextReason('ab\u0000')).toBe('must not contain U+0000 (NUL) (at index 2)');
    expect(unsafeTextReason('a\uDBFF')).toBe(
      'must not contain a lone surrogate U+DBFF (at index 1)',
    );
  });

  it('toWireText makes page text storable: drops U+0000, replaces lone surrogates', () => {
    expect(toWireText('Se\u0000rum \uD83D \uDE00 😀')).toBe('Serum \uFFFD \uFFFD 😀');
    expect(unsafeTextReason(toWireText('\uDE00\uD83D\u0000'))).toBeUndefined();
    const plain = 'nothing to change';
    expect(toWireText(plain)).toBe(plain);
  });

  it('a key of a policy pack is checked too', () => {
    const result = policyPackPublishSchema.safeParse({ version: '1', pack: { 'a\u0000': 1 } });
    expect(result.success).toBe(false);
  });
});

describe('wire integers', () => {
  it(`a revision is at most ${MAX_WIRE_INT} (a PostgreSQL integer)`, () => {
    expect(flagSchema.safeParse({ ...flag, revision: MAX_WIRE_INT }).success).toBe(true);
    const over = flagSchema.safeParse({ ...flag, revision: MAX_WIRE_INT + 1 });
    expect(over.success ? [] : describeIssues(over.error)).toEqual([
      expect.objectContaining({ path: 'revision', code: 'too_big' }),
    ]);
    for (const at of ['start', 'end'] as const) {
      const evidence = [{ ...flag.evidence[0], [at]: MAX_WIRE_INT + 1 }];
      expect(flagSchema.safeParse({ ...flag, evidence }).success).toBe(false);
    }
  });

  it('an import refuses a revision the endpoint could not store', () => {
    const file = writeJsonExport(
      { flags: [{ ...flag, revision: 2 ** 31 }], notes: [], creators: [] },
      NOW,
    );
    const read = readExport(file);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]?.where).toContain('revision');
  });

  it('the endpoint still answers a revision it refuses (results echo any safe integer)', () => {
    const result = { type: 'flag', id: ID, revision: 2 ** 31, result: 'rejected' } as const;
    expect(itemResultSchema.safeParse(result).success).toBe(true);
  });

  it('refuses year 0000, which PostgreSQL has no timestamp for', () => {
    expect(flagSchema.safeParse({ ...flag, createdAt: '0000-01-01T00:00:00Z' }).success).toBe(
      false,
    );
    expect(flagSchema.safeParse({ ...flag, createdAt: '0001-01-01T00:00:00Z' }).success).toBe(true);
  });
});
