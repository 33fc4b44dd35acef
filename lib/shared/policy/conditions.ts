/** Field conditions: numbers (price, list price, discount ratio, account age) and hashtags. */
import { hashtagKey } from './compile';
import type { NumberSpec } from './pack-schema';
import type { EvidenceSpan, PolicyInput } from './types';

const round = (n: number) => Math.round(n * 100) / 100;

function compare(a: number, op: NumberSpec['op'], b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** The evidence when the condition holds, undefined when it does not (or data is missing). */
export function evaluateNumber(spec: NumberSpec, input: PolicyInput): EvidenceSpan[] | undefined {
  const price = input.price;
  if (spec.currency && price?.currency.toUpperCase() !== spec.currency) return undefined;
  let value: number | undefined;
  let field = 'price';
  let text: string;
  switch (spec.field) {
    case 'price':
      value = price?.amount;
      text = `price ${value} ${price?.currency}`;
      break;
    case 'listPrice':
      value = price?.listAmount;
      text = `list price ${value} ${price?.currency}`;
      break;
    case 'discount': {
      const list = price?.listAmount;
      if (price && list !== undefined && list > 0) value = 1 - price.amount / list;
      text = `discount ${value === undefined ? '' : round(value * 100)}% (${price?.amount} from ${list} ${price?.currency})`;
      break;
    }
    case 'accountAgeDays':
      value = input.accountAgeDays;
      field = 'accountAgeDays';
      text = `account age ${value} days`;
      break;
  }
  if (value === undefined || !Number.isFinite(value)) return undefined;
  if (!compare(value, spec.op, spec.value)) return undefined;
  return [{ field, start: 0, end: 0, text }];
}

/** The hashtags as one text: each with "#", joined by single spaces (evidence offsets use it). */
export function hashtagsText(hashtags: readonly string[] | undefined): string | undefined {
  if (!hashtags || hashtags.length === 0) return undefined;
  return hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`)).join(' ');
}

export function evaluateHashtags(
  spec: { tags: readonly string[]; labels: readonly string[]; present: boolean },
  input: PolicyInput,
): EvidenceSpan[] | undefined {
  const wanted = new Set(spec.tags);
  const found: EvidenceSpan[] = [];
  let offset = 0;
  for (const raw of input.hashtags ?? []) {
    const shown = raw.startsWith('#') ? raw : `#${raw}`;
    if (wanted.has(hashtagKey(raw))) {
      found.push({ field: 'hashtags', start: offset, end: offset + shown.length, text: shown });
    }
    offset += shown.length + 1;
  }
  if (spec.present) return found.length > 0 ? found : undefined;
  if (found.length > 0) return undefined;
  const listed = spec.labels.slice(0, 8).join(', ');
  const more = spec.labels.length > 8 ? ', ...' : '';
  return [{ field: 'hashtags', start: 0, end: 0, text: `no disclosure tag (${listed}${more})` }];
}
