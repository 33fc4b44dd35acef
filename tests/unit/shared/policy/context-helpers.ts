/** Small packs for the context-clause tests: one policy, one rule, the contexts given. */
import { compilePack } from '@/lib/shared/policy/compile';
import { evaluate } from '@/lib/shared/policy/evaluate';
import type { PackSpec } from '@/lib/shared/policy/pack-schema';
import type { CompiledPack, Finding } from '@/lib/shared/policy/types';

export const SIX = { en: ['x'], th: ['x'], vi: ['x'], id: ['x'], ms: ['x'], fil: ['x'] };

export const NEGATION = {
  terms: {
    en: ['not', 'no', 'never', "isn't"],
    th: ['ไม่', 'ไม่ใช่'],
    vi: ['không', 'không phải'],
    id: ['bukan', 'tidak'],
    ms: ['bukan', 'tak'],
    fil: ['hindi'],
  },
  window: { before: 3 },
  examples: { mustMatch: ['not fake'], mustNotMatch: ['notebook'] },
};

export const COMMERCE = {
  terms: {
    en: ['price', 'dm', 'order', 'buy'],
    th: ['ราคา', 'สั่งซื้อ'],
    vi: ['giá', 'mua'],
    id: ['harga', 'jual'],
    ms: ['harga', 'jual'],
    fil: ['presyo', 'bili'],
  },
  patterns: ['\\d\\s?(?:บาท|đ|฿)', '(?:\\$|\\brm|\\brp)\\s?\\d'],
  itemPrice: true,
  window: { within: 5, crossSentences: true },
  examples: { mustMatch: ['DM me'], mustNotMatch: ['hello'] },
};

export function packWith(
  rule: Record<string, unknown>,
  contexts: Record<string, unknown> = { negation: NEGATION, commerce: COMMERCE },
): Record<string, unknown> {
  return {
    id: 'ctx-test',
    version: '1.0.0',
    contexts,
    policies: [
      {
        id: 'p',
        title: 'Policy',
        description: 'A test policy.',
        severity: 'high',
        markets: ['SG', 'MY', 'TH', 'VN', 'ID', 'PH'],
        guidance: 'None.',
        rules: [
          {
            id: 'r',
            ...(rule.kind === undefined ? { kind: 'terms', terms: ['fake'] } : {}),
            examples: { mustMatch: ['fake'], mustNotMatch: ['real'] },
            ...rule,
          },
        ],
      },
    ],
  };
}

export function compiled(json: Record<string, unknown>): CompiledPack {
  const result = compilePack(json as unknown as PackSpec);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

/** The findings for one description text. */
export function run(pack: CompiledPack, text: string): Finding[] {
  return evaluate(pack, { fields: { description: text } });
}

export const fires = (pack: CompiledPack, text: string): boolean => run(pack, text).length > 0;
