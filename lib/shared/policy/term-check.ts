/**
 * What a term of a list will really match, decided before it joins the term index.
 *
 * The text key (text-key.ts) drops emoji and symbols beside a space and between two letters,
 * so a term that keeps one of them in its own key ("❄️", "khusus 18+", "c++") can only ever
 * meet a field that is exactly the term, and one whose key lost them at an edge ("ice ❄️"
 * keys as "ice ") matches far more than written. Such terms are matched instead on the
 * digits key, which keeps emoji and symbols as typed: each becomes a literal in one pattern
 * per list (compile.ts). A term with no letter, digit or symbol ("...", "&") would match that
 * punctuation anywhere and is refused; the empty key too. Lesser surprises are warnings.
 */
import type { termKey } from './normalise';

export type TermCheck =
  | { kind: 'index' }
  | { kind: 'literal'; literal: string }
  | { kind: 'refuse'; message: string };

/** Emoji and symbols (not "$", "@", "|", which the text key reads as letters). */
const SYMBOL = /[\p{S}\p{Extended_Pictographic}]/u;
const WORD = /[\p{L}\p{N}]/u;
const LEET_SYMBOL = /[$@|]/u;

const isSymbol = (c: string) => SYMBOL.test(c) && !LEET_SYMBOL.test(c);

/** Whether a term may need more than the term index: it has a character not a letter or space. */
export function mayNeedCheck(term: string): boolean {
  return !/^[\p{L}\p{M}\p{N} ]*$/u.test(term);
}

/** How a term with these keys is matched, or why it is refused. */
export function checkTerm(key: ReturnType<typeof termKey>): TermCheck {
  const text = key.text;
  if (key.fold.trim().length === 0) {
    return {
      kind: 'refuse',
      message:
        'normalises to nothing (only invisible characters or spaces?): write the word itself',
    };
  }
  const chars = [...text];
  if (chars.some(isSymbol) || symbolsOf(key.digits).some((s) => !s.inWord)) {
    return { kind: 'literal', literal: key.digits.trim() };
  }
  if (!chars.some((c) => WORD.test(c))) {
    return {
      kind: 'refuse',
      message:
        'has no letter, digit or emoji, so it would match that punctuation in any text: ' +
        'write the word it belongs to, or a pattern',
    };
  }
  return { kind: 'index' };
}

/** The emoji and symbols of a digits key, and whether each sits between two letters or digits. */
function symbolsOf(digits: string): Array<{ symbol: string; inWord: boolean }> {
  const chars = [...digits];
  const out: Array<{ symbol: string; inWord: boolean }> = [];
  chars.forEach((c, k) => {
    if (!isSymbol(c)) return;
    let before = k - 1;
    while (before >= 0 && isSymbol(chars[before]!)) before--;
    let after = k + 1;
    while (after < chars.length && isSymbol(chars[after]!)) after++;
    const inWord = WORD.test(chars[before] ?? '') && WORD.test(chars[after] ?? '');
    out.push({ symbol: c, inWord });
  });
  return out;
}

/** A warning for a term the index holds but that means less than written, or undefined. */
export function termWarning(term: string, key: ReturnType<typeof termKey>): string | undefined {
  const dropped = symbolsOf(key.digits).map((s) => s.symbol);
  if (dropped.length > 0) {
    return (
      `the ${dropped.join('')} inside a word is ignored (texts drop it too): this term ` +
      `matches "${key.text}" written with or without it`
    );
  }
  if (term.trim() !== term) return 'has spaces at its ends, which are ignored';
  return undefined;
}

const escapeChar = (c: string) => (/[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c);
const isAsciiWord = (c: string | undefined) => c !== undefined && /^[a-z0-9]$/i.test(c);

/**
 * One pattern source (digits key) matching any of the literals: spaces between two words
 * as any run of spaces, beside an emoji or symbol as none or more ("ice❄️" is "ice ❄️");
 * an ASCII letter or digit at an edge must start or end a word when the list is whole-word.
 */
export function literalPattern(
  literals: ReadonlyArray<{ literal: string; wholeWord: boolean }>,
): string {
  const one = ({ literal, wholeWord }: { literal: string; wholeWord: boolean }) => {
    const chars = [...literal];
    let out = wholeWord && isAsciiWord(chars[0]) ? '\\b' : '';
    chars.forEach((c, k) => {
      if (c !== ' ') {
        out += escapeChar(c);
        return;
      }
      if (chars[k - 1] === ' ') return;
      let next = k + 1;
      while (chars[next] === ' ') next++;
      const between = WORD.test(chars[k - 1] ?? '') && WORD.test(chars[next] ?? '');
      out += between ? '\\s+' : '\\s*';
    });
    if (wholeWord && isAsciiWord(chars[chars.length - 1])) out += '\\b';
    return out;
  };
  const sources = [...new Set(literals.map(one))];
  return sources.length === 1 ? sources[0]! : `(?:${sources.join('|')})`;
}
