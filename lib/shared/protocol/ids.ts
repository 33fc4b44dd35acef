/**
 * ULIDs: 48 bits of milliseconds then 80 random bits, in Crockford base32. Sorting ids sorts
 * records by creation time, which keeps IndexedDB and server indexes append-mostly.
 * Monotonic within a millisecond so two flags made in one keystroke keep their order.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

function randomDigits(): number[] {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b & 31);
}

function incremented(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const d = next[i] ?? 0;
    if (d < 31) {
      next[i] = d + 1;
      return next;
    }
    next[i] = 0;
  }
  return randomDigits(); // 2^80 ids in one millisecond: cannot happen in practice.
}

export function newUlid(now: number = Date.now()): string {
  let time = now;
  if (time <= lastTime) {
    time = lastTime;
    lastRandom = incremented(lastRandom);
  } else {
    lastTime = time;
    lastRandom = randomDigits();
  }
  let timePart = '';
  for (let i = 0; i < 10; i++) {
    timePart = ALPHABET[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  return timePart + lastRandom.map((d) => ALPHABET[d]).join('');
}
