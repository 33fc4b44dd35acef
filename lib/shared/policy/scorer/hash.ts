/**
 * FNV-1a over UTF-16 code units, 32 bits: the scorer's feature ids. Hashing (rather than a
 * vocabulary) keeps the weights file to the features kept after pruning, and an unseen
 * n-gram costs nothing at run time: it simply has no weight.
 */
export const FNV_OFFSET = 0x811c9dc5;

/** One more code unit into a running hash. */
export const fnvStep = (hash: number, code: number): number =>
  Math.imul(hash ^ code, 0x01000193) >>> 0;

export function fnvString(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/** Feature kinds salt the hash, so the word "abc" and the 3-gram "abc" are different features. */
export const SALT_CHARS = fnvString('c');
export const SALT_WORD = fnvString('w');
export const SALT_BIGRAM = fnvString('b');
export const SALT_DIGITS = fnvString('d');
