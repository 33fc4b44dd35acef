import { describe, expect, it } from 'vitest';
import {
  decodeUnitClassRuns,
  encodeUnitClassRuns,
} from '../../../../lib/shared/policy/unicode/unit-class-runs';
import { UNIT_CLASS_RUNS } from '../../../../lib/shared/policy/unicode/unit-classes.generated';
import { isMarkUnit, unitClasses } from '../../../../lib/shared/policy/unicode-tables';
import { unitClassesFromEngine, unitClassesModule } from '../../../../scripts/gen-unit-classes';

/** The mark table as unicode-tables.ts built it before the generated classes. */
function marksFromEngine(): Uint8Array {
  const markBmp = new Uint8Array(0x10000);
  const mark = /^\p{M}$/u;
  for (let cp = 0x300; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (mark.test(String.fromCharCode(cp))) markBmp[cp] = 1;
  }
  return markBmp;
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | undefined {
  for (let u = 0; u < 0x10000; u++) {
    if (a[u] !== b[u]) return `U+${u.toString(16).padStart(4, '0')}: ${a[u]} vs ${b[u]}`;
  }
  return undefined;
}

describe('generated unit classes', () => {
  const fromEngine = unitClassesFromEngine();

  it('match the Unicode properties of this Node (else rerun scripts/gen-unit-classes.ts)', () => {
    expect(UNIT_CLASS_RUNS).toBe(encodeUnitClassRuns(fromEngine));
  });

  it('give the class the engine gives, for every BMP code unit', () => {
    const table = unitClasses();
    expect(table.length).toBe(0x10000);
    expect(firstDifference(table, fromEngine)).toBeUndefined();
  });

  it('give the marks the engine gives, for every BMP code unit', () => {
    const marks = marksFromEngine();
    const got = new Uint8Array(0x10000);
    for (let u = 0; u < 0x10000; u++) got[u] = isMarkUnit(u) ? 1 : 0;
    expect(firstDifference(got, marks)).toBeUndefined();
  });

  it('round-trip any table through the run form', () => {
    const table = new Uint8Array(0x10000);
    for (let u = 0; u < 0x10000; u++) table[u] = (u * 7919) % 13 < 3 ? (u >> 5) % 7 : 0;
    expect(decodeUnitClassRuns(encodeUnitClassRuns(table))).toEqual(table);
  });

  it('refuse runs that do not cover the BMP', () => {
    expect(() => decodeUnitClassRuns('01,11ekf')).not.toThrow();
    expect(() => decodeUnitClassRuns('01,11ek')).toThrow(/cover/);
  });

  it('render a module that exports the runs', () => {
    const text = unitClassesModule('0a,11');
    expect(text).toContain('export const UNIT_CLASS_RUNS =\n  "0a,11";');
    expect(text).toContain('node --import tsx scripts/gen-unit-classes.ts');
  });
});
