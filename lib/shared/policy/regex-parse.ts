/**
 * Parser for the pattern language of policy packs: a subset of JavaScript regular
 * expressions with no backreferences and no lookaround (both need backtracking). Patterns
 * are matched against a lower-cased key, so literal letters are lower-cased here.
 */
export type RegexNode =
  | { type: 'char'; code: number }
  | { type: 'class'; ranges: number[]; negate: boolean }
  | { type: 'any' }
  | { type: 'assert'; kind: 'bol' | 'eol' | 'word' | 'notword' }
  | { type: 'concat'; items: RegexNode[] }
  | { type: 'alt'; items: RegexNode[] }
  | { type: 'repeat'; item: RegexNode; min: number; max: number; lazy: boolean };

export class PatternError extends Error {}

const MAX_COUNT = 1000;
const DIGIT = [0x30, 0x39];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE = [0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x2000, 0x200a, 0x3000, 0x3000];

function complement(ranges: number[]): number[] {
  const sorted: Array<[number, number]> = [];
  for (let k = 0; k < ranges.length; k += 2) sorted.push([ranges[k]!, ranges[k + 1]!]);
  sorted.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let next = 0;
  for (const [a, b] of sorted) {
    if (a > next) out.push(next, a - 1);
    next = Math.max(next, b + 1);
  }
  if (next <= 0xffff) out.push(next, 0xffff);
  return out;
}

function lowerRange(a: number, b: number): number[] {
  const out = [a, b];
  const lo = Math.max(a, 0x41);
  const hi = Math.min(b, 0x5a);
  if (lo <= hi) out.push(lo + 32, hi + 32);
  return out;
}

const lowerCode = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 32 : c);

export function parseRegex(source: string): RegexNode {
  let i = 0;
  const fail = (message: string): never => {
    throw new PatternError(`${message} at position ${i}`);
  };
  const peek = () => source[i];

  function parseAlt(): RegexNode {
    const items = [parseConcat()];
    while (peek() === '|') {
      i++;
      items.push(parseConcat());
    }
    return items.length === 1 ? items[0]! : { type: 'alt', items };
  }

  function parseConcat(): RegexNode {
    const items: RegexNode[] = [];
    while (i < source.length && peek() !== '|' && peek() !== ')') items.push(parseRepeat());
    return items.length === 1 ? items[0]! : { type: 'concat', items };
  }

  function parseRepeat(): RegexNode {
    let item = parseAtom();
    for (;;) {
      const c = peek();
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i))) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))!;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT))
          fail('repeat count too large');
        if (max < min) fail('repeat range out of order');
        i += m[0].length - 1;
      } else return item;
      if (item.type === 'assert') fail('nothing to repeat');
      i++;
      const lazy = peek() === '?';
      if (lazy) i++;
      item = { type: 'repeat', item, min, max, lazy };
    }
  }

  function parseAtom(): RegexNode {
    const c = peek();
    if (c === undefined) return fail('unexpected end');
    if (c === '(') {
      i++;
      if (source.startsWith('?:', i)) i += 2;
      else if (/^\?(=|!|<=|<!)/.test(source.slice(i))) fail('lookaround is not allowed');
      else if (source.startsWith('?<', i)) {
        const close = source.indexOf('>', i);
        if (close < 0) fail('unterminated group name');
        i = close + 1;
      } else if (c === '(' && peek() === '?') fail('unsupported group syntax');
      const inner = parseAlt();
      if (peek() !== ')') fail('missing )');
      i++;
      return inner;
    }
    if (c === ')') return fail('unmatched )');
    if (c === '*' || c === '+' || c === '?' || c === '{') return fail('nothing to repeat');
    i++;
    if (c === '.') return { type: 'any' };
    if (c === '^') return { type: 'assert', kind: 'bol' };
    if (c === '$') return { type: 'assert', kind: 'eol' };
    if (c === '[') return parseClass();
    if (c === '\\') return parseEscape(false);
    return { type: 'char', code: lowerCode(c.charCodeAt(0)) };
  }

  /** After a backslash. In a class, returns ranges; else a node. */
  function parseEscape(inClass: true): number[];
  function parseEscape(inClass: false): RegexNode;
  function parseEscape(inClass: boolean): RegexNode | number[] {
    const c = peek();
    if (c === undefined) return fail('trailing backslash');
    i++;
    const cls = (ranges: number[], negate: boolean): RegexNode | number[] =>
      inClass ? (negate ? complement(ranges) : ranges) : { type: 'class', ranges, negate };
    const ch = (code: number): RegexNode | number[] =>
      inClass ? [code, code] : { type: 'char', code: lowerCode(code) };
    switch (c) {
      case 'd':
      case 'D':
        return cls(DIGIT, c === 'D');
      case 'w':
      case 'W':
        return cls(WORD, c === 'W');
      case 's':
      case 'S':
        return cls(SPACE, c === 'S');
      case 'b':
      case 'B':
        if (inClass) return fail('\\b is not allowed in a class');
        return { type: 'assert', kind: c === 'b' ? 'word' : 'notword' };
      case 'n':
        return ch(10);
      case 't':
        return ch(9);
      case 'r':
        return ch(13);
      case 'k':
        return fail('backreferences are not allowed');
      case 'u':
      case 'x': {
        const m = (c === 'u' ? /^[0-9a-fA-F]{4}/ : /^[0-9a-fA-F]{2}/).exec(source.slice(i));
        if (!m) return fail(`bad \\${c} escape`);
        i += m[0].length;
        return ch(Number.parseInt(m[0], 16));
      }
      default:
        if (/[1-9]/.test(c)) return fail('backreferences are not allowed');
        if (/[a-zA-Z0]/.test(c)) return fail(`unknown escape \\${c}`);
        return ch(c.charCodeAt(0));
    }
  }

  function parseClass(): RegexNode {
    const negate = peek() === '^';
    if (negate) i++;
    const ranges: number[] = [];
    let first = true;
    while (peek() !== ']' || first) {
      first = false;
      const c = peek();
      if (c === undefined) return fail('missing ]');
      let lo: number[];
      i++;
      if (c === '\\') lo = parseEscape(true);
      else lo = [c.charCodeAt(0), c.charCodeAt(0)];
      if (
        peek() === '-' &&
        source[i + 1] !== ']' &&
        source[i + 1] !== undefined &&
        lo.length === 2
      ) {
        i++;
        const d = peek()!;
        i++;
        const hi = d === '\\' ? parseEscape(true) : [d.charCodeAt(0), d.charCodeAt(0)];
        if (hi.length !== 2 || hi[0]! < lo[0]!) fail('bad class range');
        ranges.push(...lowerRange(lo[0]!, hi[0]!));
      } else {
        for (let k = 0; k < lo.length; k += 2) ranges.push(...lowerRange(lo[k]!, lo[k + 1]!));
      }
    }
    i++;
    return { type: 'class', ranges, negate };
  }

  const node = parseAlt();
  if (i < source.length) fail('unmatched )');
  return node;
}
