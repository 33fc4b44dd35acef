/**
 * A growable key under construction: code units, each with the original range it came
 * from, the folds that produced it (fold-ids.ts) and per-unit flags.
 *
 * Builders are reused across calls (reset()): allocating a typed array costs about a
 * microsecond, and normalising a short field would otherwise pay for fifteen of them.
 */
export class KeyBuilder {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  folds: Uint32Array;
  flags: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.folds = new Uint32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  /** Empties the builder for reuse, making room for `capacity` units. */
  reset(capacity: number): this {
    this.length = 0;
    if (this.codes.length < capacity) {
      const size = Math.max(capacity, this.codes.length * 2);
      this.codes = new Uint16Array(size);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
      this.folds = new Uint32Array(size);
      this.flags = new Uint8Array(size);
    }
    return this;
  }

  push(unit: number, start: number, end: number, folds = 0, flags = 0): void {
    if (this.length === this.codes.length) this.grow();
    const k = this.length++;
    this.codes[k] = unit;
    this.starts[k] = start;
    this.ends[k] = end;
    this.folds[k] = folds;
    this.flags[k] = flags;
  }

  pushString(text: string, start: number, end: number, folds = 0, flags = 0): void {
    for (let k = 0; k < text.length; k++) this.push(text.charCodeAt(k), start, end, folds, flags);
  }

  /** Widens the last unit's range to `end` and adds folds to it (a squeezed repeat). */
  absorb(end: number, folds: number): void {
    const k = this.length - 1;
    if (k < 0) return;
    if (end > this.ends[k]!) this.ends[k] = end;
    this.folds[k] = this.folds[k]! | folds;
  }

  private grow(): void {
    const size = this.codes.length * 2 + 16;
    const codes = new Uint16Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const folds = new Uint32Array(size);
    const flags = new Uint8Array(size);
    codes.set(this.codes);
    starts.set(this.starts);
    ends.set(this.ends);
    folds.set(this.folds);
    flags.set(this.flags);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
    this.folds = folds;
    this.flags = flags;
  }
}
