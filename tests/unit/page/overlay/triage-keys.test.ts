import { describe, expect, it } from 'vitest';
import { isSaveChord, targetFinding, triageKeyOf } from '@/components/overlay/triage-keys';
import { triageCommandOf } from '@/components/triage-keymap';

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
    expect(triageKeyOf(key('e'))).toEqual({ kind: 'escalate' });
  });

  it('reads the shared key table: every key the card has means there what it means in the panel', () => {
    for (const k of ['1', '5', '9', 'c', 'd', 'j', 'k', 'n', '?']) {
      expect(triageKeyOf(key(k)), k).toEqual(triageCommandOf(k, 'panel'));
      expect(triageKeyOf(key(k)), k).toEqual(triageCommandOf(k, 'overlay'));
    }
    // The panel's own keys mean nothing on the card, never something else.
    expect(triageKeyOf(key('x'))).toBeUndefined();
    expect(triageKeyOf(key('p'))).toBeUndefined();
    // The card's arrows stay the page's (they scroll it).
    expect(triageKeyOf(key('ArrowDown'))).toBeUndefined();
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

describe('isSaveChord', () => {
  const chord = (
    k: string,
    mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }>,
  ) => ({
    key: k,
    ctrlKey: mods.ctrlKey ?? false,
    metaKey: mods.metaKey ?? false,
    altKey: mods.altKey ?? false,
  });
  it('is Ctrl+Enter or Cmd+Enter, nothing else', () => {
    expect(isSaveChord(chord('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSaveChord(chord('Enter', { metaKey: true }))).toBe(true);
    expect(isSaveChord(chord('Enter', {}))).toBe(false);
    expect(isSaveChord(chord('Enter', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSaveChord(chord('s', { ctrlKey: true }))).toBe(false);
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
