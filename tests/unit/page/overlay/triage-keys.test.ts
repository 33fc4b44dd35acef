import { describe, expect, it } from 'vitest';
import { targetFinding, triageKeyOf } from '@/components/overlay/triage-keys';

const key = (k: string, extra: Partial<{ ctrlKey: boolean; tag: string }> = {}) => ({
  key: k,
  ctrlKey: extra.ctrlKey ?? false,
  metaKey: false,
  altKey: false,
  target: { tagName: extra.tag ?? 'BUTTON' } as unknown as EventTarget,
});

describe('triageKeyOf', () => {
  it('maps the card keys', () => {
    expect(triageKeyOf(key('3'))).toEqual({ kind: 'pick', index: 2 });
    expect(triageKeyOf(key('c'))).toEqual({ kind: 'decide', decision: 'confirmed' });
    expect(triageKeyOf(key('d'))).toEqual({ kind: 'decide', decision: 'dismissed' });
    expect(triageKeyOf(key('f'))).toEqual({ kind: 'flag' });
    expect(triageKeyOf(key('n'))).toEqual({ kind: 'note' });
    expect(triageKeyOf(key('j'))).toEqual({ kind: 'step', direction: 1 });
    expect(triageKeyOf(key('k'))).toEqual({ kind: 'step', direction: -1 });
    expect(triageKeyOf(key('?'))).toEqual({ kind: 'help' });
    expect(triageKeyOf(key('Escape'))).toEqual({ kind: 'close' });
  });

  it('leaves typing, modified keys and other keys alone', () => {
    expect(triageKeyOf(key('c', { tag: 'TEXTAREA' }))).toBeUndefined();
    expect(triageKeyOf(key('1', { tag: 'SELECT' }))).toBeUndefined();
    expect(triageKeyOf(key('c', { ctrlKey: true }))).toBeUndefined();
    expect(triageKeyOf(key('0'))).toBeUndefined();
    expect(triageKeyOf(key('x'))).toBeUndefined();
    // Escape still closes from a form field.
    expect(triageKeyOf(key('Escape', { tag: 'TEXTAREA' }))).toEqual({ kind: 'close' });
  });
});

describe('targetFinding', () => {
  const findings = ['a', 'b', 'c'];
  const decided = new Set(['a']);
  it('takes the picked finding, else the first undecided', () => {
    expect(targetFinding(findings, 2, (f) => decided.has(f))).toBe('c');
    expect(targetFinding(findings, undefined, (f) => decided.has(f))).toBe('b');
    expect(targetFinding(findings, 7, (f) => decided.has(f))).toBe('b');
    expect(targetFinding(['a'], undefined, (f) => decided.has(f))).toBeUndefined();
  });
});
